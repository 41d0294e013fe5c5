/**
 * Issue 7 §4: heavy jobs on the queue give the same results however many workers share it. The same
 * batch — accessibility for three types, two siting runs, two matching runs — is queued twice through
 * the API of a server that runs no jobs itself (FUWU_WORKERS=0): first for one worker, then for two,
 * and the results (and the matching snapshots' counts) must be equal, every job run once, both workers
 * having run some. On PostgreSQL the workers are `fuwu worker` processes; the embedded database is one
 * process's folder, so there they are two workers in the test process on the same database (the
 * queue's claims are the same SQL either way).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/context.ts';
import { JOB_HANDLERS } from '../../src/app/jobs/job-handlers.ts';
import { jobRunnerOf } from '../../src/app/jobs/job-runner.ts';
import { startJobWorker } from '../../src/app/jobs/job-worker.ts';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import type { Db } from '../../src/store/db.ts';
import type { Store } from '../support/crash-helpers.ts';
import type { FuwuServer } from '../support/fuwu-process.ts';
import type { HttpSession } from '../support/http-session.ts';
import { callAs, httpSession, jsonOf } from '../support/http-session.ts';
import { CRASH_ADMIN_PASSWORD, freshStore, serve, until, worker } from '../support/crash-helpers.ts';
import { engineName } from '../support/test-db.ts';

/** The batch: what a planning office might queue in a morning, small enough for a test. */
const BATCH: { path: string; body: unknown }[] = [
  { path: '/api/coverage/runs', body: { types: ['primarySchool', 'communityHealthCentre', 'childcare'] } },
  { path: '/api/siting/runs', body: { type: 'communityDayCareCentre', k: 5, candidates: 'townshipCentres' } },
  {
    path: '/api/siting/runs',
    body: { type: 'elderlyServiceStation', k: 6, candidates: 'grid', gridMetres: 3000 },
  },
  { path: '/api/entitlements/matching/runs', body: { date: '2025-06-30', seed: 7, size: 20_000 } },
  { path: '/api/entitlements/matching/runs', body: { date: '2025-06-30', seed: 8, size: 20_000 } },
];

/** What must not differ between runs: the result without ids, clocks and timings. */
const VARYING = /^(snapshotId|computedAt|timingsMs)$/;
function comparable(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result), function (this: Record<string, unknown>, k, v: unknown) {
    // The exact solver's own time sits beside its objective.
    const solverTime = k === 'seconds' && 'objective' in this;
    return VARYING.test(k) || solverTime ? undefined : v;
  });
}

/** Workers to run the queue with: processes on PostgreSQL, contexts in this process on PGlite. */
interface Workers {
  owners: string[];
  stop(): Promise<void>;
}

describe(`two queue workers give the results of one (${engineName()})`, () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it(
    'runs the same batch with one worker and with two: equal results, each job once, both busy',
    { timeout: 600_000 },
    async () => {
      const store: Store = await freshStore();
      cleanup.push(() => store.remove());
      // Sample facilities and residential points (示例) to compute over; this server only queues.
      let server: FuwuServer = await serve(store, { FUWU_SAMPLE_DATA: '1', FUWU_WORKERS: '0' });
      cleanup.push(() => server.kill());
      let inProcessDb: Db | null = null;
      cleanup.push(() => inProcessDb?.close());

      const startWorkers = async (n: number): Promise<Workers> => {
        if (store.databaseUrl) {
          const ws = await Promise.all(
            Array.from({ length: n }, () => worker(store, { FUWU_LOG_LEVEL: 'info', FUWU_WORKERS: '1' })),
          );
          cleanup.push(() => Promise.all(ws.map((w) => w.kill())).then(() => undefined));
          return {
            owners: ws.map((w) => w.owner),
            stop: () => Promise.all(ws.map((w) => w.stop())).then(() => undefined),
          };
        }
        // PGlite: the server holds the folder, so stop it and work on the database here instead.
        if (!inProcessDb) {
          await server.stop();
          inProcessDb = await store.open();
        }
        const db = inProcessDb;
        const ctxs = Array.from({ length: n }, () => createContext(db));
        const ws = ctxs.map((ctx) => startJobWorker(ctx, { handlers: JOB_HANDLERS, pollMs: 50 }));
        return {
          owners: ctxs.map((ctx) => jobRunnerOf(ctx).owner),
          stop: () => Promise.all(ws.map((w) => w.stop())).then(() => undefined),
        };
      };

      const admin: HttpSession = await httpSession(server, 'admin', CRASH_ADMIN_PASSWORD);
      /** Queue the batch: over the API while the server runs; on PGlite the server must stop first. */
      const queueBatch = async (): Promise<string[]> => {
        const ids: string[] = [];
        for (const { path, body } of BATCH)
          ids.push((await jsonOf<JobView>(await callAs(server, admin, 'POST', path, body), 202)).id);
        return ids;
      };
      const read = async (db: Db, ids: string[]) => {
        const rows = await db.query<{
          id: string;
          status: string;
          result: unknown;
          owner: string;
          attempts: number;
          error: unknown;
        }>('SELECT id, status, result, owner, attempts, error FROM jobs WHERE id = ANY($1::text[])', [ids]);
        return ids.map((id) => rows.rows.find((r) => r.id === id)!);
      };
      const countsOf = async (db: Db, snapshotId: unknown) =>
        (
          await db.query(
            `SELECT district_code, service_code, eligible, gap, recheck FROM entitlement_snapshot_counts
           WHERE snapshot_id = $1 ORDER BY district_code, service_code`,
            [snapshotId],
          )
        ).rows;

      const runBatch = async (n: number) => {
        const ids = await queueBatch();
        const workers = await startWorkers(n);
        const db = store.databaseUrl ? await store.open() : inProcessDb!;
        try {
          const jobs = await until(
            `the batch on ${n} worker(s)`,
            async () => {
              const rows = await read(db, ids);
              return rows.every((r) => r.status === 'succeeded' || r.status === 'failed') ? rows : undefined;
            },
            480_000,
          );
          for (const j of jobs) expect(j.status, JSON.stringify(j.error)).toBe('succeeded');
          const snapshotIds = jobs
            .map((j) => (j.result as { snapshotId?: unknown }).snapshotId)
            .filter((id) => id !== undefined);
          const snapshots = await Promise.all(snapshotIds.map((id) => countsOf(db, id)));
          return { jobs, results: jobs.map((j) => comparable(j.result)), snapshots, owners: workers.owners };
        } finally {
          await workers.stop();
          if (store.databaseUrl) await db.close();
        }
      };

      // On PGlite the server queues both batches before it stops (it holds the folder).
      const one = await runBatch(1);
      if (!store.databaseUrl) {
        // Queue the second batch: start the server again on the folder (the in-process database closed first).
        await inProcessDb!.close();
        inProcessDb = null;
        server = await serve(store, { FUWU_WORKERS: '0' });
      }
      const two = await runBatch(2);

      expect(two.results).toEqual(one.results);
      expect(two.snapshots).toEqual(one.snapshots);
      expect(one.snapshots.length).toBe(2);
      expect(one.snapshots[0]!.length).toBeGreaterThan(0);
      // Every job ran once, on a worker of its batch; with two, both ran some.
      for (const { jobs, owners } of [one, two]) {
        for (const j of jobs) {
          expect(j.attempts).toBe(1);
          expect(owners).toContain(j.owner);
        }
      }
      expect(new Set(two.jobs.map((j) => j.owner)).size).toBe(2);
    },
  );
});
