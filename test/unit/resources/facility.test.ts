/** Facility validation: every field named with its reason; a good record passes unchanged. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FacilityContext } from '../../../src/domain/resources/facility.ts';
import { CAPACITY_KEYS, FACILITY_TYPES, validateFacility } from '../../../src/domain/resources/facility.ts';

const ctx: FacilityContext = {
  districtCodes: new Set(['510104', '510105']),
  communityDistrict: (c) => (c === '510104017001' ? '510104' : null),
  bounds: { minLon: 102.9, minLat: 30.0, maxLon: 104.95, maxLat: 31.5 },
};
const good = {
  name: '锦江区妇幼保健院',
  type: 'hospital',
  lon: 104.08,
  lat: 30.65,
  districtCode: '510104',
  communityCode: '510104017001',
  capacities: { beds: 300, nursingBeds: 20, physicians: '85' },
  ownership: 'public',
  status: 'open',
  openingDate: '2019-06-01',
  source: '区卫健局 2024 年报',
};
const fields = (input: Record<string, unknown>) => validateFacility(input, ctx).problems.map((p) => p.field);

describe('validateFacility', () => {
  it('accepts a complete record and reads numbers given as text', () => {
    const r = validateFacility(good, ctx);
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({
      type: 'hospital',
      capacities: { beds: 300, nursingBeds: 20, physicians: 85 },
    });
  });

  it('defaults ownership to public and status to open', () => {
    expect(validateFacility({ ...good, ownership: undefined, status: undefined }, ctx).draft).toMatchObject({
      ownership: 'public',
      status: 'open',
    });
  });

  it('names each wrong field', () => {
    expect(fields({ ...good, name: '' })).toEqual(['name']);
    expect(fields({ ...good, type: 'castle' })).toEqual(['type']);
    expect(fields({ ...good, lon: 30.65, lat: 104.08 })).toEqual(['lon']); // swapped
    expect(fields({ ...good, lat: 'north' })).toEqual(['lat']);
    expect(fields({ ...good, districtCode: '110101', communityCode: null })).toEqual(['districtCode']);
    expect(fields({ ...good, communityCode: '510104099001' })).toEqual(['communityCode']);
    expect(fields({ ...good, districtCode: '510105' })).toEqual(['communityCode']); // community in another district
    expect(fields({ ...good, capacities: { beds: -1 } })).toEqual(['capacities.beds']);
    expect(fields({ ...good, capacities: { rooms: 4 } })).toEqual(['capacities.rooms']);
    expect(fields({ ...good, capacities: { beds: 10, nursingBeds: 11 } })).toEqual([
      'capacities.nursingBeds',
    ]);
    expect(fields({ ...good, openingDate: '2023-02-30' })).toEqual(['openingDate']);
    expect(fields({ ...good, ownership: 'state' })).toEqual(['ownership']);
    expect(fields({ ...good, source: ' ' })).toEqual(['source']);
  });

  it('says every problem in both languages', () => {
    const r = validateFacility({}, ctx);
    expect(r.draft).toBeNull();
    expect(r.problems.length).toBeGreaterThanOrEqual(5);
    for (const p of r.problems) expect(p.zh.length > 0 && p.en.length > 0).toBe(true);
  });

  it('accepts any type, any in-bounds point and any non-negative capacities', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FACILITY_TYPES),
        fc.double({ min: 102.9, max: 104.95, noNaN: true }),
        fc.double({ min: 30.0, max: 31.5, noNaN: true }),
        fc.dictionary(fc.constantFrom(...CAPACITY_KEYS.filter((k) => k !== 'nursingBeds')), fc.nat(100_000)),
        (type, lon, lat, capacities) => {
          const r = validateFacility({ ...good, type, lon, lat, capacities }, ctx);
          expect(r.problems).toEqual([]);
          expect(r.draft?.capacities).toEqual(capacities);
        },
      ),
    );
  });
});
