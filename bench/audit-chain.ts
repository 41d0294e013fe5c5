/**
 * What the audit hash chain costs (issue 7 §2): N sequential audited writes, each its own transaction,
 * before the chain (the old single INSERT into a table shaped like 0001's audit_log, no triggers) and
 * after it (audit(): lock the chain head, hash, INSERT, the trigger checks and moves the head), on the
 * embedded PGlite and on PostgreSQL; then one full verification of the chain.
 *
 * PostgreSQL: a fresh database on the machine's server (127.0.0.1:5432, as the other benches;
 * FUWU_BENCH_PG_URL overrides), dropped afterwards; skipped with a note when the server is not there.
 * Writes bench/results/audit-chain.json with the machine and the commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { verifyAuditLog } from '../src/app/admin/verify-audit.ts';
import { audit, SYSTEM_ACTOR } from '../src/app/audit.ts';
import { createContext } from '../src/app/context.ts';
import type { Db } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite-db.ts';
import { openPostgres } from '../src/store/postgres-db.ts';
import { freshDatabase } from './load-lib.ts';
import { commit, loadAverageSince, machine } from './provenance.ts';

const N = Number(process.env.BENCH_AUDIT_N ?? 2000);
const WARM_UP = 100;
const ROUNDS = 2;

const detail = (k: number) => ({
  indicatorCode: 'H03',
  areaCode: '510104',
  year: 2023,
  value: 4.3 + k / 1000,
  source: '成都市统计年鉴',
  reason: null,
});

const OLD_TABLE = `CREATE TABLE audit_log_before_chain (
  id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor_id integer, actor text NOT NULL,
  action text NOT NULL, entity text NOT NULL, entity_id text, detail jsonb NOT NULL DEFAULT '{}'::jsonb)`;

/** The append as it was before migration 0018 (audit.repository.ts at the parent commit). */
async function appendBefore(tx: Db, k: number): Promise<void> {
  await tx.query(
    'INSERT INTO audit_log_before_chain (at, actor_id, actor, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      new Date().toISOString(),
      null,
      'system',
      'observation.record',
      'observation',
      String(k),
      JSON.stringify(detail(k)),
    ],
  );
}

async function appendAfter(tx: Db, k: number): Promise<void> {
  await audit(tx, SYSTEM_ACTOR, new Date(), 'observation.record', 'observation', String(k), detail(k));
}

async function timeWrites(db: Db, n: number, append: (tx: Db, k: number) => Promise<void>) {
  const times: number[] = [];
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    const s = performance.now();
    await db.transaction((tx) => append(tx, k));
    times.push(performance.now() - s);
  }
  const totalMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  const q = (p: number) =>
    Number(times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3));
  return {
    writes: n,
    totalMs: Math.round(totalMs),
    perWriteMs: Number((totalMs / n).toFixed(3)),
    p50Ms: q(0.5),
    p99Ms: q(0.99),
  };
}

async function measure(engine: string, db: Db) {
  await migrate(db);
  await db.exec(OLD_TABLE);
  await timeWrites(db, WARM_UP, appendBefore);
  await timeWrites(db, WARM_UP, appendAfter);
  const rounds = [];
  // Alternate the two, so a load change on the shared machine hits both alike.
  for (let r = 0; r < ROUNDS; r++) {
    const before = await timeWrites(db, N, appendBefore);
    const after = await timeWrites(db, N, appendAfter);
    rounds.push({ before, after, ratio: Number((after.totalMs / before.totalMs).toFixed(2)) });
  }
  const t0 = performance.now();
  const verified = await verifyAuditLog(createContext(db), SYSTEM_ACTOR);
  const verifyMs = Math.round(performance.now() - t0);
  if (!verified.ok) throw new Error(`the chain did not verify: ${verified.broken?.en}`);
  const result = {
    engine,
    rounds,
    verify: {
      entries: verified.entries,
      ms: verifyMs,
      entriesPerSecond: Math.round(verified.entries / (verifyMs / 1000)),
    },
  };
  console.log(JSON.stringify(result));
  return result;
}

const engines = [];
const startedLoad = loadavg();
{
  const db = await openPglite(null);
  try {
    engines.push(await measure('pglite', db));
  } finally {
    await db.close();
  }
}
let postgresNote: string | null = null;
const database = await freshDatabase('fuwu_bench_audit').catch((e: Error) => {
  postgresNote = `PostgreSQL not measured: ${e.message}`;
  console.error(postgresNote);
  return null;
});
if (database) {
  const db = await openPostgres(database.url);
  try {
    engines.push(await measure('postgres', db));
  } finally {
    await db.close();
    await database.drop();
  }
}

const result = {
  bench: 'audit-chain',
  what: `${N} sequential audited writes, one transaction each, before the hash chain (one INSERT, no triggers) and after it (lock the chain head, SHA-256 of the canonical entry, INSERT; the trigger checks the link and moves the head), ${ROUNDS} alternating rounds; then verifying the whole chain`,
  baseline: 'the INSERT of the parent commit into a table shaped like 0001 audit_log',
  machine: machine(),
  commit: commit(),
  at: new Date().toISOString(),
  loadAverage: loadAverageSince(startedLoad),
  engines,
  postgresNote,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/audit-chain.json', `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote bench/results/audit-chain.json');
