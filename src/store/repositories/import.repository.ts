/** A record of every import attempt, accepted or rejected, with its problems. */
import type { Db } from '../db.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';

export class ImportRepository {
  constructor(private readonly db: Db) {}

  async record(
    i: {
      kind: string;
      fileName: string;
      sha256: string;
      accepted: boolean;
      rowsTotal: number;
      problems: FieldProblem[];
      by: string;
    },
    at: Date,
  ): Promise<number> {
    const r = await this.db.query<{ id: number }>(
      `INSERT INTO imports (kind, file_name, sha256, accepted, rows_total, problems, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        i.kind,
        i.fileName,
        i.sha256,
        i.accepted,
        i.rowsTotal,
        JSON.stringify(i.problems),
        i.by,
        at.toISOString(),
      ],
    );
    return Number(r.rows[0]?.id);
  }
}
