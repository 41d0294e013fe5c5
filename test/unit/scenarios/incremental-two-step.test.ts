/**
 * Incremental 2SFCA/E2SFCA (only the changed facility's catchment, or the catchments holding changed
 * demand, recomputed) equals twoStepFloatingCatchment over the live facilities and the current
 * demand, exactly, for random points, facilities, zones and sequences of additions, removals, resizes
 * and demand changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { XY } from '../../../src/domain/access/straight-line.ts';
import { binaryZones, e2sfcaZones, twoStepFloatingCatchment } from '../../../src/domain/access/two-step.ts';
import { IncrementalTwoStep } from '../../../src/domain/scenarios/incremental-two-step.ts';

const xy = fc.record({
  x: fc.double({ min: 0, max: 3000, noNaN: true }),
  y: fc.double({ min: 0, max: 3000, noNaN: true }),
});
const amount = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true }));
type Step =
  | { add: XY; supply: number }
  | { remove: number }
  | { resize: number; supply: number }
  | { demand: Array<[number, number]> };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ add: xy, supply: amount }),
  fc.record({ remove: fc.nat() }),
  fc.record({ resize: fc.nat(), supply: amount }),
  fc.record({ demand: fc.array(fc.tuple(fc.nat(), amount), { minLength: 1, maxLength: 5 }) }),
);

describe('IncrementalTwoStep', () => {
  it('equals the full 2SFCA/E2SFCA after random sequences of changes', () => {
    fc.assert(
      fc.property(
        fc.array(xy, { minLength: 1, maxLength: 60 }),
        fc.array(amount, { minLength: 60, maxLength: 60 }),
        fc.array(fc.tuple(xy, amount), { maxLength: 10 }),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(binaryZones(700), e2sfcaZones(900), binaryZones(0)),
        (points, demand0, base, steps, zones) => {
          const demand = demand0.slice(0, points.length);
          const facilities: Array<{ at: XY; supply: number } | null> = base.map(([at, supply]) => ({
            at,
            supply,
          }));
          const full = () => {
            const live = facilities.filter((f): f is { at: XY; supply: number } => f !== null);
            return Array.from(
              twoStepFloatingCatchment(
                points,
                demand,
                live.map((f) => f.at),
                live.map((f) => f.supply),
                zones,
              ).accessibility,
            );
          };
          const inc = new IncrementalTwoStep(
            points,
            demand,
            base.map(([at]) => at),
            base.map(([, s]) => s),
            zones,
          );
          const today = full();
          expect(Array.from(inc.accessibility)).toEqual(today);
          const s = inc.copy();
          for (const st of steps) {
            if ('add' in st) {
              expect(s.add(st.add, st.supply)).toBe(facilities.length);
              facilities.push({ at: st.add, supply: st.supply });
            } else if ('remove' in st) {
              if (facilities.length === 0) continue;
              const j = st.remove % facilities.length;
              s.remove(j);
              facilities[j] = null;
            } else if ('resize' in st) {
              if (facilities.length === 0) continue;
              const j = st.resize % facilities.length;
              s.resize(j, st.supply);
              const f = facilities[j];
              if (f) f.supply = st.supply;
            } else {
              const m = new Map(st.demand.map(([i, d]) => [i % points.length, d]));
              s.setDemand(m);
              for (const [i, d] of m) demand[i] = d;
            }
            expect(Array.from(s.accessibility)).toEqual(full());
          }
          expect(s.liveSlots()).toEqual(facilities.flatMap((f, j) => (f ? [j] : [])));
          // The baseline is untouched by its copy.
          expect(Array.from(inc.accessibility)).toEqual(today);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a change reaches only the points in the changed catchments', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 5000, y: 0 },
    ];
    const s = new IncrementalTwoStep(points, [10, 10, 10], [{ x: 5000, y: 10 }], [30], binaryZones(500));
    expect(Array.from(s.accessibility)).toEqual([0, 0, 3]);
    const c = s.copy();
    c.add({ x: 50, y: 0 }, 40); // 40 places for the 20 people of the first two points
    expect(Array.from(c.accessibility)).toEqual([2, 2, 3]);
    c.setDemand(new Map([[0, 30]])); // 40 for 40 people now
    expect(Array.from(c.accessibility)).toEqual([1, 1, 3]);
    c.remove(0);
    expect(Array.from(c.accessibility)).toEqual([1, 1, 0]);
  });
});
