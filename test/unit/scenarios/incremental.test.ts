/**
 * The incremental nearest facility equals a full recomputation (nearestStraightLine over the live
 * facilities in slot order) after any random sequence of additions and removals, exactly — distances
 * and the facility chosen, ties included (points and facilities on a coarse integer grid make ties
 * common).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestStraightLine } from '../../../src/domain/access/straight-line.ts';
import type { XY } from '../../../src/domain/access/straight-line.ts';
import { IncrementalNearest } from '../../../src/domain/scenarios/incremental-nearest.ts';

const xy = fc.record({
  x: fc.integer({ min: 0, max: 40 }).map((v) => v * 50),
  y: fc.integer({ min: 0, max: 40 }).map((v) => v * 50),
});
const op = fc.oneof(fc.record({ add: xy }), fc.record({ remove: fc.nat(60) }));

function full(points: XY[], facilities: XY[], live: number[], max: number) {
  const nearest = new Int32Array(points.length);
  const reach = nearestStraightLine(
    points,
    live.map((j) => facilities[j]!),
    max,
    nearest,
  );
  return { reach: Array.from(reach), slot: Array.from(nearest, (k) => (k < 0 ? -1 : live[k]!)) };
}

describe('IncrementalNearest', () => {
  it('equals a full recomputation after random additions and removals', () => {
    fc.assert(
      fc.property(
        fc.array(xy, { minLength: 1, maxLength: 80 }),
        fc.array(xy, { maxLength: 20 }),
        fc.array(op, { maxLength: 25 }),
        fc.integer({ min: 100, max: 900 }),
        (points, start, ops, max) => {
          const inc = new IncrementalNearest(points, start, max);
          const base = Array.from(inc.reach);
          const s = inc.copy();
          const facilities = start.slice();
          for (const o of ops) {
            if ('add' in o) {
              s.add(o.add);
              facilities.push(o.add);
            } else if (facilities.length > 0) {
              s.remove(o.remove % facilities.length);
            }
          }
          const want = full(points, facilities, s.liveSlots(), max);
          expect(Array.from(s.reach)).toEqual(want.reach);
          expect(Array.from(s.nearestSlot)).toEqual(want.slot);
          // The copy left the baseline alone.
          expect(Array.from(inc.reach)).toEqual(base);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adds a facility: only points strictly nearer than before and within the limit change', () => {
    // Points at x = 0, 100, 300 m; a facility at 0; limit 250 m. A new one at 300 m takes only the third
    // point (0 m); the point at 100 m keeps its 100 m, and the one at 0 keeps the older facility on a tie.
    const inc = new IncrementalNearest(
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
        { x: 300, y: 0 },
      ],
      [{ x: 0, y: 0 }],
      250,
    );
    expect(Array.from(inc.reach)).toEqual([0, 100, Infinity]);
    const { slot, changed } = inc.add({ x: 300, y: 0 });
    expect(slot).toBe(1);
    expect(changed).toEqual([2]);
    expect(Array.from(inc.reach)).toEqual([0, 100, 0]);
    expect(inc.remove(0)).toEqual([0, 1]);
    expect(Array.from(inc.reach)).toEqual([Infinity, 200, 0]);
    expect(Array.from(inc.nearestSlot)).toEqual([-1, 1, 1]);
  });
});
