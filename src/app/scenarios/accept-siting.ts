/**
 * Siting proposals into a scenario (issue 4 §5): the sites of a finished siting run become facilities
 * added in a new scenario, or appended to an existing one, each of the run's type with the median
 * capacity the run assumed (`capacityPerSite`).
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { AddFacilityChange, ScenarioView } from '../../domain/scenarios/scenario.ts';
import { FACILITY_TYPE_LABELS } from '../../domain/resources/facility.ts';
import { FuwuError, notFound } from '../../domain/shared/errors.ts';
import type { SitingResult } from '../../domain/siting/siting-view.ts';
import { JobRepository } from '../../store/repositories/job.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { SITING_KIND } from '../siting/start-siting.ts';
import { addScenarioChanges, createScenario } from './scenarios.ts';

export async function acceptSitingProposals(
  ctx: AppContext,
  actor: Actor,
  input: { jobId: string; scenarioId?: number; name?: string },
): Promise<ScenarioView> {
  authorize(actor, 'scenarios.write');
  const job = await new JobRepository(ctx.db).find(input.jobId);
  if (!job || job.kind !== SITING_KIND) throw notFound('siting run', '选址测算', input.jobId);
  if (job.status !== 'succeeded')
    throw new FuwuError(
      'conflict',
      `选址测算尚未完成（状态：${job.status}）`,
      `the siting run has not finished (status: ${job.status})`,
    );
  const result = job.result as SitingResult;
  const label = FACILITY_TYPE_LABELS[result.type];
  const capacities = result.capacityPerSite
    ? { [result.capacityPerSite.key]: result.capacityPerSite.value }
    : {};
  const changes: AddFacilityChange[] = result.sites.map((s) => ({
    kind: 'addFacility',
    name: `选址方案 ${label.zh} #${s.rank}`,
    type: result.type,
    lon: s.lon,
    lat: s.lat,
    districtCode: s.districtCode,
    capacities,
  }));
  const reason = `采纳选址测算 ${input.jobId} accepted siting run`;
  if (input.scenarioId !== undefined)
    return addScenarioChanges(ctx, actor, input.scenarioId, changes, reason);
  return createScenario(ctx, actor, {
    name: input.name?.trim() || `${label.zh}选址方案（${result.sites.length} 处）`,
    description: `由选址测算 ${input.jobId} 生成：${label.zh} ${result.sites.length} 处新址。`,
    changes,
  });
}
