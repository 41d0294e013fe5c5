/** Indicators computed from the facility registry: formulas on hand-made registries, and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryFacility } from '../../../src/domain/resources/registry-indicators.ts';
import {
  REGISTRY_INDICATORS,
  computeRegistryIndicator,
  registryIndicatorFor,
} from '../../../src/domain/resources/registry-indicators.ts';

const f = (x: Partial<RegistryFacility> & Pick<RegistryFacility, 'type'>): RegistryFacility => ({
  districtCode: 'A',
  communityCode: null,
  status: 'open',
  ownership: 'public',
  capacities: {},
  ...x,
});
const city = { code: 'C', residentPopulation: 30_000 };
const districts = [
  { code: 'A', residentPopulation: 10_000 },
  { code: 'B', residentPopulation: 20_000 },
  { code: 'N', residentPopulation: null },
];
const communities = [
  { code: 'A1', districtCode: 'A', type: 'community' as const },
  { code: 'A2', districtCode: 'A', type: 'community' as const },
  { code: 'A3', districtCode: 'A', type: 'village' as const },
  { code: 'B1', districtCode: 'B', type: 'community' as const },
];
const run = (code: string, facilities: RegistryFacility[]) =>
  computeRegistryIndicator(
    REGISTRY_INDICATORS.find((d) => d.indicatorCode === code)!,
    {
      facilities,
      city,
      districts,
      communities,
    },
  );

describe('computeRegistryIndicator', () => {
  it('beds per 1,000: hospitals and community health centres, open ones only', () => {
    const r = run('H13', [
      f({ type: 'hospital', capacities: { beds: 60 } }),
      f({ type: 'communityHealthCentre', capacities: { beds: 20 } }),
      f({ type: 'elderlyCareInstitution', capacities: { beds: 500 } }),
      f({ type: 'hospital', status: 'planned', capacities: { beds: 999 } }),
      f({ type: 'hospital', districtCode: 'B', capacities: { beds: 100 } }),
    ]);
    expect(r.formula.zh).toContain('÷ 常住人口 × 1,000');
    expect(r.city).toMatchObject({
      value: (180 * 1000) / 30_000,
      numerator: 180,
      denominator: 30_000,
      facilities: 3,
    });
    expect(r.byDistrict[0]).toMatchObject({ areaCode: 'A', value: 8, numerator: 80, facilities: 2 });
    expect(r.byDistrict[1]).toMatchObject({ areaCode: 'B', value: 5 });
    expect(r.byDistrict[2]).toMatchObject({ areaCode: 'N', value: null });
    expect(r.byDistrict[2]!.reason?.en).toContain('population');
  });

  it('physicians and nurses per 1,000 over all types; childcare places per 1,000; culture per 10,000; sports per resident', () => {
    const reg = [
      f({ type: 'hospital', capacities: { physicians: 30, nurses: 40 } }),
      f({ type: 'communityHealthCentre', capacities: { physicians: 15, nurses: 5 } }),
      f({ type: 'childcare', capacities: { places: 65 } }),
      f({ type: 'culturalCentre', capacities: { floorAreaM2: 700 } }),
      f({ type: 'library', capacities: { floorAreaM2: 300 } }),
      f({ type: 'sportsVenue', capacities: { floorAreaM2: 26_000 } }),
    ];
    expect(run('H03', reg).byDistrict[0]!.value).toBe(4.5);
    expect(run('H14', reg).byDistrict[0]!.value).toBe(4.5);
    expect(run('H06', reg).byDistrict[0]!.value).toBe(6.5);
    expect(run('H22', reg).byDistrict[0]!.value).toBe(1000);
    expect(run('H23', reg).byDistrict[0]!.value).toBe(2.6);
    expect(run('H23', reg).formula.en).toBe(
      'sum of area of sports venues (m²) of open facilities ÷ resident population',
    );
  });

  it('nursing-type bed share: institutions without the figure are left out and counted', () => {
    const r = run('H17', [
      f({ type: 'elderlyCareInstitution', capacities: { beds: 100, nursingBeds: 60 } }),
      f({ type: 'elderlyCareInstitution', capacities: { beds: 100, nursingBeds: 40 } }),
      f({ type: 'elderlyCareInstitution', capacities: { beds: 300 } }),
    ]);
    expect(r.byDistrict[0]).toMatchObject({ value: 50, numerator: 100, denominator: 200, facilities: 2 });
    expect(r.byDistrict[0]!.note?.en).toContain('1 institution');
    const none = run('H17', [f({ type: 'elderlyCareInstitution', capacities: { beds: 300 } })]);
    expect(none.city.value).toBeNull();
    expect(none.city.reason).not.toBeNull();
  });

  it('inclusive shares: public and inclusive kindergarten places, elderly-care beds', () => {
    const r = run('H25', [
      f({ type: 'kindergarten', ownership: 'public', capacities: { places: 300 } }),
      f({ type: 'kindergarten', ownership: 'inclusive', capacities: { places: 500 } }),
      f({ type: 'kindergarten', ownership: 'private', capacities: { places: 200 } }),
    ]);
    expect(r.city.value).toBe(80);
    const beds = run('H30', [
      f({ type: 'elderlyCareInstitution', ownership: 'private', capacities: { beds: 35 } }),
      f({ type: 'elderlyCareInstitution', ownership: 'inclusive', capacities: { beds: 65 } }),
    ]);
    expect(beds.city.value).toBe(65);
  });

  it('day-care coverage: urban communities with a centre registered in them; villages and uncoded centres left out', () => {
    const r = run('H16', [
      f({ type: 'communityDayCareCentre', communityCode: 'A1' }),
      f({ type: 'communityDayCareCentre', communityCode: 'A1' }),
      f({ type: 'communityDayCareCentre', communityCode: 'A3' }),
      f({ type: 'communityDayCareCentre', communityCode: null }),
    ]);
    expect(r.byDistrict[0]).toMatchObject({ value: 50, numerator: 1, denominator: 2, facilities: 4 });
    expect(r.byDistrict[0]!.note?.en).toContain('1 day-care centre');
    expect(r.byDistrict[1]).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(r.city).toMatchObject({ numerator: 1, denominator: 3 });
    const uncoded = run('H16', [f({ type: 'communityDayCareCentre' })]);
    expect(uncoded.city.value).toBeNull();
    expect(uncoded.city.reason?.en).toContain('names its community');
  });

  it('finds indicators by their name as plans print it, and none for others', () => {
    expect(registryIndicatorFor({ name: '每千人口医疗卫生机构床位数' })?.indicatorCode).toBe('H13');
    expect(registryIndicatorFor({ name: '每千人口拥有执业(助理)医师数' })?.indicatorCode).toBe('H03');
    expect(registryIndicatorFor({ name: '城镇调查失业率' })).toBeNull();
    expect(REGISTRY_INDICATORS.map((d) => d.indicatorCode)).toEqual([
      'H03',
      'H06',
      'H13',
      'H14',
      'H22',
      'H23',
      'H16',
      'H17',
      'H25',
      'H30',
    ]);
  });

  it('property: district numerators add up to the city numerator, and capacities scale the value', () => {
    const facility = fc.record({
      type: fc.constantFrom(
        'hospital',
        'communityHealthCentre',
        'childcare',
        'library',
        'sportsVenue',
        'culturalCentre',
      ),
      districtCode: fc.constantFrom('A', 'B', 'N'),
      status: fc.constantFrom('open', 'open', 'closed'),
      beds: fc.integer({ min: 0, max: 1000 }),
      other: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(facility, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (xs, k) => {
        const reg = (m: number) =>
          xs.map((x) =>
            f({
              type: x.type,
              districtCode: x.districtCode,
              status: x.status as 'open' | 'closed',
              capacities: {
                beds: x.beds * m,
                physicians: x.other * m,
                places: x.other * m,
                floorAreaM2: x.other * m,
              },
            }),
          );
        for (const code of ['H03', 'H06', 'H13', 'H22', 'H23']) {
          const r = run(code, reg(1));
          const sum = r.byDistrict.reduce((s, d) => s + (d.numerator ?? 0), 0);
          expect(sum).toBe(r.city.numerator);
          const scaled = run(code, reg(k));
          expect(scaled.city.value).toBeCloseTo(k * (r.city.value as number), 6);
        }
      }),
      { numRuns: 100 },
    );
  });
});
