/** Residential points with population by age band; written in bulk (tens of thousands of rows). */
import type { BandCounts } from '../../domain/people/age-bands.ts';
import type { Db } from '../db.ts';

export interface ResidentialPointRow {
  id: string;
  districtCode: string;
  lon: number;
  lat: number;
  population: BandCounts;
  total: number;
  synthetic: boolean;
  source: string;
}

const CHUNK = 5000;

export class ResidentialPointRepository {
  constructor(private readonly db: Db) {}

  async insertMany(points: readonly ResidentialPointRow[]): Promise<number> {
    for (let i = 0; i < points.length; i += CHUNK) {
      await this.db.query(
        `INSERT INTO residential_points (id, district_code, lon, lat, population, total, synthetic, source)
         SELECT x.id, x."districtCode", x.lon, x.lat, x.population, x.total, x.synthetic, x.source
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, "districtCode" text, lon double precision,
           lat double precision, population jsonb, total int, synthetic boolean, source text)
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(points.slice(i, i + CHUNK))],
      );
    }
    return points.length;
  }

  async list(districtCode?: string): Promise<ResidentialPointRow[]> {
    const r = await this.db.query<ResidentialPointRow>(
      `SELECT id, district_code AS "districtCode", lon, lat, population, total, synthetic, source
       FROM residential_points WHERE ($1::text IS NULL OR district_code = $1) ORDER BY id`,
      [districtCode ?? null],
    );
    return r.rows.map((x) => ({ ...x, lon: Number(x.lon), lat: Number(x.lat) }));
  }

  async totalsByDistrict(): Promise<
    Array<{ districtCode: string; points: number; population: number; synthetic: number }>
  > {
    const r = await this.db.query<{
      districtCode: string;
      points: number;
      population: number;
      synthetic: number;
    }>(
      `SELECT district_code AS "districtCode", count(*)::int AS points, sum(total)::int AS population,
              count(*) FILTER (WHERE synthetic)::int AS synthetic
       FROM residential_points GROUP BY district_code ORDER BY district_code`,
    );
    return r.rows;
  }

  async deleteSynthetic(): Promise<number> {
    return (
      await this.db.query<{ id: string }>('DELETE FROM residential_points WHERE synthetic RETURNING id')
    ).rows.length;
  }
}
