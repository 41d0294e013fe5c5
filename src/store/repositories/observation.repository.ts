/**
 * Observations (one figure per indicator, area and year) and judgements (a recorded assessment of a
 * target without a numeric reading). Every insert, correction and deletion writes a revision in the
 * same transaction, so no figure is ever overwritten without a trace.
 */
import type { ObservationView } from '../../domain/plan/views.ts';
import type { Db } from '../db.ts';
import { RevisionRepository } from './revision.repository.ts';

/** A stored observation is exactly what the API shows of it. */
export type ObservationRow = ObservationView;

export type ObservationInput = Pick<
  ObservationRow,
  'indicatorCode' | 'areaCode' | 'year' | 'value' | 'source' | 'note' | 'sample'
>;

export interface JudgementRow {
  id: number;
  indicatorCode: string;
  areaCode: string;
  year: number;
  status: 'achieved' | 'onTrack' | 'lagging' | 'atRisk';
  reason: string;
  sample: boolean;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export type JudgementInput = Pick<
  JudgementRow,
  'indicatorCode' | 'areaCode' | 'year' | 'status' | 'reason' | 'sample'
>;

export interface ObservationFilter {
  indicatorCode?: string;
  areaCode?: string;
  maxYear?: number;
  /** Only real figures (no generated sample data). */
  realOnly?: boolean;
}

const OBS = `id, indicator_code AS "indicatorCode", area_code AS "areaCode", year, value, source, note, sample,
  revision, updated_at AS "updatedAt", updated_by AS "updatedBy"`;
const JUD = `id, indicator_code AS "indicatorCode", area_code AS "areaCode", year, status, reason, sample,
  revision, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

const iso = <T extends { updatedAt: string; value?: number }>(r: T): T => ({
  ...r,
  updatedAt: new Date(r.updatedAt).toISOString(),
  ...(r.value === undefined ? {} : { value: Number(r.value) }),
});

/** What a revision keeps of a row: the figure and its provenance, not the bookkeeping. */
function snapshot(r: ObservationInput | JudgementInput): Record<string, unknown> {
  return { ...r };
}

/** Rows per statement in bulk saves: keeps each JSON parameter a few megabytes at most. */
const SAVE_CHUNK = 5000;

const keyOf = (o: { indicatorCode: string; areaCode: string; year: number }) =>
  `${o.indicatorCode}|${o.areaCode}|${o.year}`;

export class ObservationRepository {
  private readonly revisions: RevisionRepository;

  constructor(private readonly db: Db) {
    this.revisions = new RevisionRepository(db);
  }

  async list(f: ObservationFilter = {}): Promise<ObservationRow[]> {
    const r = await this.db.query<ObservationRow>(
      `SELECT ${OBS} FROM observations
       WHERE ($1::text IS NULL OR indicator_code = $1) AND ($2::text IS NULL OR area_code = $2)
         AND ($3::int IS NULL OR year <= $3) AND (NOT $4::boolean OR NOT sample)
       ORDER BY indicator_code, area_code, year`,
      [f.indicatorCode ?? null, f.areaCode ?? null, f.maxYear ?? null, f.realOnly ?? false],
    );
    return r.rows.map(iso);
  }

  async get(id: number): Promise<ObservationRow | null> {
    const r = await this.db.query<ObservationRow>(`SELECT ${OBS} FROM observations WHERE id = $1`, [id]);
    return r.rows[0] ? iso(r.rows[0]) : null;
  }

  async findByKey(indicatorCode: string, areaCode: string, year: number): Promise<ObservationRow | null> {
    const r = await this.db.query<ObservationRow>(
      `SELECT ${OBS} FROM observations WHERE indicator_code = $1 AND area_code = $2 AND year = $3`,
      [indicatorCode, areaCode, year],
    );
    return r.rows[0] ? iso(r.rows[0]) : null;
  }

  /** Insert, or correct the figure already held for the same indicator, area and year. */
  async save(
    o: ObservationInput,
    by: string,
    at: Date,
    reason: string,
  ): Promise<{ row: ObservationRow; created: boolean }> {
    const prev = await this.findByKey(o.indicatorCode, o.areaCode, o.year);
    let row: ObservationRow;
    if (prev) {
      const r = await this.db.query<ObservationRow>(
        `UPDATE observations SET value = $2, source = $3, note = $4, sample = $5, revision = revision + 1,
           updated_at = $6, updated_by = $7 WHERE id = $1 RETURNING ${OBS}`,
        [prev.id, o.value, o.source, o.note, o.sample, at.toISOString(), by],
      );
      row = iso(r.rows[0] as ObservationRow);
    } else {
      const r = await this.db.query<ObservationRow>(
        `INSERT INTO observations (indicator_code, area_code, year, value, source, note, sample, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${OBS}`,
        [o.indicatorCode, o.areaCode, o.year, o.value, o.source, o.note, o.sample, at.toISOString(), by],
      );
      row = iso(r.rows[0] as ObservationRow);
    }
    await this.revisions.record(
      {
        tableName: 'observations',
        rowKey: String(row.id),
        revision: row.revision,
        previous: prev ? snapshot(prev) : null,
        current: snapshot(o),
        changedBy: by,
        reason,
      },
      at,
    );
    return { row, created: !prev };
  }

  /**
   * Insert or correct many observations at once (file imports): three statements per chunk instead
   * of three per row, with the same revisions `save` writes. Call inside a transaction.
   */
  async saveMany(
    items: readonly ObservationInput[],
    by: string,
    at: Date,
    reason: string,
  ): Promise<{ created: number; updated: number }> {
    let created = 0;
    for (let i = 0; i < items.length; i += SAVE_CHUNK) {
      const chunk = items.slice(i, i + SAVE_CHUNK);
      const json = JSON.stringify(chunk);
      const prev = await this.db.query<ObservationRow>(
        `SELECT ${OBS} FROM observations WHERE (indicator_code, area_code, year) IN
           (SELECT x."indicatorCode", x."areaCode", x.year
            FROM jsonb_to_recordset($1::jsonb) AS x("indicatorCode" text, "areaCode" text, year int))`,
        [json],
      );
      const before = new Map(prev.rows.map((r) => [keyOf(r), iso(r)]));
      const saved = await this.db.query<ObservationRow>(
        `INSERT INTO observations AS o (indicator_code, area_code, year, value, source, note, sample, updated_at, updated_by)
         SELECT x."indicatorCode", x."areaCode", x.year, x.value, x.source, x.note, x.sample, $2, $3
         FROM jsonb_to_recordset($1::jsonb)
           AS x("indicatorCode" text, "areaCode" text, year int, value double precision, source text, note text, sample boolean)
         ON CONFLICT (indicator_code, area_code, year) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source,
           note = EXCLUDED.note, sample = EXCLUDED.sample, revision = o.revision + 1,
           updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
         RETURNING ${OBS}`,
        [json, at.toISOString(), by],
      );
      const inputByKey = new Map(chunk.map((c) => [keyOf(c), c]));
      const revisions = saved.rows.map((r) => {
        const p = before.get(keyOf(r));
        if (!p) created++;
        return {
          rowKey: String(r.id),
          revision: r.revision,
          previous: p ? snapshot(p) : null,
          current: snapshot(inputByKey.get(keyOf(r)) as ObservationInput),
        };
      });
      await this.revisions.recordMany('observations', revisions, by, at, reason);
    }
    return { created, updated: items.length - created };
  }

  async delete(id: number, by: string, at: Date, reason: string): Promise<ObservationRow | null> {
    const prev = await this.get(id);
    if (!prev) return null;
    await this.db.query('DELETE FROM observations WHERE id = $1', [id]);
    const last = { revision: prev.revision, content: snapshot(prev) };
    await this.revisions.recordDeletion('observations', String(id), last, by, at, reason);
    return prev;
  }

  /**
   * Add generated sample figures in bulk (one statement each, not one per row). A key that already
   * holds a figure keeps it: sample data never replaces anything. One revision records the batch.
   */
  async insertSamples(
    observations: readonly Omit<ObservationInput, 'note'>[],
    judgements: readonly Omit<JudgementInput, never>[],
    by: string,
    at: Date,
  ): Promise<{ observations: number; judgements: number }> {
    const o = await this.db.query<{ id: number }>(
      `INSERT INTO observations (indicator_code, area_code, year, value, source, sample, updated_at, updated_by)
       SELECT x."indicatorCode", x."areaCode", x.year, x.value, x.source, true, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS x("indicatorCode" text, "areaCode" text, year int, value double precision, source text)
       ON CONFLICT (indicator_code, area_code, year) DO NOTHING RETURNING id`,
      [JSON.stringify(observations), at.toISOString(), by],
    );
    const j = await this.db.query<{ id: number }>(
      `INSERT INTO judgements (indicator_code, area_code, year, status, reason, sample, updated_at, updated_by)
       SELECT x."indicatorCode", x."areaCode", x.year, x.status, x.reason, true, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS x("indicatorCode" text, "areaCode" text, year int, status text, reason text)
       ON CONFLICT (indicator_code, area_code, year) DO NOTHING RETURNING id`,
      [JSON.stringify(judgements), at.toISOString(), by],
    );
    const n = { observations: o.rows.length, judgements: j.rows.length };
    if (n.observations + n.judgements > 0) {
      await this.revisions.record(
        {
          tableName: 'observations',
          rowKey: '*sample*',
          revision: 1,
          previous: null,
          current: n,
          changedBy: by,
          reason: 'sample data loaded',
        },
        at,
      );
    }
    return n;
  }

  /** How many generated sample observations and judgements are held. */
  async countSamples(): Promise<number> {
    const r = await this.db.query<{ n: number }>(
      'SELECT ((SELECT count(*) FROM observations WHERE sample) + (SELECT count(*) FROM judgements WHERE sample))::int AS n',
    );
    return r.rows[0]?.n ?? 0;
  }

  /** Remove every generated sample observation and judgement (real figures are untouched). */
  async deleteSamples(by: string, at: Date): Promise<number> {
    const rows = await this.db.query<{ id: number }>('DELETE FROM observations WHERE sample RETURNING id');
    const jrows = await this.db.query<{ id: number }>('DELETE FROM judgements WHERE sample RETURNING id');
    const n = rows.rows.length + jrows.rows.length;
    if (n > 0) {
      await this.revisions.record(
        {
          tableName: 'observations',
          rowKey: '*sample*',
          revision: 1,
          previous: { count: n },
          current: null,
          changedBy: by,
          reason: 'sample data removed',
        },
        at,
      );
    }
    return n;
  }

  async listJudgements(
    f: Pick<ObservationFilter, 'indicatorCode' | 'areaCode' | 'maxYear'> = {},
  ): Promise<JudgementRow[]> {
    const r = await this.db.query<JudgementRow>(
      `SELECT ${JUD} FROM judgements
       WHERE ($1::text IS NULL OR indicator_code = $1) AND ($2::text IS NULL OR area_code = $2) AND ($3::int IS NULL OR year <= $3)
       ORDER BY indicator_code, area_code, year`,
      [f.indicatorCode ?? null, f.areaCode ?? null, f.maxYear ?? null],
    );
    return r.rows.map(iso);
  }

  async saveJudgement(j: JudgementInput, by: string, at: Date, reason: string): Promise<JudgementRow> {
    const prev = (
      await this.db.query<JudgementRow>(
        `SELECT ${JUD} FROM judgements WHERE indicator_code = $1 AND area_code = $2 AND year = $3`,
        [j.indicatorCode, j.areaCode, j.year],
      )
    ).rows[0];
    const r = prev
      ? await this.db.query<JudgementRow>(
          `UPDATE judgements SET status = $2, reason = $3, sample = $4, revision = revision + 1, updated_at = $5, updated_by = $6
           WHERE id = $1 RETURNING ${JUD}`,
          [prev.id, j.status, j.reason, j.sample, at.toISOString(), by],
        )
      : await this.db.query<JudgementRow>(
          `INSERT INTO judgements (indicator_code, area_code, year, status, reason, sample, updated_at, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${JUD}`,
          [j.indicatorCode, j.areaCode, j.year, j.status, j.reason, j.sample, at.toISOString(), by],
        );
    const row = iso(r.rows[0] as JudgementRow);
    await this.revisions.record(
      {
        tableName: 'judgements',
        rowKey: String(row.id),
        revision: row.revision,
        previous: prev ? snapshot(prev) : null,
        current: snapshot(j),
        changedBy: by,
        reason,
      },
      at,
    );
    return row;
  }
}
