/**
 * The bounded stop of `fuwu serve` (cli/shutdown.ts) with a job that would never end: the stop keeps
 * to its deadline, hands the job back (a pinned one is failed with the reason), closes the database
 * (PGlite's folder lock is released), and the next start finds the cut-off job failed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { getJob, startLocalJob } from '../../src/app/jobs/jobs.ts';
import { readConfig } from '../../src/cli/config.ts';
import { openPlatform } from '../../src/cli/platform.ts';
import { shutdown } from '../../src/cli/shutdown.ts';
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { engineName, openTestDb } from '../support/test-db.ts';

describe(`graceful shutdown with a job in flight (${engineName()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-shutdown-'));
  const config = readConfig({
    FUWU_DATA_DIR: dataDir,
    DATABASE_URL: process.env.FUWU_TEST_DATABASE_URL ?? '',
    FUWU_ADMIN_PASSWORD: 'shutdown-admin-password',
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // A fresh database with the pack takes a minute or more on a busy 2-core machine.
  it('stops within its bound, closes the database, and the next start fails the cut-off job', async () => {
    if (config.databaseUrl) await (await openTestDb()).close(); // an empty PostgreSQL schema
    const platform = await openPlatform(config, { recoverJobs: true });
    const app = await buildServer(platform.ctx);
    const lifecycle = { shuttingDown: false };
    let timersStopped = false;
    const job = await startLocalJob(
      platform.ctx,
      SYSTEM_ACTOR,
      'test.never-ends',
      {},
      async ({ progress }) => {
        await progress({ stage: 'working', done: 0, total: 1 });
        await new Promise(() => {}); // cut off only by the stop
      },
    );
    // The job has started running before the stop comes.
    for (let i = 0; i < 100 && (await getJob(platform.ctx, SYSTEM_ACTOR, job.id)).status !== 'running'; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await getJob(platform.ctx, SYSTEM_ACTOR, job.id)).status).toBe('running');

    const logged: string[] = [];
    const log = app.log.child({});
    log.info = ((obj: unknown, msg?: string) =>
      logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`)) as typeof log.info;
    log.warn = log.info;

    const started = Date.now();
    const outcome = await shutdown(
      {
        lifecycle,
        app,
        platform,
        stopTimers: async () => {
          timersStopped = true;
        },
        log,
        boundMs: 1500,
      },
      'SIGTERM',
    );
    const took = Date.now() - started;
    expect(lifecycle.shuttingDown).toBe(true);
    expect(timersStopped).toBe(true);
    expect(outcome).toEqual({ requestsCutOff: false, jobsCutOff: true, timersCutOff: false });
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(10_000);
    expect(logged.some((l) => l.startsWith('jobs still running at the deadline are cut off'))).toBe(true);
    // PGlite's folder lock is gone: the next process may open the folder.
    if (!config.databaseUrl) expect(existsSync(join(dataDir, 'pglite', 'fuwu.lock'))).toBe(false);

    const again = await openPlatform(config, { recoverJobs: true });
    try {
      const after = await getJob(again.ctx, SYSTEM_ACTOR, job.id);
      expect(after.status).toBe('failed');
      expect(after.error?.code).toBe('interrupted');
      expect(after.error?.en).toContain('cut off when the server stopped');
    } finally {
      await again.close();
    }
  }, 300_000);

  it('waits for a job that ends within the bound and records its result', async () => {
    const platform = await openPlatform(config, { recoverJobs: true });
    const app = await buildServer(platform.ctx);
    let release!: () => void;
    const job = await startLocalJob(platform.ctx, SYSTEM_ACTOR, 'test.short', {}, async () => {
      await new Promise<void>((r) => (release = r));
      return { answer: 42 };
    });
    setTimeout(() => release(), 300);
    const outcome = await shutdown(
      {
        lifecycle: { shuttingDown: false },
        app,
        platform,
        stopTimers: async () => {},
        log: app.log,
        boundMs: 10_000,
      },
      'SIGINT',
    );
    expect(outcome.jobsCutOff).toBe(false);
    const again = await openPlatform(config, { recoverJobs: true });
    try {
      const after = await getJob(again.ctx, SYSTEM_ACTOR, job.id);
      expect(after.status).toBe('succeeded');
      expect(after.result).toEqual({ answer: 42 });
    } finally {
      await again.close();
    }
  }, 300_000);
});
