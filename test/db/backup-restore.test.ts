/**
 * Backup and restore (issue 7 §3): a database with figures, facilities, users, a case with a binary
 * attachment and its audit trail is backed up, wiped, restored, and compared table by table (row
 * count and a digest of every row). A damaged, truncated or altered backup is refused and the target
 * stays empty; a database with data is never overwritten. On PostgreSQL the backup also goes through
 * the embedded engine and back (PostgreSQL → PGlite → PostgreSQL), every table equal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { uploadAttachment } from '../../src/app/cases/upload-attachment.ts';
import { loadSampleData } from '../../src/app/plan/sample-data.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import type { Db } from '../../src/store/db.ts';
import { codeSchemaVersion, migrate } from '../../src/store/migrate.ts';
import { openPglite } from '../../src/store/pglite-db.ts';
import { restoreBackup, tableDigests, writeBackup } from '../../src/store/backup/logical-backup.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  createUserAs,
  engineName,
  expectFuwuError,
  openTestDb,
  openTestPlatform,
} from '../support/test-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'fuwu-backup-test-'));
const file = (name: string) => join(dir, name);
let p: TestPlatform;
let before: Awaited<ReturnType<typeof tableDigests>>;

/** A PDF by its magic bytes, with every byte value in it, so bytea must round-trip exactly. */
const binaryPdf = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\n%%EOF\n'),
]);

describe(`backup and restore (${engineName()})`, () => {
  beforeAll(async () => {
    p = await openTestPlatform();
    await loadSampleData(p.ctx, p.admin);
    await loadSyntheticResources(p.ctx, p.admin);
    const alice = await createUserAs(p.ctx, p.admin, {
      username: 'alice',
      role: 'resident',
      displayName: '爱丽丝',
    });
    const r = await submitApplication(p.ctx, alice, {
      serviceCode: 'S-1-04',
      facts: { 'person.residenceDistrict': '510104' },
      idempotencyKey: 'backup-key-0001',
    });
    await uploadAttachment(p.ctx, alice, r.case.id, { fileName: '证明.pdf', bytes: binaryPdf });
    before = await tableDigests(p.db);
    const summary = await writeBackup(p.db, file('full.fuwu.gz'), new Date('2026-11-29T08:00:00Z'));
    expect(summary.schemaVersion).toBe(codeSchemaVersion());
    for (const [table, d] of Object.entries(before)) expect(summary.tables[table], table).toBe(d.rows);
  }, 240_000);

  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds data worth comparing', () => {
    expect(before.users!.rows).toBeGreaterThanOrEqual(2);
    expect(before.observations!.rows).toBeGreaterThan(100);
    expect(before.facilities!.rows).toBeGreaterThan(100);
    expect(before.case_attachments!.rows).toBe(1);
    expect(before.audit_log!.rows).toBeGreaterThan(3);
  });

  it('refuses to restore over a database that holds data, and changes nothing there', async () => {
    await expectFuwuError(restoreBackup(p.db, file('full.fuwu.gz')), 'conflict');
    expect(await tableDigests(p.db)).toEqual(before);
  });

  it('refuses damaged, truncated and altered backups, leaving the target without even a schema', async () => {
    // A small backup of its own (a migrated database with one user), so each refusal is quick.
    const small = await openPglite(null);
    try {
      await migrate(small);
      await small.query(
        `INSERT INTO users (username, display_name, password_hash, role) VALUES ('bob', '鲍勃', 'x', 'viewer')`,
      );
      await writeBackup(small, file('small.fuwu.gz'), new Date());
    } finally {
      await small.close();
    }
    const raw = gunzipSync(readFileSync(file('small.fuwu.gz'))).toString('utf8');
    const lines = raw.split('\n');
    const rowAt = lines.findIndex((l) => l.includes('鲍勃'));
    const cases: Array<[string, Buffer]> = [
      ['not-gzip', Buffer.from('hello, not a backup')],
      ['empty', Buffer.alloc(0)],
      ['no-header', gzipSync(lines.slice(1).join('\n'))],
      ['truncated', gzipSync(lines.slice(0, rowAt + 1).join('\n'))],
      ['row-altered', gzipSync(raw.replace('鲍勃', '爱丽丝'))],
      ['gzip-cut', readFileSync(file('small.fuwu.gz')).subarray(0, 200)],
    ];
    expect(rowAt).toBeGreaterThan(0);
    for (const [name, bytes] of cases) {
      writeFileSync(file(`bad-${name}.gz`), bytes);
      const target = await openPglite(null);
      try {
        await expectFuwuError(restoreBackup(target, file(`bad-${name}.gz`)), 'import_rejected');
        // Not even the schema is left behind: the migrations ran in the refused transaction.
        expect(await tableDigests(target), name).toEqual({});
      } finally {
        await target.close();
      }
    }
  }, 240_000);

  it('restores every table equal into a wiped database of the same engine', async () => {
    // openTestDb wipes: a fresh in-memory PGlite, or the PostgreSQL test database's schema dropped.
    await p.close();
    const target = await openTestDb();
    try {
      const restored = await restoreBackup(target, file('full.fuwu.gz'));
      expect(restored.tables).toEqual(
        Object.fromEntries(Object.entries(before).map(([t, d]) => [t, d.rows])),
      );
      expect(await tableDigests(target)).toEqual(before);
      // The sequences moved past the restored ids: a new row does not collide.
      const users = await target.query<{ id: number }>(
        `INSERT INTO users (username, display_name, password_hash, role) VALUES ('after', 'after', 'x', 'viewer') RETURNING id`,
      );
      expect(users.rows[0]!.id).toBeGreaterThan(before.users!.rows);
    } finally {
      await target.close();
    }
    p = await openTestPlatform(); // afterAll closes it
  }, 240_000);

  // The PostgreSQL run (npm run test:pg) also crosses engines; the PGlite run has no server to cross to.
  if (engineName() === 'PostgreSQL')
    it('goes from PostgreSQL to the embedded engine and back with every table equal', async () => {
      const embedded: Db = await openPglite(null);
      try {
        await restoreBackup(embedded, file('full.fuwu.gz'));
        expect(await tableDigests(embedded)).toEqual(before);
        await writeBackup(embedded, file('from-pglite.fuwu.gz'), new Date());
      } finally {
        await embedded.close();
      }
      await p.close();
      const server = await openTestDb();
      try {
        await restoreBackup(server, file('from-pglite.fuwu.gz'));
        expect(await tableDigests(server)).toEqual(before);
      } finally {
        await server.close();
      }
      p = await openTestPlatform();
    }, 240_000);
});
