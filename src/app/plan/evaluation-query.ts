/** The year and area a board or indicator page looks at, checked against the active plan. */
import type { Area } from '../../domain/plan/pack.schema.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { ActivePlan } from './active-plan.ts';
import { requireArea } from './active-plan.ts';

export interface EvaluationQuery {
  year?: number;
  areaCode?: string;
}

/** The board opens on the current year, clamped into the plan period. */
export function defaultYear(current: number, periodStart: number, periodEnd: number): number {
  return Math.min(periodEnd, Math.max(periodStart, current));
}

export function resolveQuery(plan: ActivePlan, q: EvaluationQuery, now: Date): { year: number; area: Area } {
  const { periodStart, periodEnd } = plan.meta;
  const year = q.year ?? defaultYear(now.getUTCFullYear(), periodStart, periodEnd);
  if (!Number.isInteger(year) || year < periodStart || year > periodEnd) {
    throw invalidField(
      'year',
      `须为 ${periodStart}–${periodEnd} 之间的年份，收到 ${year}`,
      `must be a year from ${periodStart} to ${periodEnd}, got ${year}`,
    );
  }
  return { year, area: requireArea(plan, q.areaCode ?? plan.city.code) };
}
