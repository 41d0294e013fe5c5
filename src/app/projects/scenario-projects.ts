/**
 * A scenario's major projects (issue 4 §3): its `completeProjects` changes resolved against the
 * project table and today's registry into the overlay the resource use cases compute on. Located
 * projects become added facilities (they move coverage, 2SFCA, norm gaps and indicators); unlocated
 * ones are counted in their district's supply only and reported as not placed. The domain stays pure:
 * the projects and the registry are read here and passed in.
 */
import type { AreaGeometry } from '../../domain/geo/polygon.ts';
import { pointInGeometry } from '../../domain/geo/polygon.ts';
import { typicalCapacities } from '../../domain/projects/capacity-estimate.ts';
import type { ScenarioProject, SkippedScenarioProject } from '../../domain/projects/scenario-projects.ts';
import { scenarioProjects } from '../../domain/projects/scenario-projects.ts';
import { expandCompleteProjects } from '../../domain/scenarios/apply-changes.ts';
import type { ScenarioChange } from '../../domain/scenarios/scenario.ts';
import type { FacilityRow } from '../../store/repositories/facility.repository.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { ProjectRepository } from '../../store/repositories/project.repository.ts';
import type { AppContext } from '../context.ts';
import type { ActivePlan } from '../plan/active-plan.ts';
import type { ScenarioOverlay } from '../scenarios/overlay.ts';

export interface ScenarioProjects {
  /** Projects counted as built: placed ones as facilities, the others in their district's supply. */
  counted: ScenarioProject[];
  /** Qualifying projects left out: no capacity entered and nothing to estimate it from. */
  skipped: SkippedScenarioProject[];
}

const locators = new WeakMap<ActivePlan, (lon: number, lat: number) => string | null>();

/** The district whose boundary contains a point (null: none, or the pack has no boundaries). */
export function districtLocator(plan: ActivePlan): (lon: number, lat: number) => string | null {
  const cached = locators.get(plan);
  if (cached) return cached;
  const shapes = plan.boundaries.map((b) => ({
    code: b.code,
    geometry: (b.feature as { geometry: AreaGeometry }).geometry,
  }));
  const locate = (lon: number, lat: number) =>
    shapes.find((s) => pointInGeometry([lon, lat], s.geometry))?.code ?? null;
  locators.set(plan, locate);
  return locate;
}

/**
 * The overlay of a scenario's changes with its projects resolved; without a `completeProjects`
 * change the overlay is the changes as they are and nothing is read. `facilities` is today's whole
 * registry when the caller has read it (the estimate's basis), else it is read here.
 */
export async function resolveProjectChanges(
  ctx: AppContext,
  changes: readonly ScenarioChange[],
  facilities?: readonly FacilityRow[],
): Promise<{ overlay: ScenarioOverlay; projects: ScenarioProjects }> {
  if (!changes.some((c) => c.kind === 'completeProjects'))
    return { overlay: { changes }, projects: { counted: [], skipped: [] } };
  const plan = await ctx.plan.get();
  const [projects, registry] = await Promise.all([
    new ProjectRepository(ctx.db).list(),
    facilities ?? new FacilityRepository(ctx.db).list(),
  ]);
  const { counted, skipped } = scenarioProjects(
    changes,
    projects,
    typicalCapacities(registry),
    new Set(plan.districts.map((d) => d.code)),
    districtLocator(plan),
  );
  const expanded = expandCompleteProjects(changes, counted);
  return {
    overlay: { changes: expanded.changes, unplaced: expanded.unplaced },
    projects: { counted, skipped },
  };
}
