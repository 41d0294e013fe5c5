/**
 * The residential points held, per district: how many, how many people, how many are synthetic
 * (示例) and how many have age bands estimated from a total; beside the district's population in the
 * plan pack, so a planner sees whether an import covers a district fully.
 */
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import type { AppContext } from '../context.ts';
import type { ResidentialPointSummary } from '../../domain/people/residential-point-views.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

export async function getResidentialPointSummary(
  ctx: AppContext,
  actor: Actor,
): Promise<ResidentialPointSummary> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  const totals = new Map(
    (await new ResidentialPointRepository(ctx.db).totalsByDistrict()).map((t) => [t.districtCode, t]),
  );
  const districts = plan.districts.map((d) => {
    const t = totals.get(d.code);
    return {
      districtCode: d.code,
      name: d.name,
      points: t?.points ?? 0,
      population: t?.population ?? 0,
      synthetic: t?.synthetic ?? 0,
      bandsEstimated: t?.bandsEstimated ?? 0,
      packPopulation: d.residentPopulation,
    };
  });
  const sum = (f: (d: (typeof districts)[number]) => number) => districts.reduce((s, d) => s + f(d), 0);
  return {
    districts,
    points: sum((d) => d.points),
    population: sum((d) => d.population),
    synthetic: sum((d) => d.synthetic),
  };
}
