/**
 * Jobs: long imports and computations run in the background, with progress a client can poll and the
 * outcome kept in the database. Most are queued (enqueueJob) and run by whichever worker claims them
 * — this process's, or another process's on the same database (job-worker.ts); a job whose input only
 * this process has (an uploaded file) is pinned to it (startLocalJob). A job whose worker stopped is
 * run again by another worker or at the next start, up to three attempts; a pinned one is failed.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import { JobRepository } from '../../store/repositories/job.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import type { JobRun } from './job-runner.ts';
import { jobRunnerOf } from './job-runner.ts';
import { kickWorkers, stopWorkers } from './job-worker.ts';

export type { JobProgress, JobView } from '../../domain/shared/job-view.ts';
export type { JobHandler, JobRun, ReportProgress } from './job-runner.ts';

/** Waiting for a job polls its row this often (ms). */
const WAIT_POLL_MS = 50;

/**
 * Queues a job of `kind` for any worker and returns it at once. `params` is what people see of the
 * request; `payload` is all a worker needs to run it (it may be larger: the points of a siting run).
 */
export async function enqueueJob(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  params: Record<string, unknown>,
  payload: unknown = params,
): Promise<JobView> {
  const job = await recordStart(ctx, actor, kind, params, (repo, id, at) =>
    repo.enqueue({ id, kind, params, payload, actor }, at),
  );
  kickWorkers(ctx);
  return job;
}

/**
 * Starts a job pinned to this process (`work` runs here, on input only this process has) and returns
 * it, already running. Its lease is renewed like a queued job's; if the process stops, it is failed
 * with the reason (by the bounded stop, or by any worker once its lease has run out).
 */
export async function startLocalJob(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  params: Record<string, unknown>,
  work: (run: JobRun) => Promise<unknown>,
): Promise<JobView> {
  const runner = jobRunnerOf(ctx);
  const job = await recordStart(ctx, actor, kind, params, (repo, id, at) =>
    repo.createPinned({ id, kind, params, actor, owner: runner.owner }, runner.leaseSeconds, at),
  );
  runner.execute({ id: job.id, actor, attempt: 1 }, work);
  return job;
}

/** A new job's row (written by `create`) and its audit entry, in one transaction; returns the job. */
async function recordStart(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  params: Record<string, unknown>,
  create: (repo: JobRepository, id: string, at: Date) => Promise<void>,
): Promise<JobView> {
  const id = randomUUID();
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await create(new JobRepository(tx), id, at);
    await audit(tx, actor, at, 'job.start', 'job', id, { kind, ...params });
  });
  return (await new JobRepository(ctx.db).find(id)) as JobView;
}

/** A job, for its creator or an admin (another's job is "not found", not "forbidden": ids are not revealed). */
export async function getJob(ctx: AppContext, actor: Actor, id: string): Promise<JobView> {
  authorize(actor, 'jobs.read');
  const job = await new JobRepository(ctx.db).find(id);
  if (!job || (actor.role !== 'admin' && job.createdBy !== actor.username)) {
    throw new FuwuError('not_found', `没有编号为 ${id} 的任务`, `no job with id ${id}`);
  }
  return job;
}

/** The latest jobs (of a kind): all for an admin, one's own for anyone else. */
export async function listJobs(ctx: AppContext, actor: Actor, q: { kind?: string } = {}): Promise<JobView[]> {
  authorize(actor, 'jobs.read');
  const jobs = await new JobRepository(ctx.db).list({ kind: q.kind, limit: 50 });
  return actor.role === 'admin' ? jobs : jobs.filter((j) => j.createdBy === actor.username);
}

/**
 * Resolves with the job once it has finished, wherever it runs (this process or another worker); for
 * the CLI and tests. Gives up after `timeoutMs` with the job still open.
 */
export async function waitForJob(ctx: AppContext, id: string, timeoutMs = 30 * 60_000): Promise<JobView> {
  await jobRunnerOf(ctx).settled(id);
  const repo = new JobRepository(ctx.db);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await repo.find(id);
    if (!job) throw new FuwuError('not_found', `没有编号为 ${id} 的任务`, `no job with id ${id}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline)
      throw new FuwuError('conflict', `任务 ${id} 仍未结束`, `job ${id} has not finished in ${timeoutMs} ms`);
    await sleep(WAIT_POLL_MS);
  }
}

/** Stops this process's workers claiming and waits for every job running here (before closing the database). */
export async function settleJobs(ctx: AppContext): Promise<void> {
  await Promise.all([stopWorkers(ctx), jobRunnerOf(ctx).settleAll()]);
}

/**
 * At the deadline of a stop: the jobs still running here are handed back — queued again for another
 * worker or the next start, pinned ones failed with the reason. Returns how many.
 */
export async function releaseJobs(ctx: AppContext): Promise<number> {
  return jobRunnerOf(ctx).releaseAll();
}

/**
 * On start. On the embedded database this is the only process (the data folder is locked), so jobs a
 * previous process left running are free at once: their leases end now and this process's worker runs
 * them again (pinned ones are failed). On PostgreSQL other live processes may hold theirs: their leases
 * decide. Returns how many leases were ended.
 */
export async function recoverJobs(ctx: AppContext): Promise<number> {
  if (ctx.db.engine !== 'pglite') return 0;
  return new JobRepository(ctx.db).expireLeases();
}
