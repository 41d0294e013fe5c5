/**
 * The numbers behind an indicator chart: baseline, the expected path year by year, the target
 * band and the observations. Web draws them as SVG and the review documents as PNG, from the
 * same series, so the two never disagree.
 */
import type { Indicator, Target } from './pack.schema.ts';
import type { Observation, TrajectoryMethod } from './evaluate.ts';
import { trajectoryValue } from './evaluate.ts';
import { goalValue } from './target.ts';

export interface TrajectorySeries {
  years: number[];
  /** Expected value per year (running total for cumulative indicators); null when no path exists. */
  expected: Array<number | null>;
  /** The band that meets the target: [low, high]; open ends are null. */
  targetBand: { low: number | null; high: number | null } | null;
  observed: Array<{ year: number; value: number; sample: boolean }>;
  baseline: { year: number; value: number } | null;
  cumulative: boolean;
}

export function buildTrajectorySeries(
  indicator: Indicator,
  target: Target,
  observations: readonly Observation[],
  baseline: { year: number; value: number } | null,
  method: TrajectoryMethod,
): TrajectorySeries {
  const years: number[] = [];
  for (let y = indicator.baselineYear; y <= indicator.targetYear; y++) years.push(y);
  const goal = goalValue(target, indicator.direction);
  const sorted = [...observations].sort((a, b) => a.year - b.year);
  let observed = sorted.map((o) => ({ year: o.year, value: o.value, sample: o.sample }));
  let expected: Array<number | null>;
  if (indicator.cumulativeOverPeriod && goal !== null) {
    const span = indicator.targetYear - indicator.baselineYear;
    expected = years.map((y) => (goal * (y - indicator.baselineYear)) / span);
    let total = 0;
    observed = observed
      .filter((o) => o.year > indicator.baselineYear)
      .map((o) => ({ ...o, value: (total += o.value) }));
  } else if (goal !== null && baseline) {
    expected = years.map((y) =>
      y < baseline.year
        ? null
        : trajectoryValue(baseline.value, baseline.year, goal, indicator.targetYear, y, method),
    );
  } else {
    expected = years.map(() => null);
  }
  return {
    years,
    expected,
    targetBand: band(target, indicator.direction),
    observed,
    baseline: indicator.cumulativeOverPeriod ? null : baseline,
    cumulative: indicator.cumulativeOverPeriod,
  };
}

function band(target: Target, direction: Indicator['direction']): TrajectorySeries['targetBand'] {
  switch (target.kind) {
    case 'range':
      return { low: target.min, high: target.max };
    case 'approximately':
      return { low: target.value - target.tolerance, high: target.value + target.tolerance };
    case 'atLeast':
    case 'greaterThan':
      return { low: target.value, high: null };
    case 'atMost':
    case 'lessThan':
      return { low: null, high: target.value };
    case 'equals':
      return direction === 'decrease' ? { low: null, high: target.value } : { low: target.value, high: null };
    case 'zero':
      return { low: 0, high: 0 };
    case 'qualitative':
      return null;
  }
}
