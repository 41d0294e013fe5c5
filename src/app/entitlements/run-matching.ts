/**
 * Proactive matching as a job (issue 5 §3): over the synthetic population (示例) and every service
 * in force on a date, who is entitled but not served (应享未享) and who is served but no longer
 * entitled (应退未退, the periodic re-check), counted per district × lead department × service and
 * listed as work lists. The result is frozen as a dated snapshot in one transaction: the catalog it
 * ran on is stored with it, so later catalog edits do not change what it says.
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../../domain/identity/roles.ts';
import { matchPopulation } from '../../domain/entitlements/match-batch.ts';
import type { MatchingResult } from '../../domain/entitlements/matching-views.ts';
import { indexParameters } from '../../domain/entitlements/parameters.ts';
import {
  DEFAULT_POPULATION_SIZE,
  MAX_POPULATION_SIZE,
} from '../../domain/entitlements/synthetic-population.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { SnapshotCountRow } from '../../store/repositories/entitlement-snapshot.repository.ts';
import { EntitlementSnapshotRepository } from '../../store/repositories/entitlement-snapshot.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { JobHandler, JobRun, ReportProgress } from '../jobs/jobs.ts';
import { authorize } from '../policies.ts';
import { loadCatalog } from './load-catalog.ts';
import { catalogHash, matchingPopulation, trackedServices } from './matching-population.ts';

export const MATCHING_KIND = 'entitlements.matching';
export const DEFAULT_POPULATION_SEED = 20250630;
/** The district code of people whose district is unknown. */
export const UNKNOWN_DISTRICT = 'unknown';

export type { MatchingResult };

export interface MatchingRequest {
  /** The date the rules and ages are evaluated on (YYYY-MM-DD); default: today. */
  date?: string;
  seed?: number;
  size?: number;
}

/** A request as it comes over HTTP: checked here, field by field, after the permission. */
export type MatchingInput = { [K in keyof MatchingRequest]?: unknown };

function validate(ctx: AppContext, req: MatchingInput): Required<MatchingRequest> {
  const date = req.date ?? ctx.clock.now().toISOString().slice(0, 10);
  if (
    typeof date !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`))
  )
    throw invalidField(
      'date',
      '应为 YYYY-MM-DD 格式的有效日期',
      `must be a valid YYYY-MM-DD date, got ${String(date)}`,
    );
  const seed = req.seed ?? DEFAULT_POPULATION_SEED;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw invalidField(
      'seed',
      '应为 0 到 2147483647 之间的整数',
      'must be a whole number from 0 to 2147483647',
    );
  const size = req.size ?? DEFAULT_POPULATION_SIZE;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_POPULATION_SIZE)
    throw invalidField(
      'size',
      `应为 1 到 ${MAX_POPULATION_SIZE} 之间的整数`,
      `must be a whole number from 1 to ${MAX_POPULATION_SIZE}`,
    );
  return { date, seed, size };
}

export async function startMatching(ctx: AppContext, actor: Actor, req: MatchingInput): Promise<JobView> {
  authorize(actor, 'matching.run');
  const spec = validate(ctx, req);
  return enqueueJob(ctx, actor, MATCHING_KIND, { ...spec });
}

/**
 * The run, by whichever worker claims it. The snapshot and the job's outcome commit in one
 * transaction, so a run started again after its worker stopped never leaves two snapshots.
 */
export const runMatchingJob: JobHandler = async (ctx, payload, run) =>
  runMatching(ctx, run.actor, validate(ctx, payload as MatchingInput), run.progress, run.finishIn);

/** The run itself (exported for the CLI and tests, which may await it directly). */
export async function runMatching(
  ctx: AppContext,
  actor: Actor,
  spec: Required<MatchingRequest>,
  progress: ReportProgress = async () => undefined,
  /** Called inside the snapshot's transaction with the result (a job records its outcome there). */
  finishIn?: JobRun['finishIn'],
): Promise<MatchingResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  await progress({ stage: 'population', done: 0, total: 1 });
  const catalog = await loadCatalog(ctx);
  const population = await matchingPopulation(ctx, spec, catalog);
  lap('population');

  await progress({ stage: 'matching', done: 0, total: catalog.services.length });
  const result = matchPopulation(
    population.pop,
    catalog.services,
    indexParameters(catalog.parameters),
    spec.date,
    {
      tracked: (s) => trackedServices([s]).length > 0,
    },
  );
  lap('matching');
  await progress({ stage: 'matching', done: catalog.services.length, total: catalog.services.length });

  const districtCodes = [...population.pop.districtCodes, UNKNOWN_DISTRICT];
  const counts: SnapshotCountRow[] = result.counts.map((c) => ({
    districtCode: districtCodes[c.district]!,
    serviceCode: result.services[c.service]!.code,
    leadDepartment: result.services[c.service]!.leadDepartment,
    population: c.population,
    eligible: c.eligible,
    notEligible: c.notEligible,
    cannotDecide: c.cannotDecide,
    receiving: c.receiving,
    receivingEligible: c.receivingEligible,
    gap: c.gap,
    recheck: c.recheck,
  }));
  const total = result.items.length;
  // No progress is written inside the transaction: on PGlite (one connection) a write from outside
  // it would wait for the transaction, which waits for the write.
  await progress({ stage: 'saving', done: 0, total });
  const at = ctx.clock.now();
  const sum = (k: 'gap' | 'recheck' | 'cannotDecide') => counts.reduce((s, c) => s + c[k], 0);
  return ctx.db.transaction(async (tx) => {
    const repo = new EntitlementSnapshotRepository(tx);
    const id = await repo.create(
      {
        onDate: spec.date,
        populationSeed: spec.seed,
        populationSize: spec.size,
        populationHash: population.hash,
        catalog,
        catalogHash: catalogHash(catalog),
        synthetic: population.pop.synthetic,
        timings,
      },
      counts,
      actor.username,
      at,
    );
    await repo.addItems(id, result.items, {
      serviceCodes: result.services.map((s) => s.code),
      departments: result.services.map((s) => s.leadDepartment),
      districtCodes,
    });
    await audit(tx, actor, at, 'entitlement.snapshot.create', 'entitlement_snapshot', String(id), {
      ...spec,
      items: total,
    });
    lap('saving');
    const matching: MatchingResult = {
      snapshotId: id,
      date: spec.date,
      size: spec.size,
      services: result.services.length,
      gap: sum('gap'),
      recheck: sum('recheck'),
      cannotDecide: sum('cannotDecide'),
      timingsMs: timings,
      synthetic: true,
    };
    await finishIn?.(tx, matching);
    return matching;
  });
}
