/**
 * Versioned migrations: `migrations/NNNN_name.sql`, applied in order, each in its own transaction
 * and recorded with a checksum. Applying twice changes nothing; a database whose schema is newer
 * than this code is refused, so an old binary never writes into a schema it does not know.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { FuwuError } from '../domain/shared/errors.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function knownMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(MIGRATIONS_DIR + file, 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** The schema version this code knows (the highest migration shipped). */
export function codeSchemaVersion(): number {
  return Math.max(0, ...knownMigrations().map((m) => m.version));
}

/**
 * Apply pending migrations (up to `upTo` when given: a restore first brings an empty database to its
 * backup's version); returns the versions applied.
 */
export async function migrate(db: Db, opts: { upTo?: number } = {}): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = await db.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations',
  );
  const known = knownMigrations();
  const dbVersion = Math.max(0, ...applied.rows.map((r) => r.version));
  const codeVersion = Math.max(0, ...known.map((m) => m.version));
  if (dbVersion > codeVersion) {
    throw new FuwuError(
      'schema_too_new',
      `数据库结构版本 ${dbVersion} 高于本程序支持的版本 ${codeVersion}，请升级 fuwu 后再启动`,
      `the database schema is version ${dbVersion}, newer than this fuwu (${codeVersion}); upgrade fuwu before starting`,
    );
  }
  const done = new Map(applied.rows.map((r) => [r.version, r.checksum]));
  const ran: number[] = [];
  for (const m of known) {
    if (done.has(m.version) || (opts.upTo !== undefined && m.version > opts.upTo)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    });
    ran.push(m.version);
  }
  return ran;
}
