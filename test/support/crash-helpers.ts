/**
 * For the crash and queue tests: `fuwu serve` and `fuwu worker` as child processes (fuwu-process.ts)
 * on a data store that outlives them (a PGlite folder, or the PostgreSQL test database with a fresh
 * schema), killed with SIGKILL and started again on the same store; and a seeded random source, so a
 * failing kill point can be replayed with FUWU_CRASH_SEED. The HTTP client whose session survives a
 * restart (sessions live in the database, only the port changes) is http-session.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/store/db.ts';
import { openPglite } from '../../src/store/pglite-db.ts';
import { openPostgres } from '../../src/store/postgres-db.ts';
import type { FuwuProcess, FuwuServer } from './fuwu-process.ts';
import { serveFuwu, spawnFuwu } from './fuwu-process.ts';

export const CRASH_ADMIN_PASSWORD = 'crash-admin-password-42';

/** Where a scenario's data lives across restarts. */
export interface Store {
  dataDir: string;
  /** '' for the embedded database in dataDir. */
  databaseUrl: string;
  /** Opens the database in this process; on PGlite only while no server holds the folder. */
  open(): Promise<Db>;
  remove(): void;
}

/** A fresh store: a new PGlite folder, or the PostgreSQL test database with its schema dropped. */
export async function freshStore(): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-crash-'));
  const databaseUrl = process.env.FUWU_TEST_DATABASE_URL ?? '';
  if (databaseUrl) {
    const db = await openPostgres(databaseUrl);
    try {
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    } finally {
      await db.close();
    }
  }
  return {
    dataDir,
    databaseUrl,
    open: () => (databaseUrl ? openPostgres(databaseUrl) : openPglite(join(dataDir, 'pglite'))),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** What a `fuwu` process on the store is started with (quiet unless a test asks for more). */
const storeEnv = (store: Store): Record<string, string> => ({
  FUWU_DATA_DIR: store.dataDir,
  DATABASE_URL: store.databaseUrl,
  FUWU_ADMIN_PASSWORD: CRASH_ADMIN_PASSWORD,
  FUWU_LOG_LEVEL: 'warn',
});

/** `fuwu serve` on the store, resolved once it prints its address. */
export function serve(store: Store, env: Record<string, string> = {}): Promise<FuwuServer> {
  return serveFuwu({ env: { ...storeEnv(store), ...env } });
}

/** `fuwu worker` on the store (PostgreSQL), resolved once it has started; `owner` is its id in the queue. */
export async function worker(
  store: Store,
  env: Record<string, string> = {},
): Promise<FuwuProcess & { owner: string }> {
  const w = await spawnFuwu('worker', /"owner":"([^"]+)"[^\n]*"msg":"worker started"/, {
    env: { ...storeEnv(store), ...env },
  });
  return { ...w, owner: w.match[1]! };
}

/** The kill points' random source: seeded, so a failing one can be replayed. */
export { createRandom as seededRandom } from '../../src/domain/shared/random.ts';

/** The seed of this run: FUWU_CRASH_SEED, or a fixed one. */
export const crashSeed = (): number => Number(process.env.FUWU_CRASH_SEED ?? 20261129);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined), or fails after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
