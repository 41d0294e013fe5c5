/**
 * The audit log as a hash chain on the real engine (issue 7 §2): writes through real use cases chain;
 * the triggers refuse UPDATE, DELETE and TRUNCATE; with the triggers switched off (what only a
 * database superuser or the table owner can do) a changed detail, a deleted middle entry and a forged
 * entry are each named by the verifier at the first broken entry; concurrent appends from two
 * connection pools form one chain; a database from before the chain gets its old entries linked.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/app/admin/verify-audit.ts';
import { audit, SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { createContext } from '../../src/app/context.ts';
import { recordObservation } from '../../src/app/plan/record-observation.ts';
import { buildServer } from '../../src/api/server.ts';
import { GENESIS_HASH } from '../../src/domain/audit/chain.ts';
import type { Db } from '../../src/store/db.ts';
import { knownMigrations, migrate } from '../../src/store/migrate.ts';
import type { PgliteDb } from '../../src/store/pglite-db.ts';
import { openPgliteFromDump } from '../../src/store/pglite-db.ts';
import { openPostgres } from '../../src/store/postgres-db.ts';
import { AuditRepository, sha256Hex } from '../../src/store/repositories/audit.repository.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fixedClock,
  openTestDb,
  openTestPlatform,
} from '../support/test-db.ts';

interface Row {
  id: number;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

const rowsOf = async (db: Db) =>
  (await db.query<Row>('SELECT id, seq, prev_hash, hash FROM audit_log ORDER BY id')).rows.map((r) => ({
    ...r,
    id: Number(r.id),
    seq: r.seq === null ? null : Number(r.seq),
  }));

/** Run `fn` with every user trigger off, as only a superuser can: how a tamperer gets past them. */
async function triggersOff(db: Db, fn: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await fn(tx);
  });
}

/** A whole row, to put back after a tampering test. */
async function copyOf(db: Db, id: number): Promise<Record<string, unknown>> {
  const r = await db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE id = $1', [id]);
  if (!r.rows[0]) throw new Error(`no audit_log row ${id}`);
  return r.rows[0];
}

/** Put a deleted row back exactly (behind the triggers, as it was taken out). */
function putBack(db: Db, c: Record<string, unknown>): Promise<void> {
  return triggersOff(db, (tx) =>
    tx.query(
      `INSERT INTO audit_log (id, at, actor_id, actor, action, entity, entity_id, detail, seq, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        c.id,
        c.at,
        c.actor_id,
        c.actor,
        c.action,
        c.entity,
        c.entity_id,
        JSON.stringify(c.detail),
        c.seq,
        c.prev_hash,
        c.hash,
      ],
    ),
  );
}

/** An error thrown by the database, with its message (engines wrap it differently). */
async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected the statement to be refused');
}

describe(`audit chain (${engineName()})`, () => {
  let p: TestPlatform;
  const clock = fixedClock('2025-03-01T08:00:00.000Z');

  beforeAll(async () => {
    p = await openTestPlatform({ clock });
  });
  afterAll(async () => {
    await p?.close();
  });

  const verify = () => verifyAuditLog(p.ctx, p.admin, { pageSize: 7 });

  it('writes through real use cases form one chain, seq 1..n in id order, from the genesis hash', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'viewer1', role: 'viewer' });
    await createUserAs(p.ctx, p.admin, { username: 'auditor1', role: 'auditor' });
    for (const [i, year] of [2021, 2022, 2023].entries()) {
      clock.advance(1000 + i);
      await recordObservation(p.ctx, p.admin, {
        indicatorCode: 'H03',
        areaCode: '510100',
        year,
        value: 4.3 + i / 10,
        source: '成都市统计年鉴',
      });
    }
    const rows = await rowsOf(p.db);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, k) => k + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.prev_hash).toBe(rows[k - 1]!.hash);
    const head = await new AuditRepository(p.db).head();
    expect(head).toEqual({ seq: rows.length, hash: rows.at(-1)!.hash });
    const r = await verify();
    expect(r).toMatchObject({ ok: true, entries: rows.length, head: head.hash, broken: null, linkedNow: 0 });
  });

  it('a detail with nested objects, unicode and awkward numbers hashes the same after jsonb', async () => {
    const detail = {
      zeta: { 名称: '成都市 🐼 “引号” \\ \n', b: [1e21, 0.1, -0, 1e-7, 123456789.12345679, 2 ** 53 + 2] },
      alpha: [{ y: null, x: true }, '', 'ключ'],
      ab: 1,
      a: { '': 'empty key', aa: { z: 1, a: 2 } },
    };
    await p.db.transaction((tx) =>
      audit(tx, p.admin, new Date('2025-03-01T08:00:05.123Z'), 'test.detail', 'test', '成都', detail),
    );
    const stored = await p.db.query<{ detail: unknown }>(
      "SELECT detail FROM audit_log WHERE action = 'test.detail'",
    );
    // jsonb really did reorder the keys: the canonical form is what makes the hash survive.
    expect(Object.keys(stored.rows[0]!.detail as object)).not.toEqual(Object.keys(detail));
    expect((await verify()).ok).toBe(true);
  });

  it('the triggers refuse UPDATE, DELETE and TRUNCATE of the log, and a write of the chain head', async () => {
    const n = await countOf(p.db, 'SELECT count(*) AS n FROM audit_log');
    expect(await refused(p.db.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"))).toMatch(
      /append-only: entry \d+ cannot be changed/,
    );
    expect(await refused(p.db.query('DELETE FROM audit_log WHERE seq = 2'))).toContain(
      'audit_log is append-only: DELETE is refused',
    );
    expect(await refused(p.db.exec('TRUNCATE audit_log'))).toContain(
      'audit_log is append-only: TRUNCATE is refused',
    );
    expect(await refused(p.db.query("UPDATE audit_chain_head SET hash = 'x'"))).toContain(
      'audit_chain_head moves only with an append',
    );
    expect(await refused(p.db.query('DELETE FROM audit_chain_head'))).toContain(
      'audit_chain_head moves only',
    );
    expect(await refused(p.db.exec('TRUNCATE audit_chain_head'))).toContain('audit_chain_head moves only');
    // An INSERT that does not continue the chain at the head (a forger's, or a writer that skipped the lock).
    expect(
      await refused(
        p.db.query(
          `INSERT INTO audit_log (at, actor, action, entity, detail, seq, prev_hash, hash)
           VALUES (now(), 'mallory', 'forged', 'x', '{}', 1, $1, $1)`,
          [GENESIS_HASH],
        ),
      ),
    ).toContain('must continue the chain');
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM audit_log')).toBe(n);
    expect((await verify()).ok).toBe(true);
  });

  it('a detail changed behind the triggers: hash mismatch at that entry; put back, the chain verifies', async () => {
    const target = (await rowsOf(p.db))[2]!;
    const before = await p.db.query<{ detail: unknown }>('SELECT detail FROM audit_log WHERE id = $1', [
      target.id,
    ]);
    await triggersOff(p.db, (tx) =>
      tx.query(`UPDATE audit_log SET detail = detail || '{"value": 9.9}' WHERE id = $1`, [target.id]),
    );
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.entries).toBe(2);
    expect(r.broken).toMatchObject({ kind: 'hash', id: target.id, seq: 3 });
    expect(r.broken?.en).toContain('hash mismatch');
    expect(r.broken?.zh).toContain('哈希不符');
    await triggersOff(p.db, (tx) =>
      tx.query('UPDATE audit_log SET detail = $1 WHERE id = $2', [
        JSON.stringify(before.rows[0]!.detail),
        target.id,
      ]),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('a middle entry deleted (triggers disabled by ALTER TABLE): gap in sequence at the next entry', async () => {
    const rows = await rowsOf(p.db);
    const victim = rows[3]!;
    const c = await copyOf(p.db, victim.id);
    await p.db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER ALL');
      await tx.query('DELETE FROM audit_log WHERE id = $1', [victim.id]);
      await tx.exec('ALTER TABLE audit_log ENABLE TRIGGER ALL');
    });
    const r = await verify();
    expect(r.broken).toMatchObject({ kind: 'sequence', id: rows[4]!.id, seq: 5, expected: '4', found: '5' });
    expect(r.broken?.en).toContain('gap in sequence');
    expect(r.entries).toBe(3);
    await putBack(p.db, c);
    expect((await verify()).ok).toBe(true);
  });

  it('a forged entry with a made-up hash (seq unique, so it goes at the end): hash mismatch there', async () => {
    const rows = await rowsOf(p.db);
    const forgedSeq = rows.length + 1;
    await triggersOff(p.db, (tx) =>
      tx.query(
        `INSERT INTO audit_log (at, actor, action, entity, detail, seq, prev_hash, hash)
         VALUES ('2025-03-01T09:00:00Z', 'mallory', 'user.create', 'user', '{}', $1, $2, $3)`,
        [forgedSeq, rows.at(-1)!.hash, sha256Hex('forged')],
      ),
    );
    const forged = (await rowsOf(p.db)).at(-1)!;
    const r = await verify();
    expect(r.broken).toMatchObject({ kind: 'hash', id: forged.id, seq: forgedSeq });
    expect(r.entries).toBe(rows.length);
    await triggersOff(p.db, (tx) => tx.query('DELETE FROM audit_log WHERE id = $1', [forged.id]));
    expect((await verify()).ok).toBe(true);
  });

  it('an entry appended past the head without moving it, even with a correct hash, is named', async () => {
    const rows = await rowsOf(p.db);
    const head = await new AuditRepository(p.db).head();
    const { linkAfter, canonicalAt } = await import('../../src/domain/audit/chain.ts');
    const at = new Date('2025-03-01T09:30:00.000Z');
    const fields = {
      at: canonicalAt(at),
      actorId: null,
      actor: 'mallory',
      action: 'x',
      entity: 'x',
      entityId: null,
      detail: {},
    };
    const link = linkAfter(sha256Hex, head, fields);
    await triggersOff(p.db, (tx) =>
      tx.query(
        `INSERT INTO audit_log (at, actor, action, entity, detail, seq, prev_hash, hash) VALUES ($1, 'mallory', 'x', 'x', '{}', $2, $3, $4)`,
        [at.toISOString(), link.seq, link.prevHash, link.hash],
      ),
    );
    const forged = (await rowsOf(p.db)).at(-1)!;
    const r = await verify();
    expect(r.broken).toMatchObject({ kind: 'head', id: forged.id, seq: rows.length + 1 });
    expect(r.broken?.en).toContain('runs past the chain head');
    await triggersOff(p.db, (tx) => tx.query('DELETE FROM audit_log WHERE id = $1', [forged.id]));
    // The last entry deleted: the head still records it.
    const last = rows.at(-1)!;
    const copy = await copyOf(p.db, last.id);
    await triggersOff(p.db, (tx) => tx.query('DELETE FROM audit_log WHERE id = $1', [last.id]));
    const r2 = await verify();
    expect(r2.broken).toMatchObject({ kind: 'head', id: null, seq: rows.length });
    expect(r2.broken?.en).toContain('missing (deleted)');
    await putBack(p.db, copy);
    expect((await verify()).ok).toBe(true);
  });

  it('an entry slipped in without seq or hash is named, and never linked by the next append', async () => {
    await triggersOff(p.db, (tx) =>
      tx.query(
        `INSERT INTO audit_log (at, actor, action, entity, detail) VALUES (now(), 'mallory', 'x', 'x', '{}')`,
      ),
    );
    const forged = (await rowsOf(p.db)).at(-1)!;
    await p.db.transaction((tx) => audit(tx, p.admin, clock.now(), 'test.after', 'test', null));
    const r = await verify();
    expect(r.broken).toMatchObject({ kind: 'unlinked', id: forged.id, seq: null });
    expect(r.broken?.en).toContain('not in the chain');
    expect((await rowsOf(p.db)).find((x) => x.id === forged.id)?.seq).toBeNull();
    await triggersOff(p.db, (tx) => tx.query('DELETE FROM audit_log WHERE id = $1', [forged.id]));
    expect((await verify()).ok).toBe(true);
  });

  it('concurrent audited writes from two connection pools form one chain', async () => {
    const before = await countOf(p.db, 'SELECT count(*) AS n FROM audit_log');
    const url = process.env.FUWU_TEST_DATABASE_URL;
    // On PostgreSQL a second pool: up to 20 connections appending at once. PGlite has one backend.
    const other = url ? await openPostgres(url) : p.db;
    const otherCtx = url ? createContext(other, { clock }) : p.ctx;
    try {
      const districts = ['510104', '510105', '510106', '510107', '510108'];
      const writes: Promise<unknown>[] = [];
      for (const [d, areaCode] of districts.entries())
        for (const year of [2021, 2022, 2023, 2024]) {
          writes.push(
            recordObservation(d % 2 ? otherCtx : p.ctx, p.admin, {
              indicatorCode: 'H03',
              areaCode,
              year,
              value: 4 + d / 10,
              source: '并发测试',
            }),
          );
        }
      for (let k = 0; k < 60; k++)
        writes.push(
          (k % 2 ? other : p.db).transaction(async (tx) => {
            await tx.query('SELECT 1');
            await audit(tx, SYSTEM_ACTOR, clock.now(), 'test.concurrent', 'test', String(k), { k });
          }),
        );
      await Promise.all(writes);
    } finally {
      if (url) await other.close();
    }
    const rows = await rowsOf(p.db);
    expect(rows.length).toBe(before + 80);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, k) => k + 1));
    const r = await verify();
    expect(r).toMatchObject({ ok: true, entries: before + 80 });
  });

  describe('GET /api/audit/verify', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildServer(p.ctx);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('admin and auditor see the head, a viewer is refused; after tampering, the first break', async () => {
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      const viewer = await signIn(app, 'viewer1', USER_PASSWORD);
      const ok = await callAs(app, admin, 'GET', '/api/audit/verify');
      expect(ok.statusCode, ok.body).toBe(200);
      const head = await new AuditRepository(p.db).head();
      expect(ok.json()).toMatchObject({ ok: true, head: head.hash, broken: null });
      const denied = await callAs(app, viewer, 'GET', '/api/audit/verify');
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ code: 'forbidden' });
      await expectFuwuError(verifyAuditLog(p.ctx, { ...p.admin, role: 'viewer' }), 'forbidden');
      const auditor = await signIn(app, 'auditor1', USER_PASSWORD);
      expect((await callAs(app, auditor, 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });

      const target = (await rowsOf(p.db))[4]!;
      await triggersOff(p.db, (tx) =>
        tx.query("UPDATE audit_log SET actor = 'mallory' WHERE id = $1", [target.id]),
      );
      const broken = await callAs(app, auditor, 'GET', '/api/audit/verify');
      expect(broken.json()).toMatchObject({
        ok: false,
        entries: 4,
        broken: { kind: 'hash', id: target.id, seq: 5 },
      });
    });
  });
});

let preChainDump: Blob | null = null;

/**
 * A database at the schema before the chain (migrations up to 0017) holding five old entries. PGlite
 * builds it once and clones the dump (a fresh PGlite with every migration takes half a minute here).
 */
async function preChainDb(): Promise<Db> {
  if (preChainDump) return openPgliteFromDump(preChainDump);
  const db = await buildPreChainDb(5);
  if (db.engine === 'pglite') preChainDump = await (db as PgliteDb).dump();
  return db;
}

async function buildPreChainDb(n: number): Promise<Db> {
  const db = await openTestDb();
  await db.exec(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
    checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  for (const m of knownMigrations().filter((k) => k.version < 18)) {
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    });
  }
  for (let k = 0; k < n; k++)
    await db.query(
      `INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, detail)
       VALUES ($1, $2, 'old', 'old.write', 'thing', $3, $4)`,
      [
        `2024-01-0${1 + (k % 9)}T10:00:00.${String(k).padStart(6, '0')}Z`,
        k % 2 ? k : null,
        String(k),
        JSON.stringify({ k, 名: '旧', n: { b: 1, a: 2 } }),
      ],
    );
  return db;
}

describe(`audit chain on a database from before it (${engineName()})`, () => {
  it('migration 0018 leaves old entries unlinked; the verifier links them once, in id order', async () => {
    const db = await preChainDb();
    try {
      await migrate(db);
      expect((await rowsOf(db)).every((r) => r.seq === null)).toBe(true);
      // Linking is the one UPDATE allowed, and only without changing the content.
      const first = (await rowsOf(db))[0]!;
      expect(
        await refused(
          db.query(
            "UPDATE audit_log SET seq = 1, prev_hash = $1, hash = 'x', actor = 'mallory' WHERE id = $2",
            [GENESIS_HASH, first.id],
          ),
        ),
      ).toContain('cannot be changed');
      const ctx = createContext(db);
      const r = await verifyAuditLog(ctx, SYSTEM_ACTOR, { pageSize: 2 });
      expect(r).toMatchObject({ ok: true, entries: 5, linkedNow: 5 });
      const rows = await rowsOf(db);
      expect(rows.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await verifyAuditLog(ctx, SYSTEM_ACTOR)).toMatchObject({
        ok: true,
        entries: 5,
        linkedNow: 0,
        head: r.head,
      });
      // Microsecond timestamps of old entries are hashed as stored: changing one by 1 µs is caught.
      await triggersOff(db, (tx) =>
        tx.query("UPDATE audit_log SET at = at + interval '1 microsecond' WHERE seq = 3"),
      );
      expect((await verifyAuditLog(ctx, SYSTEM_ACTOR)).broken).toMatchObject({ kind: 'hash', seq: 3 });
    } finally {
      await db.close();
    }
  });

  it('or the first append links them before itself', async () => {
    const db = await preChainDb();
    try {
      await migrate(db);
      await db.transaction((tx) =>
        audit(tx, SYSTEM_ACTOR, new Date('2025-01-01T00:00:00Z'), 'new.write', 'thing', 'x'),
      );
      const rows = await rowsOf(db);
      expect(rows.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      const r = await verifyAuditLog(createContext(db), SYSTEM_ACTOR);
      expect(r).toMatchObject({ ok: true, entries: 6, linkedNow: 0 });
      expect(
        await countOf(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'new.write' AND seq = 6"),
      ).toBe(1);
    } finally {
      await db.close();
    }
  });
});
