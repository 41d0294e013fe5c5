/**
 * What a target means as numbers: whether a value meets it, which value a trajectory aims at,
 * and how a city target scales to a district. Pure functions over the pack's `Target`.
 */
import type { Indicator, Target } from './pack.schema.ts';

type Direction = Indicator['direction'];

/** Tolerance for float comparisons of figures printed with at most a few decimals. */
const EPSILON = 1e-9;

/**
 * Whether `value` meets the target, read in the indicator's direction.
 *
 * A plain figure (`equals`) and `approximately` are met by anything at or beyond the figure in
 * the better direction: 12 years of schooling is met by 12.1; an unemployment rate "5左右"
 * (decrease is better) is met by 4.8 and by anything up to 5 + tolerance. A `range` is met
 * inside it or beyond it in the better direction. For `maintain`, `equals` needs the figure itself
 * (or, for a ceiling of 100, that ceiling): 100% resettlement is met only by 100.
 * `zero` is met by 0; `qualitative` has no numeric reading (always false).
 */
export function meetsTarget(target: Target, direction: Direction, value: number): boolean {
  switch (target.kind) {
    case 'atLeast':
      return value >= target.value - EPSILON;
    case 'greaterThan':
      return value > target.value + EPSILON;
    case 'atMost':
      return value <= target.value + EPSILON;
    case 'lessThan':
      return value < target.value - EPSILON;
    case 'equals':
      if (direction === 'increase') return value >= target.value - EPSILON;
      if (direction === 'decrease') return value <= target.value + EPSILON;
      return value >= target.value - EPSILON; // maintain: keep at least the figure (100 stays 100)
    case 'approximately': {
      const lo = target.value - target.tolerance - EPSILON;
      const hi = target.value + target.tolerance + EPSILON;
      if (direction === 'increase') return value >= lo;
      if (direction === 'decrease') return value <= hi;
      return value >= lo && value <= hi;
    }
    case 'range':
      if (direction === 'increase') return value >= target.min - EPSILON;
      if (direction === 'decrease') return value <= target.max + EPSILON;
      return value >= target.min - EPSILON && value <= target.max + EPSILON;
    case 'zero':
      return Math.abs(value) <= EPSILON;
    case 'qualitative':
      return false;
  }
}

/**
 * The value a trajectory aims at: the figure itself, or for a range the bound nearest the
 * starting point (reaching 6.5 of "6.5-8" from 2.7 meets the target). Null when the target has
 * no number (qualitative).
 */
export function goalValue(target: Target, direction: Direction): number | null {
  switch (target.kind) {
    case 'range':
      return direction === 'decrease' ? target.max : target.min;
    case 'zero':
      return 0;
    case 'qualitative':
      return null;
    default:
      return target.value;
  }
}

/** A city target scaled by an area's share (population share of a cumulative count, say). */
export function scaleTarget(target: Target, share: number): Target {
  switch (target.kind) {
    case 'range':
      return { ...target, min: target.min * share, max: target.max * share };
    case 'approximately':
      return { ...target, value: target.value * share, tolerance: target.tolerance * share };
    case 'zero':
    case 'qualitative':
      return target;
    default:
      return { ...target, value: target.value * share };
  }
}

/** The target as short text, in the pack's unit: "≥ 4.5", "6.5–8", "≈ 5 (±0.25)". */
export function describeTarget(target: Target): string {
  const n = (x: number) => String(Math.round(x * 1e4) / 1e4);
  switch (target.kind) {
    case 'atLeast':
      return `≥ ${n(target.value)}`;
    case 'greaterThan':
      return `> ${n(target.value)}`;
    case 'atMost':
      return `≤ ${n(target.value)}`;
    case 'lessThan':
      return `< ${n(target.value)}`;
    case 'equals':
      return n(target.value);
    case 'approximately':
      return `≈ ${n(target.value)} (±${n(target.tolerance)})`;
    case 'range':
      return `${n(target.min)}–${n(target.max)}`;
    case 'zero':
      return '0';
    case 'qualitative':
      return target.description;
  }
}
