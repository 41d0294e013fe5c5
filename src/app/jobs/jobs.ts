/**
 * Jobs: long imports and computations run in the background of the server process, with progress a
 * client can poll and the outcome kept in the database. One process runs its own jobs (the embedded
 * default); a job cut off by a stop is marked failed on the next start, so none hangs forever.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { JobError, JobProgress, JobView } from '../../domain/shared/job-view.ts';
import { JobRepository } from '../../store/repositories/job.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export type { JobProgress, JobView } from '../../domain/shared/job-view.ts';

/** Reports progress; awaiting it also yields to the event loop, so the server answers meanwhile. */
export type ReportProgress = (p: JobProgress) => Promise<void>;

/** Progress is written at most this often (ms), and always when the stage changes. */
const PROGRESS_INTERVAL_MS = 250;

const running = new WeakMap<AppContext, Map<string, Promise<void>>>();

function runningOf(ctx: AppContext): Map<string, Promise<void>> {
  let m = running.get(ctx);
  if (!m) running.set(ctx, (m = new Map()));
  return m;
}

function toJobError(e: unknown): JobError {
  if (e instanceof FuwuError) return { code: e.code, zh: e.zh, en: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', zh: `内部错误：${message}`, en: `internal error: ${message}` };
}

/**
 * Starts `work` in the background and returns the queued job at once. The work gets a progress
 * reporter; its return value becomes the job's result, a throw its error (in both languages).
 */
export async function startJob(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  params: Record<string, unknown>,
  work: (progress: ReportProgress) => Promise<unknown>,
): Promise<JobView> {
  const jobs = new JobRepository(ctx.db);
  const id = randomUUID();
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await new JobRepository(tx).create({ id, kind, params, createdBy: actor.username }, at);
    await audit(tx, actor, at, 'job.start', 'job', id, { kind, ...params });
  });
  const queued = (await jobs.find(id)) as JobView;

  const run = async () => {
    await yieldToEventLoop();
    await jobs.markRunning(id, ctx.clock.now());
    let lastStage = '';
    let lastWrite = 0;
    const progress: ReportProgress = async (p) => {
      const now = performance.now();
      if (p.stage !== lastStage || now - lastWrite >= PROGRESS_INTERVAL_MS || p.done >= p.total) {
        lastStage = p.stage;
        lastWrite = now;
        await jobs.setProgress(id, p);
      }
      await yieldToEventLoop();
    };
    try {
      const result = await work(progress);
      await jobs.finish(id, { status: 'succeeded', result }, ctx.clock.now());
    } catch (e) {
      await jobs.finish(id, { status: 'failed', error: toJobError(e) }, ctx.clock.now());
    }
  };
  const all = runningOf(ctx);
  const promise = run()
    .catch(() => undefined) // the database went away under the job: nothing left to record it in
    .finally(() => all.delete(id));
  all.set(id, promise);
  return queued;
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

/** Resolves when the job has finished in this process (for the CLI and tests); returns its final state. */
export async function waitForJob(ctx: AppContext, id: string): Promise<JobView> {
  await runningOf(ctx).get(id);
  const job = await new JobRepository(ctx.db).find(id);
  if (!job) throw new FuwuError('not_found', `没有编号为 ${id} 的任务`, `no job with id ${id}`);
  return job;
}

/** Waits for every job of this process to finish (before closing the database). */
export async function settleJobs(ctx: AppContext): Promise<void> {
  await Promise.all([...runningOf(ctx).values()]);
}

/** On start: jobs a previous process left unfinished are failed with the reason. */
export async function failInterruptedJobs(ctx: AppContext): Promise<number> {
  return new JobRepository(ctx.db).failInterrupted(
    {
      code: 'interrupted',
      zh: '任务因服务停止而中断，请重新提交',
      en: 'the job was cut off when the server stopped; submit it again',
    },
    ctx.clock.now(),
  );
}
