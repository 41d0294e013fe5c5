/**
 * Wording, colours and number formats shared by the Word and Excel reviews, so the two documents
 * made from one review never disagree on a title, a figure or a colour.
 */
import type { Evaluation } from '../../../domain/plan/evaluate.ts';
import type { Area, Indicator, PackMeta } from '../../../domain/plan/pack.schema.ts';
import type { Review, StatusCounts } from '../../../domain/plan/review.ts';
import { REVIEW_LABELS, emptyCounts } from '../../../domain/plan/review.ts';
import type { Status } from '../../../domain/plan/status.ts';

export const SAMPLE_WARNING = '含示例数据（非真实统计）';
export const SAMPLE_NOTICE = '本报告含示例数据，仅供演示，非真实统计';

export const METHOD_LABELS: Record<'linear' | 'growthRate', string> = {
  linear: '线性路径（自基期值至目标值按年等额推进）',
  growthRate: '增长率路径（按不变年均增长率推进；两端不全为正时按线性）',
};

/**
 * Status colours as RRGGBB: a pale fill with a dark text colour of the same hue, after the
 * conditional-format palette readers already know from Excel (good / neutral / bad).
 */
export const STATUS_COLOURS: Record<Status, { fill: string; text: string }> = {
  achieved: { fill: 'C6EFCE', text: '006100' },
  onTrack: { fill: 'DDEBF7', text: '1F4E79' },
  lagging: { fill: 'FFEB9C', text: '9C5700' },
  atRisk: { fill: 'FFC7CE', text: '9C0006' },
  noData: { fill: 'E7E6E6', text: '595959' },
};

/** "成都市“十四五”公共服务规划 2023年 中期评估报告". */
export function reviewTitle(meta: PackMeta, review: Review): string {
  return `${meta.title} ${review.year}年 ${REVIEW_LABELS[review.kind].zh}报告`;
}

/** A figure rounded to 3 decimals: evaluation figures carry float noise (99.344000001). */
export function roundValue(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A figure as text, or an em dash when there is none. */
export function formatValue(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : String(roundValue(x));
}

/**
 * Beijing time as "2024-03-01 09:30（北京时间）". Chengdu keeps UTC+8 all year (no daylight
 * saving), so a fixed offset gives the same text on any server, whatever its time zone.
 */
export function formatBeijingTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}（北京时间）`;
}

/** The evaluation's reasons in Chinese, joined the way a Chinese sentence list is. */
export function reasonsZh(ev: Evaluation): string {
  return ev.reasons.map((r) => r.zh).join('；');
}

/** The latest figure with its year; for cumulative targets the running total is what counts. */
export function latestText(ev: Evaluation, indicator: Indicator): string {
  if (!ev.latest) return '—';
  if (indicator.cumulativeOverPeriod && ev.runningTotal !== null) {
    return `${formatValue(ev.runningTotal)}（${indicator.baselineYear + 1}—${ev.latest.year}年累计）`;
  }
  return `${formatValue(ev.latest.value)}（${ev.latest.year}年）`;
}

/** Name with unit, as the plan's tables print it: "城镇调查失业率（%）". */
export function nameWithUnit(indicator: Indicator): string {
  return indicator.unit ? `${indicator.name}（${indicator.unit}）` : indicator.name;
}

export function indexByCode<T extends { code: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.code, x]));
}

/**
 * Look up an indicator a review refers to. A review built from another pack than the one passed
 * is a caller's mistake that would otherwise print half-empty rows, so it fails loudly here.
 */
export function indicatorOf(byCode: Map<string, Indicator>, code: string): Indicator {
  const ind = byCode.get(code);
  if (!ind) throw new Error(`review refers to indicator ${code}, which is not in the indicators given`);
  return ind;
}

/** Districts in pack order: the reviews evaluate districts only, not functional zones. */
export function districtsOf(areas: readonly Area[]): Area[] {
  return areas.filter((a) => a.kind === 'district');
}

export function countStatuses(evs: readonly Evaluation[]): StatusCounts {
  const counts = emptyCounts();
  for (const ev of evs) counts[ev.status]++;
  return counts;
}

export function totalOf(counts: StatusCounts): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}
