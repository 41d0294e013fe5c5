/**
 * The projection of the registry-computed indicators to the end of the plan (issue 4 §3): today's
 * registry plus every unfinished project with a facility type and a capacity that is planned to end
 * by then, recomputed per district with the registry's own functions, against the plan's targets.
 */
import type { Target } from '../../domain/plan/pack.schema.ts';
import type { ProjectInclusion, ProjectedValue } from '../../domain/projects/projection.ts';
import { projectInclusion, projectRegistryIndicators } from '../../domain/projects/projection.ts';
import type { Capacities } from '../../domain/projects/capacity-estimate.ts';
import { projectCapacity, typicalCapacities } from '../../domain/projects/capacity-estimate.ts';
import { registryIndicatorFor } from '../../domain/resources/registry-indicators.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { ProjectRepository } from '../../store/repositories/project.repository.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

export interface ProjectionView {
  year: number;
  indicators: Array<{
    indicatorCode: string;
    name: string;
    nameEn: string;
    unit: string;
    targetText: string;
    target: Target;
    city: ProjectedValue & { name: string };
    byDistrict: Array<ProjectedValue & { name: string }>;
  }>;
  /** Every project and whether (and how) it entered the projection, with the capacity it counted. */
  projects: ProjectionProjectView[];
  usesSyntheticFacilities: boolean;
  computedAt: string;
}

export interface ProjectionProjectView {
  code: string;
  name: string;
  inclusion: ProjectInclusion;
  /** The capacity counted (entered, or estimated), null when the project is not counted. */
  capacities: Capacities | null;
  estimated: boolean;
  basis: { zh: string; en: string } | null;
}

export async function getProjection(
  ctx: AppContext,
  actor: Actor,
  yearInput?: number,
): Promise<ProjectionView> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  const year = yearInput ?? plan.meta.periodEnd;
  if (!Number.isInteger(year) || year < plan.meta.periodStart || year > plan.meta.periodEnd + 10)
    throw invalidField(
      'year',
      `年份应在 ${plan.meta.periodStart}–${plan.meta.periodEnd + 10} 之间，收到 ${year}`,
      `year must be within ${plan.meta.periodStart}–${plan.meta.periodEnd + 10}; got ${year}`,
    );
  const [facilities, communities, projects] = await Promise.all([
    new FacilityRepository(ctx.db).list(),
    new SubAreaRepository(ctx.db).listKind('community'),
    new ProjectRepository(ctx.db).list(),
  ]);
  const indicators = plan.indicators.flatMap((indicator) => {
    const def = registryIndicatorFor(indicator);
    return def ? [{ indicator, def }] : [];
  });
  const rows = projectRegistryIndicators({
    year,
    indicators,
    facilities,
    projects,
    city: plan.city,
    districts: plan.districts,
    areas: plan.areas,
    communities,
  });
  const name = (c: string) => plan.areaByCode.get(c)?.name ?? c;
  const districtCodes = new Set(plan.districts.map((d) => d.code));
  const typical = typicalCapacities(facilities);
  return {
    year,
    indicators: rows.map((r) => {
      const ind = plan.indicatorByCode.get(r.indicatorCode)!;
      return {
        indicatorCode: r.indicatorCode,
        name: ind.name,
        nameEn: ind.nameEn,
        unit: ind.unit,
        targetText: ind.targetText,
        target: ind.target,
        city: { ...r.city, name: name(r.city.areaCode) },
        byDistrict: r.byDistrict.map((d) => ({ ...d, name: name(d.areaCode) })),
      };
    }),
    projects: projects.map((p) => {
      const inclusion = projectInclusion(p, year, districtCodes, typical);
      const cap = inclusion === 'included' || inclusion === 'cityOnly' ? projectCapacity(p, typical) : null;
      return {
        code: p.code,
        name: p.name,
        inclusion,
        capacities: cap?.capacities ?? null,
        estimated: cap?.estimated ?? false,
        basis: cap?.basis ?? null,
      };
    }),
    usesSyntheticFacilities: facilities.some((f) => f.synthetic),
    computedAt: ctx.clock.now().toISOString(),
  };
}
