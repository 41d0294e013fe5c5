/**
 * `fuwu audit verify` as an operator runs it: a child process on the configured database (a PGlite
 * data folder, or DATABASE_URL on PostgreSQL). An intact log prints the entry count and the head hash
 * and exits 0; a tampered one names the first broken entry and exits 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openPglite } from '../../src/store/pglite-db.ts';
import { AuditRepository } from '../../src/store/repositories/audit.repository.ts';
import { engineName, openTestDb } from '../support/test-db.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const pgUrl = process.env.FUWU_TEST_DATABASE_URL || '';
/** A child process that starts tsx and opens the database: tens of seconds on a busy 2-core machine. */
const CHILD_MS = 240_000;

describe(`fuwu audit verify (${engineName()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-audit-cli-'));
  // PGlite allows one owner of a folder: the test opens it only between runs of the command.
  const open = (): Promise<Db> => (pgUrl ? openTestDbKeep() : openPglite(join(dataDir, 'pglite')));
  let pgDb: Db | null = null;
  const openTestDbKeep = async () => (pgDb ??= await openTestDb());
  const done = async (db: Db) => {
    if (!pgUrl) await db.close();
  };

  const run = () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], {
      cwd: REPO_ROOT,
      env: { ...process.env, FUWU_DATA_DIR: dataDir, DATABASE_URL: pgUrl, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: CHILD_MS,
    });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    const db = await open();
    await migrate(db);
    for (let k = 0; k < 12; k++)
      await db.transaction((tx) =>
        audit(tx, SYSTEM_ACTOR, new Date(Date.UTC(2025, 2, 1, 8, 0, k)), 'test.write', 'thing', String(k), {
          k,
          名: '成都',
        }),
      );
    await done(db);
  });
  afterAll(async () => {
    await pgDb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'an intact log: ok, the number of entries and the head hash; exit 0',
    async () => {
      const r = run();
      expect(r.status, r.err).toBe(0);
      const db = await open();
      const head = await new AuditRepository(db).head();
      await done(db);
      expect(head.seq).toBe(12);
      expect(r.out).toContain(`ok: 12 entries, head ${head.hash}`);
    },
    CHILD_MS,
  );

  it(
    'a changed entry: the first broken one, by id and sequence, and why; exit 2',
    async () => {
      const db = await open();
      const id = Number(
        (await db.query<{ id: unknown }>('SELECT id FROM audit_log WHERE seq = 5')).rows[0]?.id,
      );
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.query(`UPDATE audit_log SET detail = '{"k": 99, "名": "成都"}' WHERE seq IN (5, 9)`);
      });
      await done(db);
      const r = run();
      expect(r.status).toBe(2);
      expect(r.out).not.toContain('ok:');
      expect(r.err).toContain(`broken at entry ${id} (seq 5): hash mismatch`);
      expect(r.err).toContain('审计链断裂');
      expect(r.err).toContain('4 entries before it are intact');
    },
    CHILD_MS,
  );

  it(
    'an unknown audit subcommand is an error with the usage; exit 1',
    () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'nope'], {
        cwd: REPO_ROOT,
        env: { ...process.env, FUWU_DATA_DIR: dataDir, DATABASE_URL: pgUrl, NO_COLOR: '1' },
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('audit verify');
    },
    CHILD_MS,
  );
});
