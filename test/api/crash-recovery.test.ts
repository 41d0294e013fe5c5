/**
 * Issue 7 §3: `fuwu serve` killed with SIGKILL in the middle of an import, a batch job and case
 * transitions, then started again on the same data. After each restart: nothing partial, the
 * interrupted job run again to the result of an uninterrupted run with its output written once (never
 * `running` forever), no case lost or doubled, the
 * PGlite folder's stale lock taken over, and every table readable. Kill points come from a seeded
 * generator (FUWU_CRASH_SEED replays one); the same test runs on PostgreSQL with
 * FUWU_TEST_DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import { sha256Of } from '../../src/app/files/import-outcome.ts';
import type { AuditView } from '../../src/domain/plan/views.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../src/store/pack/pack-loader.ts';
import { tableDigests } from '../../src/store/backup/logical-backup.ts';
import type { Db } from '../../src/store/db.ts';
import { acquireDataDirLock } from '../../src/store/data-dir-lock.ts';
import type { Store } from '../support/crash-helpers.ts';
import type { FuwuServer } from '../support/fuwu-process.ts';
import type { HttpSession } from '../support/http-session.ts';
import { callAs, httpSession, jsonOf } from '../support/http-session.ts';
import {
  CRASH_ADMIN_PASSWORD,
  crashSeed,
  freshStore,
  seededRandom,
  serve,
  sleep,
  until,
} from '../support/crash-helpers.ts';
import { countOf, engineName } from '../support/test-db.ts';

/** Rows in the imported file: several thousand, as a district's yearly figures would be. */
const IMPORT_ROWS = 4000;

const stores: Store[] = [];
const servers: FuwuServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  for (const s of stores) s.remove();
});

const t0 = Date.now();
const step = (what: string) =>
  process.stderr.write(`[crash ${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);

async function start(store: Store, env: Record<string, string> = {}): Promise<FuwuServer> {
  step('starting server');
  const s = await serve(store, env);
  step(`server ${s.pid} up`);
  servers.push(s);
  return s;
}

/** Kill, start again on the same data, and check the restart took over the lock the kill left. */
async function killAndRestart(
  store: Store,
  server: FuwuServer,
  admin: HttpSession,
  env: Record<string, string> = {},
): Promise<FuwuServer> {
  await server.kill();
  const next = await start(store, env);
  if (!store.databaseUrl) expect(next.output()).toContain(`stale lock of process ${server.pid}`);
  // The audit chain is whole: no entry half-written, none lost from the middle.
  const chain = await jsonOf<{ ok: boolean; broken: unknown }>(
    await callAs(next, admin, 'GET', '/api/audit/verify'),
    200,
  );
  expect(chain.ok, JSON.stringify(chain.broken)).toBe(true);
  return next;
}

/** After the last restart: stop gracefully and read the data directly; every table must read. */
async function inspect<T>(store: Store, server: FuwuServer, check: (db: Db) => Promise<T>): Promise<T> {
  await server.stop();
  const db = await store.open();
  try {
    const digests = await tableDigests(db);
    expect(Object.keys(digests).length).toBeGreaterThan(10);
    return await check(db);
  } finally {
    await db.close();
  }
}

/** PostgreSQL only: resolves once another session's open transaction last ran a query naming `what`. */
async function untilWriting(store: Store, what: string): Promise<void> {
  const db = await store.open();
  try {
    await until(`a transaction running ${what}`, async () =>
      (await countOf(
        db,
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND xact_start IS NOT NULL AND query ILIKE $1`,
        [`%${what}%`],
      )) > 0
        ? true
        : undefined,
    );
  } finally {
    await db.close();
  }
}

const job = (server: FuwuServer, s: HttpSession, id: string) =>
  callAs(server, s, 'GET', `/api/jobs/${id}`).then((r) => jsonOf<JobView>(r, 200));

describe(`crash recovery: SIGKILL in the middle of work, then restart (${engineName()})`, () => {
  it(
    'an observations import cut off is all there or not at all, and a re-send imports it once',
    { timeout: 300_000 },
    async () => {
      const random = seededRandom(crashSeed() + 1);
      const store = await freshStore();
      stores.push(store);
      let server = await start(store);
      const admin = await httpSession(server, 'admin', CRASH_ADMIN_PASSWORD);

      // Several thousand distinct (indicator, area, year) keys; version v of the file gives each key
      // a value ending in .v, so whose values a key holds says which file wrote it.
      const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
      const keys: { i: string; a: string; y: number }[] = [];
      // After the base year, which holds the plan's own baseline figures.
      for (let y = pack.meta.baselineYear + 1; y <= pack.meta.periodEnd; y++)
        for (const ind of pack.indicators.filter((x) => x.target.kind !== 'qualitative'))
          for (const area of pack.areas) keys.push({ i: ind.code, a: area.code, y });
      const rows = keys.slice(0, IMPORT_ROWS);
      expect(rows.length).toBe(IMPORT_ROWS);
      const valueOf = (n: number, version: number) => (n % 40) + 1 + version / 10;
      const fileOf = (version: number) => {
        const lines = rows.map(
          (k, n) => `${k.i},${k.a},${k.y},${valueOf(n, version)},crash test v${version}`,
        );
        const text = ['indicator_code,area_code,year,value,source', ...lines].join('\n') + '\n';
        return {
          name: `observations-v${version}.csv`,
          text,
          sha256: sha256Of(new TextEncoder().encode(text)),
        };
      };
      const send = (version: number) => {
        const f = fileOf(version);
        const form = new FormData();
        form.append('file', new Blob([f.text], { type: 'text/csv' }), f.name);
        return callAs(server, admin, 'POST', '/api/observations/import', form);
      };
      /** Which version every key of the file holds now (null when they disagree). */
      const heldVersion = async (): Promise<number | null> => {
        const all = await jsonOf<{ indicatorCode: string; areaCode: string; year: number; value: number }[]>(
          await callAs(server, admin, 'GET', '/api/observations'),
          200,
        );
        const byKey = new Map(all.map((o) => [`${o.indicatorCode}|${o.areaCode}|${o.year}`, o.value]));
        const versions = new Set(
          rows.map((k, n) => {
            const v = byKey.get(`${k.i}|${k.a}|${k.y}`);
            return v === undefined ? -1 : Math.round((v - valueOf(n, 0)) * 10);
          }),
        );
        return versions.size === 1 ? [...versions][0]! : null;
      };
      const acceptedImports = async (sha256: string) =>
        (await jsonOf<AuditView[]>(await callAs(server, admin, 'GET', '/api/audit?limit=500'), 200)).filter(
          (e) => e.action === 'observation.import' && (e.detail as { sha256?: string }).sha256 === sha256,
        ).length;

      expect(await heldVersion()).toBe(-1);
      const t = performance.now();
      expect((await jsonOf<{ rows: number }>(await send(0), 200)).rows).toBe(IMPORT_ROWS);
      const importMs = performance.now() - t;
      step(`first import ${Math.round(importMs)} ms`);
      expect(await heldVersion()).toBe(0);

      let cutOff = 0;
      for (let version = 1; version <= 3; version++) {
        const answer = send(version).then(
          (r) => r.status,
          () => 'no answer',
        );
        const delay = Math.round((importMs * (version - 1 + 0.2 + 0.6 * random())) / 3);
        // On PostgreSQL the second kill waits until the import's transaction is seen writing, so
        // one kill surely lands between its first row and its commit.
        if (store.databaseUrl && version === 2) await untilWriting(store, 'observations');
        else await sleep(delay);
        server = await killAndRestart(store, server, admin);
        const held = await heldVersion();
        const accepted = await acceptedImports(fileOf(version).sha256);
        const when = store.databaseUrl && version === 2 ? 'inside its transaction' : `${delay} ms in`;
        step(`version ${version}: killed ${when} (answer: ${await answer}); keys hold v${held}`);
        // All of the file or none of it, and recorded accepted exactly when all of it is there.
        expect([version - 1, version]).toContain(held);
        expect(accepted).toBe(held === version ? 1 : 0);
        if (held === version - 1) {
          cutOff++;
          expect((await jsonOf<{ rows: number }>(await send(version), 200)).rows).toBe(IMPORT_ROWS);
          expect(await heldVersion()).toBe(version);
          expect(await acceptedImports(fileOf(version).sha256)).toBe(1);
        }
      }
      expect(cutOff, 'at least one kill landed inside an import').toBeGreaterThan(0);

      await inspect(store, server, async (db) => {
        for (let version = 0; version <= 3; version++)
          expect(
            await countOf(db, 'SELECT count(*) AS n FROM imports WHERE accepted AND sha256 = $1', [
              fileOf(version).sha256,
            ]),
          ).toBe(1);
        expect(
          await countOf(db, `SELECT count(*) AS n FROM observations WHERE source LIKE 'crash test v%'`),
        ).toBe(IMPORT_ROWS);
        expect(
          await countOf(db, `SELECT count(*) AS n FROM observations WHERE source = 'crash test v3'`),
        ).toBe(IMPORT_ROWS);
      });
    },
  );

  it(
    'residents submitting and workers acting while killed: every case once, every state explained by its events',
    { timeout: 300_000 },
    async () => {
      const random = seededRandom(crashSeed() + 3);
      const store = await freshStore();
      stores.push(store);
      let server = await start(store);
      const admin = await httpSession(server, 'admin', CRASH_ADMIN_PASSWORD);
      const password = 'crash-user-password-1';
      const people = async (role: string, n: number, extra: Record<string, string> = {}) => {
        const out: HttpSession[] = [];
        for (let i = 0; i < n; i++) {
          const username = `${role.toLowerCase()}${i}`;
          await jsonOf(
            await callAs(server, admin, 'POST', '/api/users', { username, password, role, ...extra }),
            201,
          );
          out.push(await httpSession(server, username, password));
        }
        return out;
      };
      const residents = await people('resident', 5);
      const workers = await people('caseWorker', 2, { officeCode: 'O-510104' });
      const submit = (who: number, key: string) =>
        callAs(
          server,
          residents[who]!,
          'POST',
          '/api/applications',
          { serviceCode: 'S-1-04', facts: { 'person.residenceDistrict': '510104' } },
          { 'idempotency-key': key },
        );
      type Submitted = { case: { id: string }; created: boolean };

      /** Every key ever sent, its resident, and the case a 2xx answer named (null: no answer came). */
      const keys = new Map<string, { who: number; caseId: string | null }>();
      const unexpected: string[] = [];
      let answered = 0;
      let acted = 0;
      const NEXT: Record<string, string> = {
        submitted: 'accept',
        accepted: 'startMeansCheck',
        meansCheck: 'approve',
      };

      for (let round = 0; round < 3; round++) {
        let stop = false;
        const residentLoop = async (who: number) => {
          while (!stop) {
            const key = `crash-${who}-${keys.size}-${round}-${Math.floor(random() * 1e9)}`;
            keys.set(key, { who, caseId: null });
            const res = await submit(who, key).catch(() => null);
            if (!res) return; // the server is gone
            if (res.status === 201 || res.status === 200) {
              keys.get(key)!.caseId = ((await res.json()) as Submitted).case.id;
              answered++;
            } else unexpected.push(`submit ${res.status}: ${await res.text()}`);
          }
        };
        const workerLoop = async (who: number) => {
          while (!stop) {
            const queue = await callAs(server, workers[who]!, 'GET', '/api/cases').catch(() => null);
            if (!queue) return;
            const open = ((await queue.json()) as { id: string; state: string; revision: number }[]).filter(
              (c) => NEXT[c.state],
            );
            const c = open[Math.floor(random() * open.length)];
            if (!c) continue;
            const res = await callAs(
              server,
              workers[who]!,
              'POST',
              `/api/cases/${c.id}/actions/${NEXT[c.state]}`,
              {
                reason: 'crash test',
                expectedRevision: c.revision,
              },
            ).catch(() => null);
            if (!res) return;
            if (res.status === 200) acted++;
            else if (res.status !== 409) unexpected.push(`act ${res.status}: ${await res.text()}`);
          }
        };
        // Kill once a seeded number more submissions have been answered, with everyone still sending.
        const target = answered + 8 + Math.floor(random() * 12);
        const loops = Promise.all([
          ...residents.map((_, i) => residentLoop(i)),
          ...workers.map((_, i) => workerLoop(i)),
        ]);
        await until('submissions to be answered', async () => (answered >= target ? true : undefined));
        const killed = server;
        stop = true;
        await killed.kill();
        await loops;
        server = await killAndRestart(store, killed, admin);
        step(`round ${round}: killed after ${answered} answered submissions and ${acted} actions`);
        expect(unexpected).toEqual([]);

        // Every key sent so far, retried: one case each, the one the answer named if one came.
        const caseOf = new Map<string, string>();
        for (const [key, k] of keys) {
          const res = await submit(k.who, key);
          const body = (await res.json()) as Submitted;
          expect([200, 201], JSON.stringify(body)).toContain(res.status);
          if (k.caseId) {
            expect(res.status).toBe(200);
            expect(body.case.id).toBe(k.caseId);
          }
          k.caseId = body.case.id;
          caseOf.set(key, body.case.id);
        }
        expect(new Set(caseOf.values()).size).toBe(keys.size);
      }

      // Each resident sees exactly the cases of their keys.
      for (const [who, session] of residents.entries()) {
        const mine = await jsonOf<{ id: string }[]>(
          await callAs(server, session, 'GET', '/api/my/cases'),
          200,
        );
        const expected = [...keys.values()].filter((k) => k.who === who).map((k) => k.caseId);
        expect(mine.map((c) => c.id).sort()).toEqual(expected.sort());
      }
      expect(acted, 'the workers moved cases on').toBeGreaterThan(0);

      await inspect(store, server, async (db) => {
        expect(await countOf(db, 'SELECT count(*) AS n FROM cases')).toBe(keys.size);
        // A case's history explains it: one submit, first; events 1..revision with no gap; the last
        // event's state is the case's state.
        const unexplained = await db.query<{ id: string }>(
          `SELECT c.id, c.state, c.revision, s.n, s.mx, s.submits, s.submit_seq, last.to_state
         FROM cases c
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n, max(seq) AS mx,
             count(*) FILTER (WHERE action = 'submit')::int AS submits,
             min(seq) FILTER (WHERE action = 'submit') AS submit_seq
           FROM case_events e WHERE e.case_id = c.id) s
         LEFT JOIN case_events last ON last.case_id = c.id AND last.seq = c.revision
         WHERE s.n <> c.revision OR s.mx <> c.revision OR s.submits <> 1 OR s.submit_seq <> 1
           OR last.to_state IS DISTINCT FROM c.state`,
        );
        expect(unexplained.rows).toEqual([]);
        expect(await countOf(db, `SELECT count(*) AS n FROM audit_log WHERE action = 'case.submit'`)).toBe(
          keys.size,
        );
        expect(
          await countOf(db, `SELECT count(*) AS n FROM case_events WHERE action <> 'submit'`),
        ).toBeGreaterThanOrEqual(acted);
      });
    },
  );

  it(
    'a matching job cut off mid-run is run again after the restart, to the same result, with one snapshot',
    { timeout: 300_000 },
    async () => {
      const random = seededRandom(crashSeed() + 2);
      const store = await freshStore();
      stores.push(store);
      // On PostgreSQL a killed server's job waits for its lease to run out: keep that short here.
      const env = { FUWU_JOB_LEASE_SECONDS: '10' };
      let server = await start(store, env);
      const admin = await httpSession(server, 'admin', CRASH_ADMIN_PASSWORD);
      const spec = { date: '2025-06-30', seed: 7, size: 300_000 };
      const run = async () =>
        (
          await jsonOf<JobView>(
            await callAs(server, admin, 'POST', '/api/entitlements/matching/runs', spec),
            202,
          )
        ).id;
      const finished = async (id: string) =>
        until(`job ${id} to finish`, async () => {
          const j = await job(server, admin, id);
          return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
        });
      const snapshots = async () =>
        jsonOf<{ id: number }[]>(
          await callAs(server, admin, 'GET', '/api/entitlements/matching/snapshots'),
          200,
        );
      type Counts = { rows: Record<string, unknown>[] };
      const counts = async (id: number) =>
        (
          await jsonOf<Counts>(
            await callAs(server, admin, 'GET', `/api/entitlements/matching/snapshots/${id}/counts`),
            200,
          )
        ).rows;
      type Result = { snapshotId: number; gap: number; recheck: number };
      const comparable = (r: Result) => ({ ...r, snapshotId: 0, timingsMs: null });
      const strip = (rows: Record<string, unknown>[]) => rows.map(({ snapshotId: _s, ...r }) => r);

      // The uninterrupted run on the fresh database, to compare each rerun with.
      const t0 = performance.now();
      const baseline = await finished(await run());
      step('baseline done');
      const baselineMs = performance.now() - t0;
      expect(baseline.status, JSON.stringify(baseline.error)).toBe('succeeded');
      expect(baseline.attempts).toBe(1);
      const baseResult = baseline.result as Result;
      const baseCounts = await counts(baseResult.snapshotId);
      expect(baseCounts.length).toBeGreaterThan(0);

      // Kill points spread over the run's length: in each third, somewhere seeded.
      let rerun = 0;
      for (let round = 0; round < 3; round++) {
        const before = (await snapshots()).length;
        const id = await run();
        await until(`job ${id} to run`, async () =>
          (await job(server, admin, id)).status === 'running' ? true : undefined,
        );
        const delay = Math.round((baselineMs * (round + 0.2 + 0.6 * random())) / 3);
        // On PostgreSQL the last kill waits for the snapshot's transaction to be writing.
        if (store.databaseUrl && round === 2) await untilWriting(store, 'INSERT INTO entitlement_');
        else await sleep(delay);
        server = await killAndRestart(store, server, admin, env);
        const after = await finished(id);
        const when = store.databaseUrl && round === 2 ? 'while saving' : `${delay} ms into the run`;
        step(`round ${round}: killed ${when}; the job ${after.status} after ${after.attempts} attempt(s)`);
        // Killed mid-run it is run again (a second attempt); killed after it had finished, it is as it was.
        expect(after.status, JSON.stringify(after.error)).toBe('succeeded');
        expect([1, 2]).toContain(after.attempts);
        if (after.attempts === 2) rerun++;
        const result = after.result as Result;
        expect(comparable(result)).toEqual(comparable(baseResult));
        const now = await snapshots();
        expect(now.length, 'one snapshot for the run, however often it started').toBe(before + 1);
        expect(now.map((x) => x.id)).toContain(result.snapshotId);
        expect(strip(await counts(result.snapshotId))).toEqual(strip(baseCounts));
      }
      expect(rerun, 'at least one kill landed inside a run').toBeGreaterThan(0);

      await inspect(store, server, async (db) => {
        expect(
          await countOf(db, `SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running')`),
        ).toBe(0);
        // The baseline and the three runs: each whole, none twice.
        expect(await countOf(db, 'SELECT count(*) AS n FROM entitlement_snapshots')).toBe(4);
        const items = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM entitlement_worklist_items GROUP BY snapshot_id ORDER BY snapshot_id',
        );
        expect(items.rows.map((r) => r.n)).toEqual(Array(4).fill(items.rows[0]?.n));
      });
    },
  );
});

describe('PGlite data folder lock left by a killed process', () => {
  let dir = '';
  let lockFile = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fuwu-crash-lock-'));
    lockFile = join(dir, 'fuwu.lock');
  });
  const startOf = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  };
  const take = () => {
    const said: string[] = [];
    const release = acquireDataDirLock(dir, (m) => said.push(m));
    return { release, said };
  };
  let sleeper: ChildProcess | null = null;
  afterAll(() => {
    sleeper?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock under its own process id that it does not hold (a container restarted after a kill)', () => {
    writeFileSync(lockFile, `${process.pid} 1`);
    const { release, said } = take();
    expect(said.join('\n')).toContain(`stale lock of process ${process.pid}`);
    expect(readFileSync(lockFile, 'utf8')).toBe(`${process.pid} ${startOf(process.pid)}`);
    // While held, a second open in this process is refused.
    expect(() => take()).toThrow(/already open in this process/);
    release();
  });

  it('refuses a live owner, and takes over when a live process got the dead owner’s id', async () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const pid = sleeper.pid as number;
    await until('the sleeper to start', async () => (existsSync(`/proc/${pid}/stat`) ? true : undefined));
    writeFileSync(lockFile, `${pid} ${startOf(pid)}`);
    expect(() => take()).toThrow(new RegExp(`in use by process ${pid}`));
    writeFileSync(lockFile, `${pid} ${Number(startOf(pid)) - 1}`);
    const { release, said } = take();
    expect(said.join('\n')).toContain(`stale lock of process ${pid}`);
    release();
  });

  it('takes over an old-style lock (process id only) of a process that is gone', async () => {
    const gone = spawn('true', { stdio: 'ignore' });
    await new Promise((done) => gone.once('exit', done));
    writeFileSync(lockFile, String(gone.pid));
    const { release, said } = take();
    expect(said.join('\n')).toContain(`stale lock of process ${gone.pid}`);
    release();
    expect(existsSync(lockFile)).toBe(false);
  });
});
