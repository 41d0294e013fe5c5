/**
 * Jobs: a row per long computation or import, and the queue the workers of every process share.
 * Leases are timed by the database's clock (clock_timestamp()), so workers on several machines agree
 * on when one has run out whatever their own clocks say; the times shown to people (created, started,
 * finished) come from the application's clock like every other record.
 */
import type { Db } from '../db.ts';

import type { Actor } from '../../domain/identity/roles.ts';
import type { JobError, JobProgress, JobView } from '../../domain/shared/job-view.ts';

export type JobRow = JobView;

/** A job a worker has just claimed: what it needs to run it. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  actor: Actor;
  attempt: number;
}

const COLUMNS = `id, kind, params, status, progress, result, error, attempts, created_by AS "createdBy",
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

const lease = (seconds: number) => `clock_timestamp() + make_interval(secs => ${Number(seconds)})`;

export class JobRepository {
  constructor(private readonly db: Db) {}

  /** A queued job any worker may run: `payload` and `actor` are what it runs with. */
  async enqueue(
    job: { id: string; kind: string; params: Record<string, unknown>; payload: unknown; actor: Actor },
    at: Date,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO jobs (id, kind, params, payload, actor, status, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7)`,
      [
        job.id,
        job.kind,
        JSON.stringify(job.params),
        JSON.stringify(job.payload ?? null),
        JSON.stringify(job.actor),
        job.actor.username,
        at.toISOString(),
      ],
    );
  }

  /** A job pinned to the process that runs it (its input is on that machine): running from the start. */
  async createPinned(
    job: { id: string; kind: string; params: Record<string, unknown>; actor: Actor; owner: string },
    leaseSeconds: number,
    at: Date,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO jobs (id, kind, params, actor, status, pinned, owner, lease_until, attempts,
                         created_by, created_at, started_at)
       VALUES ($1, $2, $3, $4, 'running', true, $5, ${lease(leaseSeconds)}, 1, $6, $7, $7)`,
      [
        job.id,
        job.kind,
        JSON.stringify(job.params),
        JSON.stringify(job.actor),
        job.owner,
        job.actor.username,
        at.toISOString(),
      ],
    );
  }

  /**
   * Claims the oldest job of one of `kinds` that is queued, or running under a lease that ran out in
   * another process, with attempts left. SKIP LOCKED: two workers never wait for, nor take, the same row.
   */
  async claimNext(
    owner: string,
    kinds: readonly string[],
    opts: { leaseSeconds: number; maxAttempts: number },
    at: Date,
  ): Promise<ClaimedJob | null> {
    if (kinds.length === 0) return null;
    const r = await this.db.query<ClaimedJob>(
      `UPDATE jobs SET status = 'running', owner = $1, attempts = attempts + 1, progress = NULL,
              lease_until = ${lease(opts.leaseSeconds)}, started_at = $4
       WHERE id = (
         SELECT id FROM jobs
         WHERE NOT pinned AND kind = ANY($2::text[]) AND attempts < $3
           AND (status = 'queued' OR (status = 'running' AND lease_until < clock_timestamp() AND owner <> $1))
         ORDER BY created_at, id LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, payload, actor, attempts AS attempt`,
      [owner, kinds, opts.maxAttempts, at.toISOString()],
    );
    return r.rows[0] ?? null;
  }

  /**
   * Fails the open jobs whose lease ran out and which cannot be run again: pinned ones (their input
   * was on the process that stopped) and those that used up their attempts.
   */
  async failAbandoned(error: JobError, maxAttempts: number, at: Date): Promise<string[]> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET status = 'failed', error = $1, finished_at = $2
       WHERE status = 'running' AND lease_until < clock_timestamp() AND (pinned OR attempts >= $3)
       RETURNING id`,
      [JSON.stringify(error), at.toISOString(), maxAttempts],
    );
    return r.rows.map((x) => x.id);
  }

  /** Extends the leases `owner` still holds; returns the ids it still holds. */
  async renewLeases(owner: string, ids: readonly string[], leaseSeconds: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET lease_until = ${lease(leaseSeconds)}
       WHERE owner = $1 AND status = 'running' AND id = ANY($2::text[]) RETURNING id`,
      [owner, ids],
    );
    return r.rows.map((x) => x.id);
  }

  /**
   * Ends every lease held by the open jobs of a process that can no longer run them: on the embedded
   * database only one process can be open, so what a previous one left running is free at once.
   */
  async expireLeases(): Promise<number> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET lease_until = clock_timestamp() - interval '1 second'
       WHERE status = 'running' RETURNING id`,
    );
    return r.rows.length;
  }

  /**
   * Hands back the jobs `owner` was running when it stopped: queued again (the attempt not counted),
   * except pinned ones, which are failed with `error`.
   */
  async release(owner: string, error: JobError, at: Date): Promise<number> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET
         status = CASE WHEN pinned THEN 'failed' ELSE 'queued' END,
         error = CASE WHEN pinned THEN $2::jsonb END,
         finished_at = CASE WHEN pinned THEN $3::timestamptz END,
         attempts = CASE WHEN pinned THEN attempts ELSE greatest(attempts - 1, 0) END,
         owner = CASE WHEN pinned THEN owner END,
         lease_until = NULL, progress = CASE WHEN pinned THEN progress END
       WHERE owner = $1 AND status = 'running' RETURNING id`,
      [owner, JSON.stringify(error), at.toISOString()],
    );
    return r.rows.length;
  }

  /** Records progress while `owner` holds the job; false when it no longer does. */
  async setProgress(id: string, owner: string, progress: JobProgress): Promise<boolean> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET progress = $3 WHERE id = $1 AND owner = $2 AND status = 'running' RETURNING id`,
      [id, owner, JSON.stringify(progress)],
    );
    return r.rows.length === 1;
  }

  /** The outcome, written only while `owner` holds the job (attempt `attempt`); false otherwise. */
  async finish(
    id: string,
    holder: { owner: string; attempt: number },
    outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: JobError },
    at: Date,
  ): Promise<boolean> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE jobs SET status = $4, result = $5, error = $6, finished_at = $7, lease_until = NULL
       WHERE id = $1 AND owner = $2 AND attempts = $3 AND status = 'running' RETURNING id`,
      [
        id,
        holder.owner,
        holder.attempt,
        outcome.status,
        outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
        outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
        at.toISOString(),
      ],
    );
    return r.rows.length === 1;
  }

  async find(id: string): Promise<JobRow | null> {
    const r = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return r.rows[0] ? normalise(r.rows[0]) : null;
  }

  /** Who ran a job last (the worker's owner id), for operators and the tests of the queue. */
  async ownerOf(id: string): Promise<string | null> {
    const r = await this.db.query<{ owner: string | null }>(`SELECT owner FROM jobs WHERE id = $1`, [id]);
    return r.rows[0]?.owner ?? null;
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
