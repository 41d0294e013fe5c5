/** The scenario overlay: what each change does to the inputs, and that the inputs are never changed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BandCounts } from '../../../src/domain/people/age-bands.ts';
import { AGE_BANDS } from '../../../src/domain/people/age-bands.ts';
import type { OverlayFacility } from '../../../src/domain/scenarios/apply-changes.ts';
import { applyChanges, populationFactors } from '../../../src/domain/scenarios/apply-changes.ts';
import type { AddFacilityChange, ScenarioChange } from '../../../src/domain/scenarios/scenario.ts';
import { projectedTotal } from '../../../src/domain/scenarios/scenario.ts';

const bands = (total: number): BandCounts =>
  Object.fromEntries(AGE_BANDS.map((b, i) => [b, i === 3 ? total : 0])) as BandCounts;

const facilities: OverlayFacility[] = [
  { id: 1, type: 'childcare', districtCode: 'A', status: 'open', capacities: { places: 60 } },
  { id: 2, type: 'hospital', districtCode: 'B', status: 'open', capacities: { beds: 500, nurses: 200 } },
  { id: 3, type: 'park', districtCode: 'A', status: 'open', capacities: {} },
];
const points = [
  { districtCode: 'A', population: bands(100), total: 100 },
  { districtCode: 'A', population: bands(300), total: 300 },
  { districtCode: 'B', population: bands(50), total: 50 },
];
const districts = [
  { code: 'A', residentPopulation: 400 },
  { code: 'B', residentPopulation: null },
];
const norms = [{ code: 'N1', value: 6.5 }];
const make = (c: AddFacilityChange, id: number): OverlayFacility => ({
  id,
  type: c.type,
  districtCode: c.districtCode,
  status: 'open',
  capacities: c.capacities,
});

describe('applyChanges', () => {
  it('adds, removes and resizes facilities, projects population and changes norms', () => {
    const changes: ScenarioChange[] = [
      {
        kind: 'addFacility',
        name: 'n',
        type: 'childcare',
        lon: 104,
        lat: 30.6,
        districtCode: 'B',
        capacities: { places: 80 },
      },
      { kind: 'removeFacility', facilityId: 3 },
      { kind: 'resizeFacility', facilityId: 2, capacities: { beds: 800 } },
      { kind: 'projectPopulation', districtCode: 'A', year: 2030, total: 600 },
      {
        kind: 'projectPopulation',
        districtCode: 'B',
        year: 2030,
        trend: { fromYear: 2020, fromPopulation: 40, toYear: 2025, toPopulation: 50 },
      },
      { kind: 'changeNorm', normCode: 'N1', value: 8 },
    ];
    const r = applyChanges({ facilities, points, districts, norms }, changes, make);
    expect(r.facilities.map((f) => f.id)).toEqual([1, 2, -1]);
    expect(r.facilities[1]!.capacities).toEqual({ beds: 800, nurses: 200 });
    expect(r.facilities[2]).toMatchObject({
      type: 'childcare',
      districtCode: 'B',
      capacities: { places: 80 },
    });
    // A: 400 → 600, every point × 1.5. B: 50 × (50/40)^(5/5) = 62.5 against the points' 50 (no pack figure).
    expect(r.points.map((p) => p.total)).toEqual([150, 450, 62.5]);
    expect(r.points[1]!.population['15-59']).toBe(450);
    expect(r.districts).toEqual([
      { code: 'A', residentPopulation: 600 },
      { code: 'B', residentPopulation: 62.5 },
    ]);
    expect(r.norms).toEqual([{ code: 'N1', value: 8 }]);
  });

  it('extrapolates a trend at a constant annual rate', () => {
    const c = {
      kind: 'projectPopulation' as const,
      districtCode: 'A',
      year: 2030,
      trend: { fromYear: 2020, fromPopulation: 100, toYear: 2025, toPopulation: 121 },
    };
    expect(projectedTotal(c)).toBeCloseTo(121 * 1.21, 9);
    expect(populationFactors(districts, points, [c]).get('A')!.factor).toBeCloseTo((121 * 1.21) / 400, 12);
  });

  it('never changes its inputs, and no changes give equal inputs back', () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('removeFacility' as const), facilityId: fc.integer({ min: 0, max: 4 }) }),
      fc.record({
        kind: fc.constant('resizeFacility' as const),
        facilityId: fc.integer({ min: 0, max: 4 }),
        capacities: fc.record({ places: fc.nat(500) }),
      }),
      fc.record({
        kind: fc.constant('projectPopulation' as const),
        districtCode: fc.constantFrom('A', 'B'),
        year: fc.constant(2030),
        total: fc.nat(10000),
      }),
      fc.record({ kind: fc.constant('changeNorm' as const), normCode: fc.constant('N1'), value: fc.nat(20) }),
      fc.record({
        kind: fc.constant('addFacility' as const),
        name: fc.constant('x'),
        type: fc.constantFrom('childcare' as const, 'park' as const),
        lon: fc.constant(104),
        lat: fc.constant(30.6),
        districtCode: fc.constantFrom('A', 'B'),
        capacities: fc.record({ places: fc.nat(200) }),
      }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes) => {
        const base = { facilities, points, districts, norms };
        const frozen = JSON.stringify(base);
        const r = applyChanges(base, changes, make);
        expect(JSON.stringify(base)).toBe(frozen);
        // Facility count: today's minus removed ones plus added ones.
        const removed = new Set(changes.flatMap((c) => (c.kind === 'removeFacility' ? [c.facilityId] : [])));
        const added = changes.filter((c) => c.kind === 'addFacility').length;
        expect(r.facilities).toHaveLength(facilities.filter((f) => !removed.has(f.id)).length + added);
        // Population projected per district: the points of a district add up to its projected total (A has a pack figure equal to its points).
        const lastA = changes.filter((c) => c.kind === 'projectPopulation' && c.districtCode === 'A').pop();
        const sumA = r.points.filter((p) => p.districtCode === 'A').reduce((s, p) => s + p.total, 0);
        if (lastA && lastA.kind === 'projectPopulation') expect(sumA).toBeCloseTo(lastA.total ?? 0, 6);
        else expect(sumA).toBe(400);
      }),
    );
    const same = applyChanges({ facilities, points, districts, norms }, [], make);
    expect(same).toEqual({ facilities, points, districts, norms });
  });
});
