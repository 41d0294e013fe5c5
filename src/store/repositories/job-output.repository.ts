/**
 * The files jobs produced (migration 0022): one per job, the bytes in a bytea column with their
 * SHA-256. Bytes go in as a Buffer and come back as a Uint8Array view on both engines (pg gives a
 * Buffer, PGlite a Uint8Array), as case attachments do.
 */
import type { Db } from '../db.ts';

export interface JobOutput {
  jobId: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  sha256: string;
  createdAt: string;
}

export class JobOutputRepository {
  constructor(private readonly db: Db) {}

  async save(o: Omit<JobOutput, 'createdAt'>, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO job_outputs (job_id, file_name, content_type, bytes, sha256, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        o.jobId,
        o.fileName,
        o.contentType,
        Buffer.from(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength),
        o.sha256,
        at.toISOString(),
      ],
    );
  }

  async find(jobId: string): Promise<JobOutput | null> {
    const r = await this.db.query<JobOutput>(
      `SELECT job_id AS "jobId", file_name AS "fileName", content_type AS "contentType", bytes, sha256,
              created_at AS "createdAt"
       FROM job_outputs WHERE job_id = $1`,
      [jobId],
    );
    const row = r.rows[0];
    if (!row) return null;
    const b = row.bytes;
    return {
      ...row,
      bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
