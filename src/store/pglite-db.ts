/** The embedded engine: PGlite in a data folder, guarded by a lock file (PGlite itself has none). */
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db, QueryResult } from './db.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(q: Queryable, root: PGlite | null, release: () => void): Db {
  const db: Db = {
    engine: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (!root) return fn(db); // already inside one: PGlite has no nested transactions
      return root.transaction((tx) => fn(wrap(tx, null, release)));
    },
    async close() {
      if (root) await root.close();
      release();
    },
  };
  return db;
}

/** A PGlite database, which can also dump its whole data folder (backups, test templates). */
export interface PgliteDb extends Db {
  dump(): Promise<Blob>;
}

function withDump(pg: PGlite, release: () => void): PgliteDb {
  return { ...wrap(pg, pg, release), dump: async () => (await pg.dumpDataDir('none')) as Blob };
}

/** Open (creating if needed) a PGlite database in `dataDir`; `null` keeps it in memory. */
export async function openPglite(dataDir: string | null): Promise<PgliteDb> {
  const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
  try {
    const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
    return withDump(pg, release);
  } catch (e) {
    release();
    throw e;
  }
}

/** Open an in-memory PGlite from a dump (tests clone one migrated template this way). */
export async function openPgliteFromDump(dump: Blob): Promise<PgliteDb> {
  return withDump(await PGlite.create({ loadDataDir: dump }), () => {});
}
