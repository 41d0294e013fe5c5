/**
 * Indicator evaluation: for one indicator, one area and one year, the expected value on the path
 * from baseline to target, the latest observation, and a status with its reasons.
 * The rules are written out in README.md (Evaluation rules); tests cover each branch.
 */
import type { Indicator, Target } from './pack.schema.ts';
import type { Status } from './status.ts';
import { goalValue, meetsTarget } from './target.ts';

export interface Observation {
  indicatorCode: string;
  areaCode: string;
  year: number;
  value: number;
  source: string;
  /** Generated demonstration data (示例数据), never a real figure. */
  sample: boolean;
}

/** A recorded assessment, for targets without a numeric reading (qualitative, 动态清零). */
export interface Judgement {
  indicatorCode: string;
  areaCode: string;
  year: number;
  status: Exclude<Status, 'noData'>;
  reason: string;
  sample: boolean;
}

export type TrajectoryMethod = 'linear' | 'growthRate';

export interface EvaluationOptions {
  method: TrajectoryMethod;
  /** Share of the required progress that still counts as on track (Open SDG uses 0.95). */
  onTrackRatio: number;
}

export const DEFAULT_OPTIONS: EvaluationOptions = { method: 'linear', onTrackRatio: 0.95 };

/** A reason for a status, in both languages, with a stable code for tests and filters. */
export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export interface Evaluation {
  indicatorCode: string;
  areaCode: string;
  year: number;
  status: Status;
  /** The target for this area (scaled for population-share districts). */
  target: Target;
  baseline: { year: number; value: number; from: 'plan' | 'observation' | 'firstObservation' } | null;
  /** The trajectory value at the year of the latest observation (or the pro-rated total). */
  expected: number | null;
  latest: { year: number; value: number; source: string; sample: boolean } | null;
  /** For cumulative targets: the sum of yearly observations through the latest year. */
  runningTotal: number | null;
  /** Achieved share of the progress the trajectory required by then (1 = exactly on the path). */
  progressRatio: number | null;
  reasons: Reason[];
  /** True when any figure used is generated sample data (示例数据). */
  usesSampleData: boolean;
}

export interface EvaluationInput {
  indicator: Indicator;
  areaCode: string;
  year: number;
  /** Observations of this indicator in this area (any years; those after `year` are ignored). */
  observations: readonly Observation[];
  judgements: readonly Judgement[];
  /** The target for this area; defaults to the indicator's target. */
  target?: Target;
  /** Baseline from the plan, used when the area has no observation for the baseline year. */
  planBaseline?: number | null;
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/** Evaluate one indicator for one area and year. Pure: everything it needs is in the input. */
export function evaluateIndicator(
  input: EvaluationInput,
  options: EvaluationOptions = DEFAULT_OPTIONS,
): Evaluation {
  const { indicator, year } = input;
  const target = input.target ?? indicator.target;
  const base: Evaluation = {
    indicatorCode: indicator.code,
    areaCode: input.areaCode,
    year,
    status: 'noData',
    target,
    baseline: null,
    expected: null,
    latest: null,
    runningTotal: null,
    progressRatio: null,
    reasons: [],
    usesSampleData: false,
  };
  if (target.kind === 'qualitative') return fromJudgement(base, input);
  if (indicator.cumulativeOverPeriod) return evaluateCumulative(base, input, target, options);
  return evaluateLevel(base, input, target, options);
}

/** Qualitative targets are assessed by people: the latest judgement up to the year decides. */
function fromJudgement(ev: Evaluation, input: EvaluationInput): Evaluation {
  const j = latestByYear(input.judgements.filter((x) => x.year <= input.year));
  if (!j) {
    return withReason(
      ev,
      'no_judgement',
      '尚无评估结论（定性目标需录入评估意见）',
      'No judgement recorded (a qualitative target is assessed by a recorded judgement)',
    );
  }
  return {
    ...ev,
    status: j.status,
    usesSampleData: j.sample,
    reasons: [
      {
        code: 'judgement',
        zh: `${j.year}年评估意见：${j.reason}`,
        en: `Judgement for ${j.year}: ${j.reason}`,
      },
    ],
  };
}

function evaluateCumulative(
  ev: Evaluation,
  input: EvaluationInput,
  target: Target,
  options: EvaluationOptions,
): Evaluation {
  const { indicator, year } = input;
  const start = indicator.baselineYear;
  const inPeriod = input.observations.filter((o) => o.year > start && o.year <= year);
  if (inPeriod.length === 0) {
    return withReason(
      ev,
      'no_observation',
      `${start + 1}年以来尚无年度数据`,
      `No yearly figure since ${start + 1}`,
    );
  }
  const goal = goalValue(target, indicator.direction) as number;
  const lastYear = Math.max(...inPeriod.map((o) => o.year));
  const total = inPeriod.reduce((s, o) => s + o.value, 0);
  const span = indicator.targetYear - start;
  const proRated = (goal * (lastYear - start)) / span;
  const reasons: Reason[] = [
    {
      code: 'running_total',
      zh: `${start + 1}—${lastYear}年累计 ${fmt(total)}，按进度应达 ${fmt(proRated)}（五年目标 ${fmt(goal)} 的 ${lastYear - start}/${span}）`,
      en: `Running total ${start + 1}–${lastYear}: ${fmt(total)} against ${fmt(proRated)} pro-rated (${lastYear - start}/${span} of the five-year ${fmt(goal)})`,
    },
  ];
  const missing = yearsBetween(start + 1, lastYear).filter((y) => !inPeriod.some((o) => o.year === y));
  if (missing.length > 0) {
    reasons.push({
      code: 'missing_years',
      zh: `缺少 ${missing.join('、')} 年数据，累计仅含已报年份`,
      en: `No figure for ${missing.join(', ')}; the total counts reported years only`,
    });
  }
  const ratio = proRated === 0 ? null : total / proRated;
  const result: Evaluation = {
    ...ev,
    expected: proRated,
    runningTotal: total,
    progressRatio: ratio,
    latest: latestObservation(inPeriod),
    usesSampleData: inPeriod.some((o) => o.sample),
    reasons,
  };
  if (meetsTarget(target, indicator.direction, total)) return { ...result, status: 'achieved' };
  const onPath =
    indicator.direction === 'decrease'
      ? total <= proRated / options.onTrackRatio
      : (ratio ?? 0) >= options.onTrackRatio;
  if (onPath && lastYear < indicator.targetYear) return { ...result, status: 'onTrack' };
  return offTrack(result, indicator, lastYear);
}

function evaluateLevel(
  ev: Evaluation,
  input: EvaluationInput,
  target: Target,
  options: EvaluationOptions,
): Evaluation {
  const { indicator, year } = input;
  const start = indicator.baselineYear;
  const upToYear = input.observations.filter((o) => o.year <= year);
  const inPeriod = upToYear.filter((o) => o.year > start);
  const latest = latestObservation(inPeriod);
  if (target.kind === 'zero') {
    const j = latestByYear(input.judgements.filter((x) => x.year <= year && x.year > start));
    if (j && (!latest || j.year >= latest.year)) return fromJudgement(ev, input);
  }
  if (!latest) {
    return withReason(
      ev,
      'no_observation',
      `${start}年基期之后尚无观测值`,
      `No observation after the ${start} baseline`,
    );
  }
  const reasons: Reason[] = [];
  if (latest.year < year) {
    reasons.push({
      code: 'stale',
      zh: `最新数据为${latest.year}年`,
      en: `Latest figure is from ${latest.year}`,
    });
  }
  const baseline = findBaseline(input, inPeriod, latest.year);
  const goal = goalValue(target, indicator.direction);
  // The baseline is a figure used too: a sample baseline observation marks the result as sample
  // data even when the latest figure is real (the contract of `usesSampleData` is "any figure used").
  const baselineIsSample =
    baseline !== null && baseline.from !== 'plan'
      ? input.observations.some((o) => o.year === baseline.year && o.value === baseline.value && o.sample)
      : false;
  let result: Evaluation = {
    ...ev,
    latest,
    baseline,
    usesSampleData: latest.sample || baselineIsSample,
    reasons,
  };
  if (meetsTarget(target, indicator.direction, latest.value)) {
    reasons.push({
      code: 'target_met',
      zh: `${latest.year}年值 ${fmt(latest.value)} 已达到目标`,
      en: `${latest.year} value ${fmt(latest.value)} meets the target`,
    });
    return { ...result, status: 'achieved' };
  }
  if (goal === null) return offTrack(result, indicator, latest.year);
  if (!baseline) {
    reasons.push({
      code: 'no_baseline',
      zh: '无基期值且仅有一个观测值，无法判断进度；目标尚未达到',
      en: 'No baseline and a single observation: progress cannot be judged; the target is not yet met',
    });
    return offTrack(result, indicator, latest.year);
  }
  // A baseline that already meets the target leaves no path to follow: the trajectory from it to the
  // goal runs backwards (unemployment 4.8 towards "5左右", decrease), and the progress ratio then
  // rewarded moving the wrong way (a rise to 5.5 read as on track). The latest value no longer meets
  // the target, so the indicator has slipped out of it: off track.
  if (meetsTarget(target, indicator.direction, baseline.value)) {
    reasons.push({
      code: 'slipped',
      zh: `基期 ${baseline.year}年值 ${fmt(baseline.value)} 已达到目标，${latest.year}年值 ${fmt(latest.value)} 已不再达标`,
      en: `The ${baseline.year} baseline ${fmt(baseline.value)} met the target; the ${latest.year} value ${fmt(latest.value)} no longer does`,
    });
    return offTrack(result, indicator, latest.year);
  }
  const expected = trajectoryValue(
    baseline.value,
    baseline.year,
    goal,
    indicator.targetYear,
    latest.year,
    options.method,
  );
  const ratio = progressRatio(
    baseline.value,
    baseline.year,
    goal,
    indicator.targetYear,
    latest,
    expected,
    options.method,
  );
  result = { ...result, expected, progressRatio: ratio };
  reasons.push({
    code: 'trajectory',
    zh: `${latest.year}年实际 ${fmt(latest.value)}，按${options.method === 'linear' ? '线性' : '增长率'}路径应达 ${fmt(expected)}（基期 ${baseline.year}年 ${fmt(baseline.value)}，目标 ${fmt(goal)}）`,
    en: `${latest.year} actual ${fmt(latest.value)}, ${options.method === 'linear' ? 'linear' : 'growth-rate'} path expects ${fmt(expected)} (baseline ${baseline.year}: ${fmt(baseline.value)}, target ${fmt(goal)})`,
  });
  if (latest.year >= indicator.targetYear) return offTrack(result, indicator, latest.year);
  if (ratio !== null && ratio >= options.onTrackRatio) return { ...result, status: 'onTrack' };
  if (ratio !== null && ratio < 0) {
    reasons.push({
      code: 'deteriorating',
      zh: '较基期向相反方向变化',
      en: 'Moving away from the target since the baseline',
    });
  }
  return offTrack(result, indicator, latest.year);
}

/** Behind the path: lagging, or at risk when the indicator is binding (约束性). */
function offTrack(ev: Evaluation, indicator: Indicator, atYear: number): Evaluation {
  const reasons = [...ev.reasons];
  if (atYear >= indicator.targetYear) {
    reasons.push({
      code: 'target_year_missed',
      zh: `${indicator.targetYear}年目标未实现`,
      en: `${indicator.targetYear} target not met`,
    });
  }
  if (indicator.nature === 'binding') {
    reasons.push({
      code: 'binding',
      zh: '约束性指标滞后，列为风险',
      en: 'A binding indicator behind its path is at risk',
    });
    return { ...ev, reasons, status: 'atRisk' };
  }
  return { ...ev, reasons, status: 'lagging' };
}

/**
 * The starting point of the trajectory: the area's observation in the baseline year, else the
 * plan's baseline, else the first observation in the period (if it is earlier than the latest).
 */
function findBaseline(
  input: EvaluationInput,
  inPeriod: readonly Observation[],
  latestYear: number,
): Evaluation['baseline'] {
  const start = input.indicator.baselineYear;
  const atStart = input.observations.find((o) => o.year === start);
  if (atStart) return { year: start, value: atStart.value, from: 'observation' };
  if (input.planBaseline !== undefined && input.planBaseline !== null) {
    return { year: start, value: input.planBaseline, from: 'plan' };
  }
  const earlier = inPeriod.filter((o) => o.year < latestYear);
  if (earlier.length === 0) return null;
  const first = earlier.reduce((a, b) => (b.year < a.year ? b : a));
  return { year: first.year, value: first.value, from: 'firstObservation' };
}

/**
 * The expected value in `year` on the path from (`fromYear`, `from`) to (`toYear`, `to`).
 * Linear by default; `growthRate` follows a constant compound rate (Open SDG), which needs
 * both ends positive and falls back to linear otherwise.
 */
export function trajectoryValue(
  from: number,
  fromYear: number,
  to: number,
  toYear: number,
  year: number,
  method: TrajectoryMethod,
): number {
  if (toYear <= fromYear) return to;
  const t = Math.min(1, Math.max(0, (year - fromYear) / (toYear - fromYear)));
  if (method === 'growthRate' && from > 0 && to > 0) {
    // In logarithms when the quotient overflows (a baseline near zero, e.g. 5e-324).
    const q = to / from;
    return Number.isFinite(q)
      ? from * Math.pow(q, t)
      : Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)));
  }
  return from + (to - from) * t;
}

/**
 * Achieved progress as a share of the progress required by the path. Linear: (actual − baseline) /
 * (expected − baseline). Growth rate (Open SDG): actual compound growth rate / required rate.
 * Null when the path is flat (nothing was required by then).
 */
function progressRatio(
  from: number,
  fromYear: number,
  to: number,
  toYear: number,
  latest: { year: number; value: number },
  expected: number,
  method: TrajectoryMethod,
): number | null {
  if (latest.year <= fromYear) return null;
  if (method === 'growthRate' && from > 0 && to > 0 && latest.value > 0 && to !== from) {
    // Differences of logarithms, not the logarithm of a quotient: a quotient of two positive doubles
    // can overflow to Infinity (a baseline near zero), their logarithms cannot.
    const actual = (Math.log(latest.value) - Math.log(from)) / (latest.year - fromYear);
    const required = (Math.log(to) - Math.log(from)) / (toYear - fromYear);
    if (required !== 0) return actual / required;
  }
  const required = expected - from;
  if (Math.abs(required) < 1e-12) return null;
  return (latest.value - from) / required;
}

function latestObservation(obs: readonly Observation[]): Evaluation['latest'] {
  const o = latestByYear(obs);
  return o ? { year: o.year, value: o.value, source: o.source, sample: o.sample } : null;
}

function latestByYear<T extends { year: number }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const x of items) if (!best || x.year > best.year) best = x;
  return best;
}

function yearsBetween(from: number, to: number): number[] {
  const ys: number[] = [];
  for (let y = from; y <= to; y++) ys.push(y);
  return ys;
}

function withReason(ev: Evaluation, code: string, zh: string, en: string): Evaluation {
  return { ...ev, reasons: [...ev.reasons, { code, zh, en }] };
}
