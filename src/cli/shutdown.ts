/**
 * A graceful stop of `fuwu serve` on SIGTERM or SIGINT, bounded in time: readiness turns 503, the
 * listener closes (connections already open are still answered), the timers stop after their run in
 * progress, requests and jobs in flight get until the deadline, then the database is closed (PGlite
 * releases its data-folder lock) and the process exits 0. Whatever is still running at the deadline
 * is cut off: connections are dropped, and a job still running is handed back — queued again for
 * another worker or the next start (a pinned one, whose input was here, is failed with the reason).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { releaseJobs, settleJobs } from '../app/jobs/jobs.ts';
import type { Lifecycle } from '../api/request-observer.ts';
import type { Platform } from './platform.ts';

export interface Stoppable {
  lifecycle: Lifecycle;
  app: FastifyInstance;
  platform: Pick<Platform, 'ctx' | 'close'>;
  /** Stops the background timers, waiting for a run in progress. */
  stopTimers: () => Promise<void>;
  log: FastifyBaseLogger;
  boundMs: number;
}

export interface ShutdownOutcome {
  /** Open connections had to be dropped at the deadline. */
  requestsCutOff: boolean;
  /** Jobs were still running at the deadline (handed back to the queue). */
  jobsCutOff: boolean;
  /** The timers' last run did not end by the deadline. */
  timersCutOff: boolean;
}

/** true when `p` settled before `deadline` (ms since the epoch); it keeps running otherwise. */
export async function settlesBy(p: Promise<unknown>, deadline: number): Promise<boolean> {
  const ac = new AbortController();
  const timeout = sleep(Math.max(0, deadline - Date.now()), false, { signal: ac.signal }).catch(() => false);
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    ac.abort();
  }
}

export async function shutdown(s: Stoppable, signal: string): Promise<ShutdownOutcome> {
  const started = Date.now();
  const deadline = started + s.boundMs;
  s.lifecycle.shuttingDown = true;
  s.log.info({ event: 'shutdown', signal, boundMs: s.boundMs }, 'shutdown begun');

  const closing = s.app.close();
  const [httpDone, timersDone] = await Promise.all([
    settlesBy(closing, deadline),
    settlesBy(s.stopTimers(), deadline),
  ]);
  if (!httpDone) {
    s.app.server.closeAllConnections();
    await closing;
  }
  const jobsDone = await settlesBy(settleJobs(s.platform.ctx), deadline);
  if (!jobsDone) {
    const released = await releaseJobs(s.platform.ctx).catch(() => 0);
    s.log.warn(
      { event: 'shutdown', boundMs: s.boundMs, released },
      'jobs still running at the deadline are cut off and handed back to the queue',
    );
  }
  await s.platform.close({ waitForJobs: false });
  const outcome = { requestsCutOff: !httpDone, jobsCutOff: !jobsDone, timersCutOff: !timersDone };
  s.log.info({ event: 'shutdown', ...outcome, durationMs: Date.now() - started }, 'shutdown done');
  return outcome;
}
