/**
 * The facility registry. Every insert, change and deletion writes a revision in the same
 * transaction (the caller's), like observations: no facility figure is overwritten without a trace.
 */
import type { FacilityDraft } from '../../domain/resources/facility.ts';
import type { Db } from '../db.ts';
import { RevisionRepository } from './revision.repository.ts';

export interface FacilityRow extends FacilityDraft {
  id: number;
  synthetic: boolean;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface FacilityFilter {
  type?: string;
  districtCode?: string;
}

const COLUMNS = `id, name, type, lon, lat, district_code AS "districtCode", community_code AS "communityCode", capacities,
  ownership, status, to_char(opening_date, 'YYYY-MM-DD') AS "openingDate", source, synthetic, revision,
  updated_at AS "updatedAt", updated_by AS "updatedBy"`;

const clean = (r: FacilityRow): FacilityRow => ({
  ...r,
  id: Number(r.id),
  lon: Number(r.lon),
  lat: Number(r.lat),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** What a revision keeps: the facility as entered, not the bookkeeping. */
function snapshot(f: FacilityDraft & { synthetic?: boolean }): Record<string, unknown> {
  const {
    name,
    type,
    lon,
    lat,
    districtCode,
    communityCode,
    capacities,
    ownership,
    status,
    openingDate,
    source,
  } = f;
  return {
    name,
    type,
    lon,
    lat,
    districtCode,
    communityCode,
    capacities,
    ownership,
    status,
    openingDate,
    source,
  };
}

export class FacilityRepository {
  private readonly revisions: RevisionRepository;

  constructor(private readonly db: Db) {
    this.revisions = new RevisionRepository(db);
  }

  async list(f: FacilityFilter = {}): Promise<FacilityRow[]> {
    const r = await this.db.query<FacilityRow>(
      `SELECT ${COLUMNS} FROM facilities
       WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR district_code = $2) ORDER BY id`,
      [f.type ?? null, f.districtCode ?? null],
    );
    return r.rows.map(clean);
  }

  async get(id: number): Promise<FacilityRow | null> {
    const r = await this.db.query<FacilityRow>(`SELECT ${COLUMNS} FROM facilities WHERE id = $1`, [id]);
    return r.rows[0] ? clean(r.rows[0]) : null;
  }

  async create(
    f: FacilityDraft,
    synthetic: boolean,
    by: string,
    at: Date,
    reason: string,
  ): Promise<FacilityRow> {
    const r = await this.db.query<FacilityRow>(
      `INSERT INTO facilities (name, type, lon, lat, district_code, community_code, capacities, ownership, status,
         opening_date, source, synthetic, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}`,
      [
        f.name,
        f.type,
        f.lon,
        f.lat,
        f.districtCode,
        f.communityCode,
        JSON.stringify(f.capacities),
        f.ownership,
        f.status,
        f.openingDate,
        f.source,
        synthetic,
        at.toISOString(),
        by,
      ],
    );
    const row = clean(r.rows[0] as FacilityRow);
    await this.revisions.record(
      {
        tableName: 'facilities',
        rowKey: String(row.id),
        revision: 1,
        previous: null,
        current: snapshot(f),
        changedBy: by,
        reason,
      },
      at,
    );
    return row;
  }

  /**
   * Add many facilities at once (imports): ids are drawn from the sequence first, so rows and their
   * revisions pair up exactly; then one statement for the rows and one for the revisions.
   */
  async createMany(
    items: readonly FacilityDraft[],
    synthetic: boolean,
    by: string,
    at: Date,
    reason: string,
  ): Promise<number> {
    if (items.length === 0) return 0;
    const seq = await this.db.query<{ id: number }>(
      "SELECT nextval(pg_get_serial_sequence('facilities', 'id')) AS id FROM generate_series(1, $1::int)",
      [items.length],
    );
    const withIds = items.map((f, i) => ({ ...f, id: Number(seq.rows[i]?.id) }));
    await this.db.query(
      `INSERT INTO facilities (id, name, type, lon, lat, district_code, community_code, capacities, ownership, status,
         opening_date, source, synthetic, updated_at, updated_by)
       SELECT x.id, x.name, x.type, x.lon, x.lat, x."districtCode", x."communityCode", x.capacities, x.ownership,
         x.status, x."openingDate"::date, x.source, $2, $3, $4
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, type text, lon double precision,
         lat double precision, "districtCode" text, "communityCode" text, capacities jsonb, ownership text,
         status text, "openingDate" text, source text)`,
      [JSON.stringify(withIds), synthetic, at.toISOString(), by],
    );
    await this.revisions.recordMany(
      'facilities',
      withIds.map((f) => ({ rowKey: String(f.id), revision: 1, previous: null, current: snapshot(f) })),
      by,
      at,
      reason,
    );
    return withIds.length;
  }

  async update(
    id: number,
    f: FacilityDraft,
    by: string,
    at: Date,
    reason: string,
  ): Promise<FacilityRow | null> {
    const prev = await this.get(id);
    if (!prev) return null;
    const r = await this.db.query<FacilityRow>(
      `UPDATE facilities SET name = $2, type = $3, lon = $4, lat = $5, district_code = $6, community_code = $7,
         capacities = $8, ownership = $9, status = $10, opening_date = $11, source = $12, synthetic = false,
         revision = revision + 1, updated_at = $13, updated_by = $14
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        f.name,
        f.type,
        f.lon,
        f.lat,
        f.districtCode,
        f.communityCode,
        JSON.stringify(f.capacities),
        f.ownership,
        f.status,
        f.openingDate,
        f.source,
        at.toISOString(),
        by,
      ],
    );
    const row = clean(r.rows[0] as FacilityRow);
    await this.revisions.record(
      {
        tableName: 'facilities',
        rowKey: String(id),
        revision: row.revision,
        previous: snapshot(prev),
        current: snapshot(f),
        changedBy: by,
        reason,
      },
      at,
    );
    return row;
  }

  async delete(id: number, by: string, at: Date, reason: string): Promise<FacilityRow | null> {
    const prev = await this.get(id);
    if (!prev) return null;
    await this.db.query('DELETE FROM facilities WHERE id = $1', [id]);
    const last = { revision: prev.revision, content: snapshot(prev) };
    await this.revisions.recordDeletion('facilities', String(id), last, by, at, reason);
    return prev;
  }

  /** Remove generated facilities (real ones stay); one revision records the batch. */
  async deleteSynthetic(by: string, at: Date): Promise<number> {
    const n = (await this.db.query<{ id: number }>('DELETE FROM facilities WHERE synthetic RETURNING id'))
      .rows.length;
    if (n > 0) {
      await this.revisions.record(
        {
          tableName: 'facilities',
          rowKey: '*synthetic*',
          revision: 1,
          previous: { count: n },
          current: null,
          changedBy: by,
          reason: 'synthetic facilities removed',
        },
        at,
      );
    }
    return n;
  }
}
