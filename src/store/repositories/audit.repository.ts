/**
 * The audit log: appended to on every write, never updated or deleted (migration 0018's triggers),
 * each entry linked into a hash chain (src/domain/audit/chain.ts).
 */
import { createHash } from 'node:crypto';
import type { AuditFields, ChainHead, Digest } from '../../domain/audit/chain.ts';
import { canonicalAt, linkAfter } from '../../domain/audit/chain.ts';
import type { StoredAuditEntry } from '../../domain/audit/verify.ts';
import type { Db } from '../db.ts';

/** An entry as listed: the chained fields (domain/audit/chain.ts) with its id and detail as an object. */
export interface AuditEntry extends AuditFields {
  id: number;
  detail: Record<string, unknown>;
}

export const sha256Hex: Digest = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `at` exactly as canonicalAt writes it, whatever the session's time zone. */
const AT_TEXT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const STORED_COLUMNS = `id, seq, prev_hash AS "prevHash", hash, ${AT_TEXT} AS at, actor_id AS "actorId",
  actor, action, entity, entity_id AS "entityId", detail`;

/** int8 comes back as a number from pg (postgres-db.ts) but may not from PGlite. */
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toStored(r: StoredAuditEntry): StoredAuditEntry {
  return { ...r, id: Number(r.id), seq: num(r.seq), actorId: num(r.actorId) };
}

/** Are there entries from before the chain (migration 0018) still to link? Only those may be linked. */
const UNLINKED = `EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL AND id <= audit_chain_head.pre_chain_through)`;

/** How many pre-chain entries one round of linking reads at a time. */
const LINK_PAGE = 500;

export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Append one entry at the end of the chain. Must run inside the write's transaction: the chain head
   * stays locked until it commits, so concurrent appends queue here and link in commit order (call
   * audit() last in a transaction, so the lock is held briefly and never taken before other locks).
   */
  async append(e: Omit<AuditEntry, 'id' | 'at'>, at: Date): Promise<void> {
    // Called outside a transaction (a pool on PostgreSQL), the head lock would end with its SELECT and
    // the INSERT could run on another connection: make it one. Inside one, this is the same transaction.
    await this.db.transaction((tx) => new AuditRepository(tx).appendLocked(e, at));
  }

  private async appendLocked(e: Omit<AuditEntry, 'id' | 'at'>, at: Date): Promise<void> {
    const head = await this.lockHead();
    const fields: AuditFields = { ...e, at: canonicalAt(at) };
    const link = linkAfter(sha256Hex, head.unlinked ? await this.linkPreChain(head) : head, fields);
    await this.db.query(
      `INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, detail, seq, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        at.toISOString(),
        e.actorId,
        e.actor,
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.detail),
        link.seq,
        link.prevHash,
        link.hash,
      ],
    );
  }

  /**
   * Link the entries written before the chain existed (migration 0018), in id order, if there are
   * any; returns how many. One transaction holding the head, so no append slips in between.
   */
  async linkPreChainEntries(): Promise<number> {
    const pending = await this.db.query<{ unlinked: boolean }>(
      `SELECT ${UNLINKED} AS unlinked FROM audit_chain_head`,
    );
    if (!pending.rows[0]?.unlinked) return 0;
    return this.db.transaction(async (tx) => {
      const repo = new AuditRepository(tx);
      const head = await repo.lockHead();
      if (!head.unlinked) return 0;
      const before = head.seq;
      return (await repo.linkPreChain(head)).seq - before;
    });
  }

  /** The recorded end of the chain (not locked: for the verifier). */
  async head(): Promise<ChainHead> {
    const r = await this.db.query<{ seq: unknown; hash: string }>('SELECT seq, hash FROM audit_chain_head');
    const row = r.rows[0];
    if (!row) throw new Error('audit_chain_head is empty: migration 0018 has not run');
    return { seq: Number(row.seq), hash: row.hash };
  }

  /** Entries after `afterId` (from the first when null) in id order, `at` in canonical form. */
  async page(afterId: number | null, limit: number): Promise<StoredAuditEntry[]> {
    const r =
      afterId === null
        ? await this.db.query<StoredAuditEntry>(
            `SELECT ${STORED_COLUMNS} FROM audit_log ORDER BY id LIMIT $1`,
            [limit],
          )
        : await this.db.query<StoredAuditEntry>(
            `SELECT ${STORED_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`,
            [afterId, limit],
          );
    return r.rows.map(toStored);
  }

  async idOfSeq(seq: number): Promise<number | null> {
    const r = await this.db.query<{ id: unknown }>('SELECT id FROM audit_log WHERE seq = $1', [seq]);
    return num(r.rows[0]?.id);
  }

  async list(limit: number, beforeId?: number): Promise<AuditEntry[]> {
    const r = await this.db.query<AuditEntry>(
      `SELECT id, at, actor_id AS "actorId", actor, action, entity, entity_id AS "entityId", detail
       FROM audit_log WHERE ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $1`,
      [limit, beforeId ?? null],
    );
    return r.rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }

  private async lockHead(): Promise<ChainHead & { preChainThrough: number; unlinked: boolean }> {
    const r = await this.db.query<{
      seq: unknown;
      hash: string;
      preChainThrough: unknown;
      unlinked: boolean;
    }>(
      `SELECT seq, hash, pre_chain_through AS "preChainThrough", ${UNLINKED} AS unlinked
       FROM audit_chain_head FOR UPDATE`,
    );
    const row = r.rows[0];
    if (!row) throw new Error('audit_chain_head is empty: migration 0018 has not run');
    return {
      seq: Number(row.seq),
      hash: row.hash,
      preChainThrough: Number(row.preChainThrough),
      unlinked: row.unlinked,
    };
  }

  /** With the head locked: link the pre-chain entries in id order, a page at a time; the new head. */
  private async linkPreChain(from: ChainHead & { preChainThrough: number }): Promise<ChainHead> {
    let head: ChainHead = { seq: from.seq, hash: from.hash };
    for (;;) {
      const r = await this.db.query<StoredAuditEntry>(
        `SELECT ${STORED_COLUMNS} FROM audit_log WHERE seq IS NULL AND id <= $1 ORDER BY id LIMIT $2`,
        [from.preChainThrough, LINK_PAGE],
      );
      if (r.rows.length === 0) return head;
      for (const e of r.rows.map(toStored)) {
        const link = linkAfter(sha256Hex, head, e);
        await this.db.query('UPDATE audit_log SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4', [
          link.seq,
          link.prevHash,
          link.hash,
          e.id,
        ]);
        head = { seq: link.seq, hash: link.hash };
      }
    }
  }
}
