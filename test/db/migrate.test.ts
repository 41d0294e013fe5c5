/**
 * Migrations: applied once, recorded with a checksum, a newer schema refused; and the PGlite data
 * folder lock that keeps two owners from opening one folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { codeSchemaVersion, knownMigrations, migrate } from '../../src/store/migrate.ts';
import { openPglite } from '../../src/store/pglite-db.ts';
import { engineName, expectFuwuError, openTestDb } from '../support/test-db.ts';

describe(`migrations (${engineName()})`, () => {
  let db: Db;

  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies every migration once, and nothing the second time', async () => {
    const versions = knownMigrations().map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual(versions);
    expect(await migrate(db)).toEqual([]);
    const tables = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const names = tables.rows.map((r) => r.name);
    for (const t of ['users', 'sessions', 'audit_log', 'observations', 'revisions', 'imports']) {
      expect(names).toContain(t);
    }
  });

  it('records each applied migration with its checksum', async () => {
    const rows = await db.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    expect(rows.rows.map((r) => r.version)).toEqual(knownMigrations().map((m) => m.version));
    for (const r of rows.rows) {
      const known = knownMigrations().find((m) => m.version === r.version);
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.checksum).toBe(known?.checksum);
      expect(r.name).toBe(known?.name);
    }
  });

  it('refuses a database whose schema is newer than the code', async () => {
    expect(codeSchemaVersion()).toBeLessThan(9999);
    await db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')");
    try {
      const err = await expectFuwuError(migrate(db), 'schema_too_new');
      expect(err.message).toContain('9999');
      expect(err.zh).toContain('9999');
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = 9999');
    }
    expect(await migrate(db)).toEqual([]);
  });
});

describe(`PGlite data folder lock (${engineName()})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuwu-lock-'));

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second open of the same folder in one process, and reopens after close', async () => {
    const first = await openPglite(dir);
    try {
      await expectFuwuError(openPglite(dir), 'locked');
      await migrate(first);
    } finally {
      await first.close();
    }
    const again = await openPglite(dir);
    try {
      // The folder kept its data: the migrations are already there.
      expect(await migrate(again)).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
