/** The audit log: appended to on every write, never updated or deleted. */
import type { Db } from '../db.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(e: Omit<AuditEntry, 'id' | 'at'>, at: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [at.toISOString(), e.actorId, e.actor, e.action, e.entity, e.entityId, JSON.stringify(e.detail)],
    );
  }

  async list(limit: number, beforeId?: number): Promise<AuditEntry[]> {
    const r = await this.db.query<AuditEntry>(
      `SELECT id, at, actor_id AS "actorId", actor, action, entity, entity_id AS "entityId", detail
       FROM audit_log WHERE ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $1`,
      [limit, beforeId ?? null],
    );
    return r.rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }
}
