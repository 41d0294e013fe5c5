/** Jobs: a row per long computation or import, updated as it runs (status, progress, result, error). */
import type { Db } from '../db.ts';

import type { JobError, JobProgress, JobView } from '../../domain/shared/job-view.ts';

export type JobRow = JobView;

const COLUMNS = `id, kind, params, status, progress, result, error, created_by AS "createdBy",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** Timestamps as ISO strings whichever engine returned them (pg gives Date objects). */
function normalise(row: JobRow): JobRow {
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  return {
    ...row,
    createdAt: iso(row.createdAt) as string,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export class JobRepository {
  constructor(private readonly db: Db) {}

  async create(
    job: { id: string; kind: string; params: Record<string, unknown>; createdBy: string },
    at: Date,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO jobs (id, kind, params, status, created_by, created_at) VALUES ($1, $2, $3, 'queued', $4, $5)`,
      [job.id, job.kind, JSON.stringify(job.params), job.createdBy, at.toISOString()],
    );
  }

  async markRunning(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE jobs SET status = 'running', started_at = $2 WHERE id = $1`, [
      id,
      at.toISOString(),
    ]);
  }

  async setProgress(id: string, progress: JobProgress): Promise<void> {
    await this.db.query(`UPDATE jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [
      id,
      JSON.stringify(progress),
    ]);
  }

  async finish(
    id: string,
    outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: JobError },
    at: Date,
  ): Promise<void> {
    await this.db.query(
      `UPDATE jobs SET status = $2, result = $3, error = $4, finished_at = $5 WHERE id = $1`,
      [
        id,
        outcome.status,
        outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
        outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
        at.toISOString(),
      ],
    );
  }

  /** Jobs left queued or running by a stopped process: failed, with the reason, on the next start. */
  async failInterrupted(error: JobError, at: Date): Promise<number> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET status = 'failed', error = $1, finished_at = $2
       WHERE status IN ('queued', 'running') RETURNING id`,
      [JSON.stringify(error), at.toISOString()],
    );
    return r.rows.length;
  }

  async find(id: string): Promise<JobRow | null> {
    const r = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return r.rows[0] ? normalise(r.rows[0]) : null;
  }

  /** The newest job of a kind that finished successfully, or null. */
  async latestSucceeded(kind: string): Promise<JobRow | null> {
    const r = await this.db.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE kind = $1 AND status = 'succeeded'
       ORDER BY finished_at DESC, id LIMIT 1`,
      [kind],
    );
    return r.rows[0] ? normalise(r.rows[0]) : null;
  }

  async list(q: { kind?: string; limit: number }): Promise<JobRow[]> {
    const r = await this.db.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE ($1::text IS NULL OR kind = $1) ORDER BY created_at DESC, id LIMIT $2`,
      [q.kind ?? null, q.limit],
    );
    return r.rows.map(normalise);
  }
}
