/**
 * The plan's reviews (第五章第四节): annual evaluation for any year, the mid-term review and the
 * final summary, as one structured result: every indicator for the city, every district where the
 * indicator applies, status counts per category and sector, binding indicators off track first.
 */
import type { Area, Category, Indicator, Sector, Target } from './pack.schema.ts';
import { CATEGORIES, SECTORS } from './pack.schema.ts';
import type { Evaluation, EvaluationOptions, Judgement, Observation } from './evaluate.ts';
import { DEFAULT_OPTIONS, evaluateIndicator } from './evaluate.ts';
import type { Status } from './status.ts';
import { STATUSES, STATUS_SEVERITY, isOffTrack } from './status.ts';
import { scaleTarget } from './target.ts';

export const REVIEW_KINDS = ['annual', 'midTerm', 'final'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_LABELS: Record<ReviewKind, { zh: string; en: string }> = {
  annual: { zh: '年度评价', en: 'Annual evaluation' },
  midTerm: { zh: '中期评估', en: 'Mid-term review' },
  final: { zh: '终期总结', en: 'Final review' },
};

/** The year a review looks at: mid-term and final are fixed by the plan; annual is chosen. */
export function reviewYear(
  kind: ReviewKind,
  plan: { midTermYear: number; periodEnd: number },
  annualYear?: number,
): number {
  if (kind === 'midTerm') return plan.midTermYear;
  if (kind === 'final') return plan.periodEnd;
  if (annualYear === undefined) throw new Error('an annual evaluation needs a year');
  return annualYear;
}

export type StatusCounts = Record<Status, number>;

export interface Review {
  kind: ReviewKind;
  year: number;
  /** City-level evaluation of every indicator, binding indicators off track first. */
  city: Evaluation[];
  /** District evaluations per indicator code (indicators with districtRule cityOnly have none). */
  districts: Record<string, Evaluation[]>;
  counts: {
    all: StatusCounts;
    byCategory: Record<Category, StatusCounts>;
    bySector: Record<Sector, StatusCounts>;
    /** Headline indicators of column 1 only. */
    headline: StatusCounts;
  };
  /** Codes of binding indicators that are off track (lagging or at risk) for the city. */
  bindingOffTrack: string[];
  usesSampleData: boolean;
}

export interface ReviewInput {
  kind: ReviewKind;
  year: number;
  indicators: readonly Indicator[];
  areas: readonly Area[];
  cityCode: string;
  observations: readonly Observation[];
  judgements: readonly Judgement[];
  options?: EvaluationOptions;
}

/**
 * The target an indicator sets for an area. The city gets the plan's target; a district gets the
 * same level (rates), a resident-population share (city-wide counts), or nothing (city-only).
 * Null also when a share is needed but the district's population is unknown.
 */
export function targetForArea(indicator: Indicator, area: Area, areas: readonly Area[]): Target | null {
  if (area.kind === 'city') return indicator.target;
  const rule = indicator.districtRule ?? (indicator.cumulativeOverPeriod ? 'populationShare' : 'sameAsCity');
  if (rule === 'cityOnly') return null;
  if (rule === 'sameAsCity') return indicator.target;
  const districts = areas.filter((a) => a.kind === 'district');
  const total = districts.reduce((s, a) => s + (a.residentPopulation ?? 0), 0);
  if (area.residentPopulation === null || total === 0) return null;
  return scaleTarget(indicator.target, area.residentPopulation / total);
}

/**
 * Evaluate one indicator in one area: the area's own target (see targetForArea), the plan's
 * baseline for the city only. Null when the indicator sets no target for the area.
 */
export function evaluateInArea(
  indicator: Indicator,
  area: Area,
  areas: readonly Area[],
  year: number,
  observations: readonly Observation[],
  judgements: readonly Judgement[],
  options: EvaluationOptions = DEFAULT_OPTIONS,
): Evaluation | null {
  const target = targetForArea(indicator, area, areas);
  if (!target) return null;
  return evaluateIndicator(
    {
      indicator,
      areaCode: area.code,
      year,
      observations,
      judgements,
      target,
      planBaseline: area.kind === 'city' ? indicator.baseline : null,
    },
    options,
  );
}

/** Evaluate every indicator for the city and its districts for one review. */
export function buildReview(input: ReviewInput): Review {
  const options = input.options ?? DEFAULT_OPTIONS;
  const byKey = groupBy(input.observations, (o) => `${o.indicatorCode}|${o.areaCode}`);
  const judgementsByKey = groupBy(input.judgements, (j) => `${j.indicatorCode}|${j.areaCode}`);
  const city = input.areas.find((a) => a.code === input.cityCode);
  if (!city) throw new Error(`city ${input.cityCode} is not among the areas`);
  const districtAreas = input.areas.filter((a) => a.kind === 'district');

  const evaluate = (indicator: Indicator, area: Area): Evaluation | null => {
    const key = `${indicator.code}|${area.code}`;
    return evaluateInArea(
      indicator,
      area,
      input.areas,
      input.year,
      byKey.get(key) ?? [],
      judgementsByKey.get(key) ?? [],
      options,
    );
  };

  const indicatorByCode = new Map(input.indicators.map((i) => [i.code, i]));
  const cityEvaluations = input.indicators.map((i) => evaluate(i, city) as Evaluation);
  const districts: Record<string, Evaluation[]> = {};
  for (const indicator of input.indicators) {
    const evs = districtAreas.map((a) => evaluate(indicator, a)).filter((e): e is Evaluation => e !== null);
    if (evs.length > 0) districts[indicator.code] = evs;
  }

  const counts = countByGroup(
    cityEvaluations.map((ev) => [indicatorByCode.get(ev.indicatorCode) as Indicator, ev.status]),
  );

  const rank = (ev: Evaluation) => {
    const ind = indicatorByCode.get(ev.indicatorCode) as Indicator;
    const bindingOff = ind.nature === 'binding' && isOffTrack(ev.status) ? 0 : 1;
    return [bindingOff, STATUS_SEVERITY[ev.status], ind.headline ? 0 : 1] as const;
  };
  const order = new Map(input.indicators.map((i, n) => [i.code, n]));
  const sorted = [...cityEvaluations].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return (ra[k] as number) - (rb[k] as number);
    return (order.get(a.indicatorCode) as number) - (order.get(b.indicatorCode) as number);
  });

  return {
    kind: input.kind,
    year: input.year,
    city: sorted,
    districts,
    counts,
    bindingOffTrack: sorted
      .filter((ev) => indicatorByCode.get(ev.indicatorCode)?.nature === 'binding' && isOffTrack(ev.status))
      .map((ev) => ev.indicatorCode),
    usesSampleData:
      cityEvaluations.some((e) => e.usesSampleData) ||
      Object.values(districts).some((evs) => evs.some((e) => e.usesSampleData)),
  };
}

export type GroupedCounts = Review['counts'];

/** Status counts overall, for the headline indicators, by category and by sector. */
export function countByGroup(items: Iterable<readonly [Indicator, Status]>): GroupedCounts {
  const all = emptyCounts();
  const headline = emptyCounts();
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, emptyCounts()])) as Record<
    Category,
    StatusCounts
  >;
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, emptyCounts()])) as Record<Sector, StatusCounts>;
  for (const [ind, status] of items) {
    all[status]++;
    byCategory[ind.category][status]++;
    bySector[ind.sector][status]++;
    if (ind.headline) headline[status]++;
  }
  return { all, byCategory, bySector, headline };
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
