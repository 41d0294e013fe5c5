/**
 * Comparisons as sets of intervals, the one shape the batch evaluator tests per person: every op on
 * a number (eq, ne, lt, le, gt, ge, in, notIn) is "the value lies in one of these closed intervals",
 * possibly negated. Strict bounds use the neighbouring double (v > t exactly when v ≥ nextUp(t)), so
 * the set is exact, not approximately right.
 *
 * Ages become intervals of birth days: age ≥ N exactly when birthDay ≤ ageCutoffDay(N) (derive.ts),
 * so the batch never computes an age.
 */
import type { ComparisonOp, Literal } from './catalog.schema.ts';
import type { CivilDate } from './derive.ts';
import { ageCutoffDay } from './derive.ts';

export type Interval = readonly [lo: number, hi: number];

export interface IntervalTest {
  intervals: Interval[];
  /** 1: the comparison holds when the value is in none of the intervals (ne, notIn). */
  neg: 0 | 1;
}

const view = new DataView(new ArrayBuffer(8));

/** The next double above `x` (finite x). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** The next double below `x` (finite x). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** The comparison `value op threshold` over numbers, as intervals (non-numbers match nothing). */
export function numberTest(op: ComparisonOp, threshold: Literal | Literal[]): IntervalTest {
  const list = (Array.isArray(threshold) ? threshold : [threshold]).filter(
    (t): t is number => typeof t === 'number',
  );
  const points = list.map((t): Interval => [t, t]);
  // A list means membership whatever the op (as evaluate.ts reads it): ne and notIn negate it.
  if (op === 'notIn' || op === 'ne') return { intervals: points, neg: 1 };
  if (Array.isArray(threshold) || op === 'in' || op === 'eq') return { intervals: points, neg: 0 };
  const t = list[0];
  if (t === undefined) return { intervals: [], neg: 0 };
  switch (op) {
    case 'lt':
      return { intervals: [[-Infinity, nextDown(t)]], neg: 0 };
    case 'le':
      return { intervals: [[-Infinity, t]], neg: 0 };
    case 'gt':
      return { intervals: [[nextUp(t), Infinity]], neg: 0 };
    case 'ge':
      return { intervals: [[t, Infinity]], neg: 0 };
  }
}

/**
 * An interval of ages (full years or months) as an interval of birth days on `on`: ages are whole,
 * so [lo, hi] is [⌈lo⌉, ⌊hi⌋], and ⌈lo⌉ ≤ age ≤ ⌊hi⌋ exactly when
 * cutoff(⌊hi⌋ + 1) < birthDay ≤ cutoff(⌈lo⌉). Empty sets are dropped.
 */
export function ageToBirthDays(test: IntervalTest, unit: 'years' | 'months', on: CivilDate): IntervalTest {
  const intervals: Interval[] = [];
  for (const [lo, hi] of test.intervals) {
    const from = Math.ceil(lo);
    const to = Math.floor(hi);
    if (from > to) continue;
    const dayLo = to === Infinity ? -Infinity : ageCutoffDay(unit, to + 1, on) + 1;
    const dayHi = from === -Infinity ? Infinity : ageCutoffDay(unit, from, on);
    if (dayLo <= dayHi) intervals.push([dayLo, dayHi]);
  }
  return { intervals, neg: test.neg };
}
