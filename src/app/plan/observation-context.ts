/** Shared by entry, correction and import: the plan facts an observation is checked against. */
import type { ObservationRowContext } from '../../domain/plan/observation-rows.ts';
import type { ActivePlan } from './active-plan.ts';

export function observationContext(plan: ActivePlan): ObservationRowContext {
  return {
    indicators: plan.indicatorByCode,
    areas: plan.areas,
    baselineYear: plan.meta.baselineYear,
    periodEnd: plan.meta.periodEnd,
  };
}
