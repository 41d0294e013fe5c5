/** Residential points with population by age band; written in bulk (tens of thousands of rows). */
import type { BandCounts } from '../../domain/people/age-bands.ts';
import type { Db } from '../db.ts';
import { RevisionRepository } from './revision.repository.ts';

export interface ResidentialPointRow {
  id: string;
  districtCode: string;
  lon: number;
  lat: number;
  population: BandCounts;
  total: number;
  synthetic: boolean;
  source: string;
  /** The township (街道/镇) and community (社区/村) the point lies in, when known. */
  townshipCode?: string | null;
  communityCode?: string | null;
  /** Where the township/community came from: the imported file, or a synthetic assignment (示例指派). */
  areaSource?: string | null;
}

const CHUNK = 5000;

/** An imported point as written: real (not synthetic), with whether its bands were estimated. */
export type ImportedPoint = Omit<ResidentialPointRow, 'synthetic'> & { bandsEstimated: boolean };

const SNAPSHOT_COLUMNS = `id, district_code AS "districtCode", lon, lat, population, total, synthetic, source,
  township_code AS "townshipCode", community_code AS "communityCode", area_source AS "areaSource",
  bands_estimated AS "bandsEstimated"`;

export class ResidentialPointRepository {
  constructor(private readonly db: Db) {}

  async insertMany(points: readonly ResidentialPointRow[]): Promise<number> {
    for (let i = 0; i < points.length; i += CHUNK) {
      await this.db.query(
        `INSERT INTO residential_points (id, district_code, lon, lat, population, total, synthetic, source,
           township_code, community_code, area_source)
         SELECT x.id, x."districtCode", x.lon, x.lat, x.population, x.total, x.synthetic, x.source,
           x."townshipCode", x."communityCode", x."areaSource"
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, "districtCode" text, lon double precision,
           lat double precision, population jsonb, total int, synthetic boolean, source text,
           "townshipCode" text, "communityCode" text, "areaSource" text)
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(points.slice(i, i + CHUNK))],
      );
    }
    return points.length;
  }

  async list(districtCode?: string): Promise<ResidentialPointRow[]> {
    const r = await this.db.query<ResidentialPointRow>(
      `SELECT id, district_code AS "districtCode", lon, lat, population, total, synthetic, source,
              township_code AS "townshipCode", community_code AS "communityCode", area_source AS "areaSource"
       FROM residential_points WHERE ($1::text IS NULL OR district_code = $1) ORDER BY id`,
      [districtCode ?? null],
    );
    return r.rows.map((x) => ({ ...x, lon: Number(x.lon), lat: Number(x.lat) }));
  }

  /** Points and people per township (null: points without one), for checking assignments. */
  async totalsByTownship(): Promise<
    Array<{ districtCode: string; townshipCode: string | null; points: number; population: number }>
  > {
    const r = await this.db.query<{
      districtCode: string;
      townshipCode: string | null;
      points: number;
      population: number;
    }>(
      `SELECT district_code AS "districtCode", township_code AS "townshipCode", count(*)::int AS points,
              sum(total)::int AS population
       FROM residential_points GROUP BY district_code, township_code ORDER BY district_code, township_code`,
    );
    return r.rows;
  }

  async totalsByDistrict(): Promise<
    Array<{
      districtCode: string;
      points: number;
      population: number;
      synthetic: number;
      bandsEstimated: number;
    }>
  > {
    const r = await this.db.query<{
      districtCode: string;
      points: number;
      population: number;
      synthetic: number;
      bandsEstimated: number;
    }>(
      `SELECT district_code AS "districtCode", count(*)::int AS points, sum(total)::int AS population,
              count(*) FILTER (WHERE synthetic)::int AS synthetic,
              count(*) FILTER (WHERE bands_estimated)::int AS "bandsEstimated"
       FROM residential_points GROUP BY district_code ORDER BY district_code`,
    );
    return r.rows;
  }

  /**
   * Write imported points: new ids are added, known ids updated (revision + 1). Every write keeps a
   * revision with the previous and the new content, in one statement for the rows and one for the
   * revisions, so a 20,000-row import stays a handful of queries. Run it inside a transaction.
   */
  async upsertImported(
    points: readonly ImportedPoint[],
    by: string,
    at: Date,
    reason: string,
  ): Promise<{ created: number; updated: number }> {
    let created = 0;
    let updated = 0;
    for (let i = 0; i < points.length; i += CHUNK) {
      const chunk = points.slice(i, i + CHUNK);
      const before = await this.db.query<ResidentialPointRow & { revision: number; bandsEstimated: boolean }>(
        `SELECT ${SNAPSHOT_COLUMNS}, revision FROM residential_points
         WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(chunk.map((p) => p.id))],
      );
      const previous = new Map(before.rows.map((r) => [r.id, r]));
      await this.db.query(
        `INSERT INTO residential_points (id, district_code, lon, lat, population, total, synthetic, source,
           township_code, community_code, area_source, bands_estimated, revision, updated_at, updated_by)
         SELECT x.id, x."districtCode", x.lon, x.lat, x.population, x.total, false, x.source,
           x."townshipCode", x."communityCode", x."areaSource", x."bandsEstimated", 1, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, "districtCode" text, lon double precision,
           lat double precision, population jsonb, total int, source text, "townshipCode" text,
           "communityCode" text, "areaSource" text, "bandsEstimated" boolean)
         ON CONFLICT (id) DO UPDATE SET district_code = EXCLUDED.district_code, lon = EXCLUDED.lon,
           lat = EXCLUDED.lat, population = EXCLUDED.population, total = EXCLUDED.total, synthetic = false,
           source = EXCLUDED.source, township_code = EXCLUDED.township_code,
           community_code = EXCLUDED.community_code, area_source = EXCLUDED.area_source,
           bands_estimated = EXCLUDED.bands_estimated, revision = residential_points.revision + 1,
           updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [JSON.stringify(chunk), at.toISOString(), by],
      );
      const revisions = chunk.map((p) => {
        const prev = previous.get(p.id);
        if (prev) updated++;
        else created++;
        const { revision: prevRevision, ...prevContent } = prev ?? { revision: 0 };
        return {
          rowKey: p.id,
          revision: prevRevision + 1,
          previous: prev ? { ...prevContent, lon: Number(prev.lon), lat: Number(prev.lat) } : null,
          current: { ...p, synthetic: false },
        };
      });
      await new RevisionRepository(this.db).recordMany('residential_points', revisions, by, at, reason);
    }
    return { created, updated };
  }

  /** Remove the synthetic points of some districts (real points replace them); returns how many. */
  async deleteSyntheticIn(districtCodes: readonly string[]): Promise<number> {
    const r = await this.db.query<{ id: string }>(
      `DELETE FROM residential_points WHERE synthetic
         AND district_code IN (SELECT jsonb_array_elements_text($1::jsonb)) RETURNING id`,
      [JSON.stringify(districtCodes)],
    );
    return r.rows.length;
  }

  async deleteSynthetic(): Promise<number> {
    return (
      await this.db.query<{ id: string }>('DELETE FROM residential_points WHERE synthetic RETURNING id')
    ).rows.length;
  }
}
