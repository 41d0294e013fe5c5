/**
 * Running a job in this process, whoever claimed it (a queue worker, or the request that started a
 * pinned job): the work gets a progress reporter, the lease is renewed while it runs, and every write
 * — progress, outcome, a result committed with the job's own output — happens only while this process
 * still holds the job. A process that lost its lease (it stalled, the database thought it dead, another
 * worker took the job) can finish its computation but can no longer write anything.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { JobError, JobProgress } from '../../domain/shared/job-view.ts';
import type { Db } from '../../store/db.ts';
import { JobRepository } from '../../store/repositories/job.repository.ts';
import type { AppContext } from '../context.ts';

/** Reports progress; awaiting it also yields to the event loop, so the server answers meanwhile. */
export type ReportProgress = (p: JobProgress) => Promise<void>;

/** What a job's work is handed. */
export interface JobRun {
  id: string;
  actor: Actor;
  attempt: number;
  progress: ReportProgress;
  /**
   * Marks the job succeeded with `result` inside `tx`, the transaction that writes the job's own
   * output: the output and the outcome commit together or not at all, so a job run again after its
   * worker stopped never writes its output twice. Throws (rolling `tx` back) if the job is no longer held.
   */
  finishIn(tx: Db, result: unknown): Promise<void>;
}

/** The work of a job kind: what a worker anywhere runs it with. */
export type JobHandler = (ctx: AppContext, payload: unknown, run: JobRun) => Promise<unknown>;

export const JOB_DEFAULTS = {
  /** A lease lasts this long and is renewed every third of it. */
  leaseSeconds: 60,
  /** A job is started at most this many times (its worker stopping counts as one). */
  maxAttempts: 3,
};

/** Progress is written at most this often (ms), and always when the stage changes. */
const PROGRESS_INTERVAL_MS = 250;

export const INTERRUPTED: JobError = {
  code: 'interrupted',
  zh: '任务因服务停止而中断，请重新提交',
  en: 'the job was cut off when the server stopped; submit it again',
};

export class JobLeaseLost extends FuwuError {
  constructor(id: string) {
    super('conflict', `任务 ${id} 已由其他进程接手`, `job ${id} is no longer held by this process`);
  }
}

function toJobError(e: unknown): JobError {
  if (e instanceof FuwuError) return { code: e.code, zh: e.zh, en: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', zh: `内部错误：${message}`, en: `internal error: ${message}` };
}

/** The jobs one process (one AppContext) runs, under one owner id, with their leases. */
export class JobRunner {
  /** Unique per process and context: host, pid and a random part (pids are reused). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly leaseSeconds: number;
  private readonly running = new Map<string, Promise<void>>();
  private readonly lost = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    opts: { leaseSeconds?: number } = {},
  ) {
    this.leaseSeconds = opts.leaseSeconds ?? JOB_DEFAULTS.leaseSeconds;
  }

  get active(): number {
    return this.running.size;
  }

  /** Resolves when job `id` has ended in this process (at once if it is not running here). */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  /** Resolves when every job running here has ended. */
  async settleAll(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  /** Runs a job this process holds, in the background; the promise ends when the outcome is written. */
  execute(job: { id: string; actor: Actor; attempt: number }, work: (run: JobRun) => Promise<unknown>): void {
    const jobs = new JobRepository(this.ctx.db);
    const holder = { owner: this.owner, attempt: job.attempt };
    let lastStage = '';
    let lastWrite = 0;
    const progress: ReportProgress = async (p) => {
      if (this.lost.has(job.id)) throw new JobLeaseLost(job.id);
      const now = performance.now();
      if (p.stage !== lastStage || now - lastWrite >= PROGRESS_INTERVAL_MS || p.done >= p.total) {
        lastStage = p.stage;
        lastWrite = now;
        if (!(await jobs.setProgress(job.id, this.owner, p))) throw new JobLeaseLost(job.id);
      }
      await yieldToEventLoop();
    };
    const finishIn = async (tx: Db, result: unknown) => {
      const done = await new JobRepository(tx).finish(
        job.id,
        holder,
        { status: 'succeeded', result },
        this.ctx.clock.now(),
      );
      if (!done) throw new JobLeaseLost(job.id);
    };
    const run = async () => {
      await yieldToEventLoop();
      let outcome: Parameters<JobRepository['finish']>[2];
      try {
        const result = await work({ id: job.id, actor: job.actor, attempt: job.attempt, progress, finishIn });
        outcome = { status: 'succeeded', result };
      } catch (e) {
        outcome = { status: 'failed', error: toJobError(e) };
      }
      // No-op when finishIn already wrote it, or when the job is no longer ours.
      await jobs.finish(job.id, holder, outcome, this.ctx.clock.now());
    };
    const promise = run()
      .catch(() => undefined) // the database went away under the job: nothing left to record it in
      .finally(() => {
        this.running.delete(job.id);
        this.lost.delete(job.id);
        if (this.running.size === 0) this.stopHeartbeat();
      });
    this.running.set(job.id, promise);
    this.startHeartbeat();
  }

  /**
   * Hands back what is still running here when the process stops before its jobs end: queued again
   * for another worker (or the next start), pinned ones failed with the reason.
   */
  async releaseAll(): Promise<number> {
    this.stopHeartbeat();
    if (this.running.size === 0) return 0;
    return new JobRepository(this.ctx.db).release(this.owner, INTERRUPTED, this.ctx.clock.now());
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => void this.renew(), (this.leaseSeconds * 1000) / 3);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async renew(): Promise<void> {
    const ids = [...this.running.keys()];
    try {
      const held = new Set(
        await new JobRepository(this.ctx.db).renewLeases(this.owner, ids, this.leaseSeconds),
      );
      for (const id of ids) if (!held.has(id) && this.running.has(id)) this.lost.add(id);
    } catch {
      // The database is unreachable for a moment: the next beat tries again within the lease.
    }
  }
}

const runners = new WeakMap<AppContext, JobRunner>();

/** This context's runner (made on first use, with the default lease unless configured first). */
export function jobRunnerOf(ctx: AppContext, opts: { leaseSeconds?: number } = {}): JobRunner {
  let r = runners.get(ctx);
  if (!r) runners.set(ctx, (r = new JobRunner(ctx, opts)));
  return r;
}
