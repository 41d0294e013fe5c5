/**
 * Incremental 2SFCA/E2SFCA (only the changed facility's catchment, or the catchments holding changed
 * demand, recomputed) equals twoStepFloatingCatchment over the live facilities and the current
 * demand, exactly, for random points, facilities, zones and sequences of additions, removals, resizes
 * and demand changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryZones, e2sfcaZones, twoStepFloatingCatchment } from '../../../src/domain/access/two-step.ts';
import { IncrementalTwoStep } from '../../../src/domain/scenarios/incremental-two-step.ts';
import { amount, checkSteps, stepArbitrary } from '../../support/incremental-steps.ts';

const xy = fc.record({
  x: fc.double({ min: 0, max: 3000, noNaN: true }),
  y: fc.double({ min: 0, max: 3000, noNaN: true }),
});

describe('IncrementalTwoStep', () => {
  it('equals the full 2SFCA/E2SFCA after random sequences of changes', () => {
    fc.assert(
      fc.property(
        fc.array(xy, { minLength: 1, maxLength: 60 }),
        fc.array(amount, { minLength: 60, maxLength: 60 }),
        fc.array(fc.record({ at: xy, supply: amount }), { maxLength: 10 }),
        fc.array(stepArbitrary(xy), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(binaryZones(700), e2sfcaZones(900), binaryZones(0)),
        (points, demand0, base, steps, zones) => {
          checkSteps({
            base,
            demand0: demand0.slice(0, points.length),
            steps,
            placeOf: (at) => at,
            create: (facilities, supply, demand) =>
              new IncrementalTwoStep(points, demand, facilities, supply, zones),
            full: (live, demand) =>
              twoStepFloatingCatchment(
                points,
                demand,
                live.map((f) => f.at),
                live.map((f) => f.supply),
                zones,
              ).accessibility,
          });
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
