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
