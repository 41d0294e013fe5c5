/** Norm gaps by arithmetic: supply counted from open facilities of the right types against value × population / per. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normSchema } from '../../../src/domain/plan/pack.schema.ts';
import type { BandCounts } from '../../../src/domain/people/age-bands.ts';
import type { SupplyFacility } from '../../../src/domain/resources/norm-gaps.ts';
import { computeNormGaps } from '../../../src/domain/resources/norm-gaps.ts';

const norm = (code: string, resource: string, value: number, count: number, population = 'resident') =>
  normSchema.parse({
    code,
    name: code,
    nameEn: code,
    sector: 'health',
    resource,
    kind: 'perPopulation',
    comparator: 'atLeast',
    value,
    unit: '',
    unitEn: '',
    per: { count, population },
    sourceRef: 'test',
    sourceText: 'test',
  });
const shares: BandCounts = {
  '0-2': 0.02,
  '3-5': 0.02,
  '6-14': 0.09,
  '15-59': 0.69,
  '60-64': 0.05,
  '65-79': 0.11,
  '80+': 0.02,
};
const districts = [
  { code: 'A', residentPopulation: 100_000 },
  { code: 'B', residentPopulation: null },
];
const f = (
  type: SupplyFacility['type'],
  districtCode: string,
  capacities: SupplyFacility['capacities'],
  status: SupplyFacility['status'] = 'open',
): SupplyFacility => ({
  type,
  districtCode,
  status,
  capacities,
});

describe('computeNormGaps', () => {
  it('counts beds of hospitals and health centres only, open ones only', () => {
    const rows = computeNormGaps({
      norms: [norm('N-beds', 'beds', 8, 1000)],
      districts,
      facilities: [
        f('hospital', 'A', { beds: 500 }),
        f('communityHealthCentre', 'A', { beds: 50 }),
        f('elderlyCareInstitution', 'A', { beds: 900 }),
        f('hospital', 'A', { beds: 1000 }, 'planned'),
      ],
      ageShares: shares,
    });
    expect(rows[0]).toMatchObject({
      districtCode: 'A',
      computable: true,
      required: 800,
      supply: 550,
      gap: 250,
      met: false,
      rate: 5.5,
    });
    expect(rows[1]).toMatchObject({
      districtCode: 'B',
      computable: false,
      reason: expect.objectContaining({ en: expect.any(String) }),
    });
  });

  it('estimates age groups from the shares and says so', () => {
    const [row] = computeNormGaps({
      norms: [norm('N-sw', 'physicians', 1, 100, 'age60plus')],
      districts: [districts[0]!],
      facilities: [],
      ageShares: shares,
    });
    expect(row).toMatchObject({
      population: 18_000,
      populationEstimated: true,
      required: 180,
      supply: 0,
      gap: 180,
    });
  });

  it('lists norms the registry cannot count as not computable, never as zero', () => {
    const [row] = computeNormGaps({
      norms: [norm('N-amb', 'ambulances', 1, 30000)],
      districts: [districts[0]!],
      facilities: [],
      ageShares: shares,
    });
    expect(row).toMatchObject({ computable: false, supply: null, gap: null });
  });

  it('gap is max(0, required − supply) and met iff the gap is zero', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(5000), { maxLength: 20 }), (pop, places) => {
        const [row] = computeNormGaps({
          norms: [norm('N-cc', 'childcarePlaces', 6.5, 1000)],
          districts: [{ code: 'A', residentPopulation: pop }],
          facilities: places.map((p) => f('childcare', 'A', { places: p })),
          ageShares: shares,
        });
        const supply = places.reduce((a, b) => a + b, 0);
        const required = (6.5 * pop) / 1000;
        expect(row?.supply).toBe(supply);
        expect(row?.required).toBeCloseTo(required, 9);
        expect(row?.gap).toBeCloseTo(Math.max(0, required - supply), 9);
        expect(row?.met).toBe(supply >= required);
      }),
    );
  });
});
