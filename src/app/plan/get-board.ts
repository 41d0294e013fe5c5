/** The indicator board: every indicator of the plan evaluated for one area and one year, with counts. */
import type { Actor } from '../../domain/identity/roles.ts';
import { countByGroup, evaluateInArea, groupBy } from '../../domain/plan/review.ts';
import type { Indicator } from '../../domain/plan/pack.schema.ts';
import type { BoardRow, BoardView } from '../../domain/plan/views.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { loadFigures } from './figures.ts';
import type { EvaluationQuery } from './evaluation-query.ts';
import { resolveQuery } from './evaluation-query.ts';

export async function getBoard(ctx: AppContext, actor: Actor, q: EvaluationQuery): Promise<BoardView> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  const { year, area } = resolveQuery(plan, q, ctx.clock.now());
  const figures = await loadFigures(ctx.db, { areaCode: area.code, maxYear: year });
  const obsBy = groupBy(figures.observations, (o) => o.indicatorCode);
  const judBy = groupBy(figures.judgements, (j) => j.indicatorCode);

  const rows: BoardRow[] = plan.indicators.map((ind) => {
    const evaluation = evaluateInArea(
      ind,
      area,
      plan.areas,
      year,
      obsBy.get(ind.code) ?? [],
      judBy.get(ind.code) ?? [],
      ctx.evaluation,
    );
    return {
      code: ind.code,
      name: ind.name,
      nameEn: ind.nameEn,
      headline: ind.headline,
      category: ind.category,
      sector: ind.sector,
      unit: ind.unit,
      unitEn: ind.unitEn,
      nature: ind.nature,
      direction: ind.direction,
      cumulativeOverPeriod: ind.cumulativeOverPeriod,
      baseline: ind.baseline,
      baselineText: ind.baselineText,
      targetText: ind.targetText,
      target: ind.target,
      evaluation,
    };
  });
  return {
    year,
    areaCode: area.code,
    counts: countByGroup(
      rows.flatMap((r, n) =>
        r.evaluation ? [[plan.indicators[n] as Indicator, r.evaluation.status] as const] : [],
      ),
    ),
    rows,
    usesSampleData: rows.some((r) => r.evaluation?.usesSampleData),
  };
}
