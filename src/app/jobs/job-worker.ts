/**
 * A queue worker: claims queued jobs of the kinds it has handlers for and runs up to `concurrency` at
 * once in this process. Any number of workers, in any number of processes on any number of machines,
 * share one database's queue: a claim is one UPDATE over a `FOR UPDATE SKIP LOCKED` pick, so a job
 * goes to exactly one of them. Between claims it polls (every `pollMs`); a job enqueued in this
 * process wakes it at once.
 */
import type { AppContext } from '../context.ts';
import type { JobHandler } from './job-runner.ts';
import { INTERRUPTED, JOB_DEFAULTS, jobRunnerOf } from './job-runner.ts';
import { JobRepository } from '../../store/repositories/job.repository.ts';

export interface JobWorkerOptions {
  handlers: Readonly<Record<string, JobHandler>>;
  /** Jobs run at once by this worker (1: the CPU-heavy kinds would only slow each other on one core). */
  concurrency?: number;
  pollMs?: number;
  /** A run of the loop that failed (the database away for a moment); the loop goes on. */
  onError?: (e: unknown) => void;
}

export interface JobWorker {
  /** Looks for work now rather than at the next poll. */
  kick(): void;
  /** Stops claiming; resolves when the jobs it runs have ended. */
  stop(): Promise<void>;
}

const workers = new WeakMap<AppContext, Set<JobWorker>>();

/** Wakes this process's workers (a job was just enqueued here). */
export function kickWorkers(ctx: AppContext): void {
  for (const w of workers.get(ctx) ?? []) w.kick();
}

/** Stops this process's workers and waits for their jobs (the bounded stop decides how long). */
export async function stopWorkers(ctx: AppContext): Promise<void> {
  await Promise.all([...(workers.get(ctx) ?? [])].map((w) => w.stop()));
}

export function startJobWorker(ctx: AppContext, opts: JobWorkerOptions): JobWorker {
  const runner = jobRunnerOf(ctx);
  const repo = new JobRepository(ctx.db);
  const kinds = Object.keys(opts.handlers);
  const concurrency = opts.concurrency ?? 1;
  let active = 0;
  let stopped = false;
  let looking = false;
  let again = false;
  const mine = new Set<Promise<void>>();

  const look = async (): Promise<void> => {
    if (stopped) return; // a kick or a tick that came in as it stopped: the database may be closing
    if (looking) {
      again = true; // a kick during a look: look once more after it
      return;
    }
    looking = true;
    try {
      do {
        again = false;
        await repo.failAbandoned(INTERRUPTED, JOB_DEFAULTS.maxAttempts, ctx.clock.now());
        while (!stopped && active < concurrency) {
          const job = await repo.claimNext(
            runner.owner,
            kinds,
            { leaseSeconds: runner.leaseSeconds, maxAttempts: JOB_DEFAULTS.maxAttempts },
            ctx.clock.now(),
          );
          if (!job) break;
          const handler = opts.handlers[job.kind]!;
          active++;
          runner.execute(job, (run) => handler(ctx, job.payload, run));
          const done = runner.settled(job.id).finally(() => {
            active--;
            mine.delete(done);
            if (!stopped) worker.kick(); // a slot is free
          });
          mine.add(done);
        }
      } while (again && !stopped);
    } catch (e) {
      opts.onError?.(e);
    } finally {
      looking = false;
    }
  };

  const timer = setInterval(() => void look(), opts.pollMs ?? 1000);
  timer.unref();
  const worker: JobWorker = {
    kick: () => {
      if (!stopped) setImmediate(() => void look());
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      workers.get(ctx)?.delete(worker);
      await Promise.all([...mine]);
    },
  };
  let set = workers.get(ctx);
  if (!set) workers.set(ctx, (set = new Set()));
  set.add(worker);
  worker.kick();
  return worker;
}
