/**
 * One indicator in depth: its definition as the plan states it, its evaluation for an area and year,
 * the chart series, every district's status, and the figures behind them.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { evaluateInArea, groupBy, targetForArea } from '../../domain/plan/review.ts';
import { buildTrajectorySeries } from '../../domain/plan/trajectory-series.ts';
import type { DistrictRowView, IndicatorDetailView } from '../../domain/plan/views.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { requireIndicator } from './active-plan.ts';
import type { EvaluationQuery } from './evaluation-query.ts';
import { resolveQuery } from './evaluation-query.ts';
import { loadFigures } from './figures.ts';

export async function getIndicator(
  ctx: AppContext,
  actor: Actor,
  code: string,
  q: EvaluationQuery,
): Promise<IndicatorDetailView> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  const indicator = requireIndicator(plan, code);
  const { year, area } = resolveQuery(plan, q, ctx.clock.now());
  const figures = await loadFigures(ctx.db, { indicatorCode: code, maxYear: year });
  const obsBy = groupBy(figures.observations, (o) => o.areaCode);
  const judBy = groupBy(figures.judgements, (j) => j.areaCode);
  const evaluate = (a: typeof area) =>
    evaluateInArea(
      indicator,
      a,
      plan.areas,
      year,
      obsBy.get(a.code) ?? [],
      judBy.get(a.code) ?? [],
      ctx.evaluation,
    );

  const evaluation = evaluate(area);
  const target = targetForArea(indicator, area, plan.areas);
  const series =
    evaluation && target && target.kind !== 'qualitative'
      ? buildTrajectorySeries(
          indicator,
          target,
          obsBy.get(area.code) ?? [],
          evaluation.baseline,
          ctx.evaluation.method,
        )
      : null;

  const districts: DistrictRowView[] = plan.districts.map((d) => {
    const ev = evaluate(d);
    return {
      areaCode: d.code,
      name: d.name,
      nameEn: d.nameEn,
      status: ev?.status ?? 'noData',
      evaluation: ev,
      note: ev ? null : noTargetNote(indicator.districtRule, d.residentPopulation),
    };
  });

  const stored = await new ObservationRepository(ctx.db).list({ indicatorCode: code, areaCode: area.code });
  return {
    indicator,
    areaCode: area.code,
    year,
    evaluation,
    series,
    districts,
    observations: stored,
    judgements: (judBy.get(area.code) ?? []).slice().sort((a, b) => a.year - b.year),
    relatedNorms: plan.norms.filter((n) => n.sector === indicator.sector),
  };
}

function noTargetNote(rule: string | undefined, population: number | null): { zh: string; en: string } {
  if (rule === 'cityOnly')
    return { zh: '该指标仅考核全市', en: 'This indicator is assessed for the city only' };
  if (population === null) {
    return {
      zh: '缺少该区常住人口，无法按人口分解目标',
      en: 'No resident population for this district: the target cannot be shared out',
    };
  }
  return { zh: '该区无分解目标', en: 'No target for this district' };
}
