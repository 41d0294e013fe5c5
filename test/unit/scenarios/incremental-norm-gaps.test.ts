/**
 * Incremental norm gaps (only the changed facility's district recomputed) equal computeNormGaps over
 * the scenario's overlay, exactly and in the same order, for random registries and random scenarios
 * (facilities added, removed, resized with fractional capacities; districts projected; norms changed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BandCounts } from '../../../src/domain/people/age-bands.ts';
import { normSchema } from '../../../src/domain/plan/pack.schema.ts';
import type { FacilityType } from '../../../src/domain/resources/facility.ts';
import { computeNormGaps } from '../../../src/domain/resources/norm-gaps.ts';
import { applyChanges } from '../../../src/domain/scenarios/apply-changes.ts';
import type { GapFacility } from '../../../src/domain/scenarios/incremental-norm-gaps.ts';
import { IncrementalNormGaps } from '../../../src/domain/scenarios/incremental-norm-gaps.ts';
import type { AddFacilityChange, ScenarioChange } from '../../../src/domain/scenarios/scenario.ts';

const norm = (code: string, resource: string, value: number, count: number, population: string) =>
  normSchema.parse({
    code,
    name: code,
    nameEn: code,
    sector: 'health',
    resource,
    kind: 'perPopulation',
    comparator: code.endsWith('max') ? 'atMost' : 'atLeast',
    value,
    unit: '',
    unitEn: '',
    per: { count, population },
    sourceRef: 'test',
    sourceText: 'test',
  });
const NORMS = [
  norm('N-beds', 'beds', 8, 1000, 'resident'),
  norm('N-places', 'childcarePlaces', 6.5, 1000, 'resident'),
  norm('N-nurses-max', 'nurses', 3.2, 1000, 'resident'),
  norm('N-culture', 'cultureFloorAreaM2', 800, 10000, 'resident'),
  norm('N-elderly', 'elderlyCareLandM2', 0.1, 1, 'age60plus'),
  norm('N-sports', 'sportsGroundAreaM2', 2.4, 1, 'age65plus'),
];
const shares: BandCounts = {
  '0-2': 0.02,
  '3-5': 0.02,
  '6-14': 0.09,
  '15-59': 0.69,
  '60-64': 0.05,
  '65-79': 0.11,
  '80+': 0.02,
};
const DISTRICTS = ['A', 'B', 'C', 'D'];
const TYPES: FacilityType[] = ['hospital', 'communityHealthCentre', 'childcare', 'library', 'sportsVenue'];

const capacities = fc.record(
  {
    beds: fc.integer({ min: 0, max: 2000 }),
    places: fc.integer({ min: 0, max: 300 }),
    nurses: fc.double({ min: 0, max: 500, noNaN: true }),
    floorAreaM2: fc.double({ min: 0, max: 30000, noNaN: true }),
  },
  { requiredKeys: [] },
);
const district = fc.constantFrom(...DISTRICTS);
const facility = fc.record({
  type: fc.constantFrom(...TYPES),
  districtCode: district,
  status: fc.constantFrom('open' as const, 'open' as const, 'planned' as const),
  capacities,
});
const facilities = fc
  .array(facility, { maxLength: 30 })
  .map((fs) => fs.map((f, i): GapFacility => ({ ...f, id: i + 1 })));
const districts = fc.tuple(
  ...DISTRICTS.map((code) =>
    fc.record({ code: fc.constant(code), residentPopulation: fc.option(fc.integer({ min: 0, max: 2e6 })) }),
  ),
);
/** Changes over ids 1…40 (some unknown) and added ids −1…−5 (removing an added one). */
const change: fc.Arbitrary<ScenarioChange> = fc.oneof(
  fc.record({
    kind: fc.constant('addFacility' as const),
    name: fc.constant('新'),
    type: fc.constantFrom(...TYPES),
    lon: fc.constant(104),
    lat: fc.constant(30.6),
    districtCode: district,
    capacities,
  }),
  fc.record({ kind: fc.constant('removeFacility' as const), facilityId: fc.integer({ min: -5, max: 40 }) }),
  fc.record({
    kind: fc.constant('resizeFacility' as const),
    facilityId: fc.integer({ min: -2, max: 40 }),
    capacities,
  }),
  fc.record({
    kind: fc.constant('projectPopulation' as const),
    districtCode: district,
    year: fc.constant(2025),
    total: fc.integer({ min: 0, max: 3e6 }),
  }),
  fc.record({
    kind: fc.constant('changeNorm' as const),
    normCode: fc.constantFrom(...NORMS.map((n) => n.code)),
    value: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
);
const makeAdded = (c: AddFacilityChange, id: number): GapFacility => ({
  id,
  type: c.type,
  districtCode: c.districtCode,
  status: 'open',
  capacities: c.capacities,
});

function full(
  fs: GapFacility[],
  ds: Array<{ code: string; residentPopulation: number | null }>,
  cs: ScenarioChange[],
) {
  const o = applyChanges({ facilities: fs, points: [], districts: ds, norms: NORMS }, cs, makeAdded);
  return computeNormGaps({
    norms: o.norms,
    districts: o.districts,
    facilities: o.facilities,
    ageShares: shares,
  });
}

describe('IncrementalNormGaps', () => {
  it('equals computeNormGaps over the overlay, exactly, after random scenarios', () => {
    fc.assert(
      fc.property(facilities, districts, fc.array(change, { maxLength: 12 }), (fs, ds, cs) => {
        const base = new IncrementalNormGaps({
          norms: NORMS,
          districts: ds,
          facilities: fs,
          ageShares: shares,
        });
        const today = base.rows();
        expect(today).toEqual(full(fs, ds, []));
        const s = base.copy();
        s.applyScenario(cs, makeAdded);
        expect(s.rows()).toEqual(full(fs, ds, cs));
        // The baseline is untouched by its copy.
        expect(base.rows()).toEqual(today);
      }),
      { numRuns: 300 },
    );
  });

  it('one changed facility recomputes its district only', () => {
    const fs: GapFacility[] = [
      { id: 1, type: 'hospital', districtCode: 'A', status: 'open', capacities: { beds: 500 } },
      { id: 2, type: 'hospital', districtCode: 'B', status: 'open', capacities: { beds: 700 } },
    ];
    const ds = DISTRICTS.map((code) => ({ code, residentPopulation: 100_000 }));
    const base = new IncrementalNormGaps({ norms: NORMS, districts: ds, facilities: fs, ageShares: shares });
    base.rows();
    expect(base.pending()).toEqual([]);
    const s = base.copy();
    s.applyScenario([{ kind: 'resizeFacility', facilityId: 2, capacities: { beds: 900 } }], makeAdded);
    expect(s.pending()).toEqual(['B']);
    const beds = s.rows().filter((r) => r.normCode === 'N-beds');
    expect(beds.map((r) => r.supply)).toEqual([500, 900, 0, 0]);
    expect(beds[1]!.gap).toBe(0); // 800 required for 100,000 residents, 900 held
    expect(beds[0]!.gap).toBe(300);
    // A changed norm touches every district.
    const n = base.copy();
    n.applyScenario([{ kind: 'changeNorm', normCode: 'N-beds', value: 9 }], makeAdded);
    expect(n.pending().sort()).toEqual(DISTRICTS);
  });
});
