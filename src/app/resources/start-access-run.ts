/**
 * An accessibility run: coverage of the plan's circle and E2SFCA accessibility for every facility
 * type (or the chosen ones), as a background job that reports its progress type by type. The
 * result keeps, per type, the hash of the inputs it used.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { AccessRunResult, AccessRunType } from '../../domain/resources/access-run-view.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { AppContext } from '../context.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { JobHandler } from '../jobs/jobs.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { JobRepository } from '../../store/repositories/job.repository.ts';
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import { authorize } from '../policies.ts';
import { getAccessibility } from './get-accessibility.ts';
import { getCoverage } from './get-coverage.ts';

export const ACCESS_RUN_KIND = 'access.run';

export async function startAccessRun(
  ctx: AppContext,
  actor: Actor,
  q: { types?: readonly string[] } = {},
): Promise<JobView> {
  authorize(actor, 'accessRuns.start');
  const types = q.types && q.types.length > 0 ? q.types : FACILITY_TYPES;
  types.forEach((t, i) => {
    if (!(FACILITY_TYPES as readonly string[]).includes(t))
      throw invalidField(
        `types[${i}]`,
        `应为 ${FACILITY_TYPES.join('/')} 之一，实际为 ${t}`,
        `must be one of ${FACILITY_TYPES.join(', ')}, got ${t}`,
      );
  });
  const chosen = [...new Set(types)] as FacilityType[];
  return enqueueJob(ctx, actor, ACCESS_RUN_KIND, { types: chosen });
}

/** The run, by whichever worker claims it: coverage and accessibility of each type in turn. */
export const runAccessRun: JobHandler = async (ctx, payload, { actor, progress }) => {
  const chosen = (payload as { types: FacilityType[] }).types;
  const rows: AccessRunType[] = [];
  let network: AccessRunResult['network'] = null;
  let residentialPoints = 0;
  let synthetic = false;
  // Read the residents and the registry once for the whole run, not twice per type: an overlay
  // without changes hands today's inputs to the use cases as they are.
  const [points, facilities] = await Promise.all([
    new ResidentialPointRepository(ctx.db).list(),
    new FacilityRepository(ctx.db).list(),
  ]);
  const today = { changes: [], today: { points, facilities } };
  for (const [i, type] of chosen.entries()) {
    await progress({ stage: `coverage:${type}`, done: i, total: chosen.length });
    const c = await getCoverage(ctx, actor, { type }, today);
    const a = await getAccessibility(ctx, actor, { type, method: 'e2sfca' }, today);
    network = c.network;
    residentialPoints = c.inputs.residentialPoints;
    synthetic ||= c.usesSyntheticData || a.usesSyntheticData;
    const demand = a.byDistrict.reduce((s, d) => s + d.demand, 0);
    const weighted = (f: (d: (typeof a.byDistrict)[number]) => number | null) =>
      demand > 0 ? a.byDistrict.reduce((s, d) => s + d.demand * (f(d) ?? 0), 0) / demand : null;
    rows.push({
      type,
      circle: c.circle,
      method: c.method,
      facilities: c.facilities,
      population: c.report.all.population,
      covered: c.report.all.covered,
      share: c.report.all.share,
      byDistrict: c.report.byDistrict.map((d) => ({
        districtCode: d.districtCode,
        name: d.name,
        population: d.population,
        share: d.share,
      })),
      accessibility: weighted((d) => d.accessibility),
      withoutAccess: weighted((d) => d.withoutAccess),
      inputsSha256: c.inputs.sha256,
    });
  }
  await progress({ stage: 'done', done: chosen.length, total: chosen.length });
  const result: AccessRunResult = {
    types: rows,
    network,
    residentialPoints,
    usesSyntheticData: synthetic,
    computedAt: ctx.clock.now().toISOString(),
  };
  return result;
};

/** The latest finished run, for those who read the plan (its figures are planning figures, not personal data). */
export async function getLatestAccessRun(
  ctx: AppContext,
  actor: Actor,
): Promise<JobView<AccessRunResult> | null> {
  authorize(actor, 'plan.read');
  return (await new JobRepository(ctx.db).latestSucceeded(
    ACCESS_RUN_KIND,
  )) as JobView<AccessRunResult> | null;
}
