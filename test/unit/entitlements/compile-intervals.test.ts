/**
 * The interval form of comparisons (compile-intervals.ts): strict bounds through the neighbouring
 * double are exact, every op on numbers means what evaluate.ts's compareValues means, and ages
 * become the right birth-day ranges (worked by hand for 2025-02-28).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPARISON_OPS } from '../../../src/domain/entitlements/catalog.schema.ts';
import type { IntervalTest } from '../../../src/domain/entitlements/compile-intervals.ts';
import {
  ageToBirthDays,
  nextDown,
  nextUp,
  numberTest,
} from '../../../src/domain/entitlements/compile-intervals.ts';
import { civilOf } from '../../../src/domain/entitlements/derive.ts';
import { compareValues } from '../../../src/domain/entitlements/evaluate.ts';
import { isoDay } from '../../../src/domain/entitlements/population-columns.ts';

const holds = ({ intervals, neg }: IntervalTest, v: number) =>
  (intervals.some(([lo, hi]) => v >= lo && v <= hi) ? 1 : 0) !== neg;

describe('intervals', () => {
  it('nextUp/nextDown are the neighbouring doubles', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        expect(nextUp(x) > x).toBe(true);
        expect(nextDown(x) < x).toBe(true);
        // Nothing lies strictly between x and its neighbour: the midpoint rounds to one of them.
        const mid = x / 2 + nextUp(x) / 2;
        expect(mid === x || mid === nextUp(x)).toBe(true);
      }),
    );
  });

  it('every op on numbers means what compareValues means', () => {
    const num = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARISON_OPS),
        num,
        fc.array(num, { minLength: 1, maxLength: 3 }),
        num,
        (op, t, ts, v) => {
          const list = op === 'in' || op === 'notIn';
          const threshold = list ? ts : t;
          expect(holds(numberTest(op, threshold), v)).toBe(compareValues(op, v, threshold));
          expect(holds(numberTest(op, threshold), t)).toBe(compareValues(op, t, threshold));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ages become birth-day ranges: on 2025-02-28, age 80 is born 1944-02-29 … 1945-02-28', () => {
    const on = civilOf('2025-02-28');
    const age80 = ageToBirthDays(numberTest('eq', 80), 'years', on);
    expect(age80).toEqual({ intervals: [[isoDay('1944-02-29'), isoDay('1945-02-28')]], neg: 0 });
    // age < 80.5 is age ≤ 80: born after 1944-02-28 (81 on 2025-02-28 means born by 1944-02-28).
    const under = ageToBirthDays(numberTest('lt', 80.5), 'years', on);
    expect(under).toEqual({ intervals: [[isoDay('1944-02-29'), Infinity]], neg: 0 });
    // An age that is not whole is nobody's.
    expect(ageToBirthDays(numberTest('eq', 59.5), 'years', on).intervals).toEqual([]);
    expect(ageToBirthDays(numberTest('ne', 59.5), 'years', on)).toEqual({ intervals: [], neg: 1 });
  });
});
