/** Revisions of rows that hold figures: the previous and the new content, who, when and why. */
import type { Db } from '../db.ts';

export interface Revision {
  id: number;
  tableName: string;
  rowKey: string;
  revision: number;
  previous: Record<string, unknown> | null;
  current: Record<string, unknown> | null;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export class RevisionRepository {
  constructor(private readonly db: Db) {}

  async record(r: Omit<Revision, 'id' | 'changedAt'>, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO revisions (table_name, row_key, revision, previous, current, changed_by, changed_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        r.tableName,
        r.rowKey,
        r.revision,
        r.previous === null ? null : JSON.stringify(r.previous),
        r.current === null ? null : JSON.stringify(r.current),
        r.changedBy,
        at.toISOString(),
        r.reason,
      ],
    );
  }

  /** Many revisions of one table in one statement: imports write thousands at a time. */
  async recordMany(
    tableName: string,
    items: readonly Pick<Revision, 'rowKey' | 'revision' | 'previous' | 'current'>[],
    changedBy: string,
    at: Date,
    reason: string,
  ): Promise<void> {
    if (items.length === 0) return;
    await this.db.query(
      `INSERT INTO revisions (table_name, row_key, revision, previous, current, changed_by, changed_at, reason)
       SELECT $1, x."rowKey", x.revision, x.previous, x.current, $3, $4, $5
       FROM jsonb_to_recordset($2::jsonb) AS x("rowKey" text, revision int, previous jsonb, current jsonb)`,
      [tableName, JSON.stringify(items), changedBy, at.toISOString(), reason],
    );
  }

  /** The revision that records a row's deletion: its last content, and nothing after. */
  async recordDeletion(
    tableName: string,
    rowKey: string,
    last: { revision: number; content: Record<string, unknown> },
    changedBy: string,
    at: Date,
    reason: string,
  ): Promise<void> {
    await this.record(
      {
        tableName,
        rowKey,
        revision: last.revision + 1,
        previous: last.content,
        current: null,
        changedBy,
        reason,
      },
      at,
    );
  }

  async list(tableName: string, rowKey: string): Promise<Revision[]> {
    const r = await this.db.query<Revision>(
      `SELECT id, table_name AS "tableName", row_key AS "rowKey", revision, previous, current,
              changed_by AS "changedBy", changed_at AS "changedAt", reason
       FROM revisions WHERE table_name = $1 AND row_key = $2 ORDER BY id`,
      [tableName, rowKey],
    );
    return r.rows.map((row) => ({ ...row, changedAt: new Date(row.changedAt).toISOString() }));
  }
}
