/**
 * What the nearby-services page reads (issue 6 §4), narrowly, so that one request stays cheap on a
 * registry of tens of thousands of facilities:
 * - the open facilities of some types inside a box around the point (the exact walk is computed by
 *   the caller; the box only keeps the rows shipped and snapped few);
 * - named places to search for: there is no geocoder offline and residential points carry no names,
 *   so a place is a community (社区/村) or township (街道/镇) of the pack, located at the
 *   population-weighted centre of the residential points assigned to it. Places without points have
 *   no location and are not returned.
 */
import type { CapacityKey, FacilityType, Ownership } from '../../domain/resources/facility.ts';
import type { Db } from '../db.ts';

export interface NearbyFacilityRow {
  id: number;
  name: string;
  type: FacilityType;
  lon: number;
  lat: number;
  districtCode: string;
  communityCode: string | null;
  capacities: Partial<Record<CapacityKey, number>>;
  ownership: Ownership;
  synthetic: boolean;
}

export interface PlaceRow {
  code: string;
  kind: 'community' | 'township';
  name: string;
  districtCode: string;
  lon: number;
  lat: number;
  /** Residential points behind the location, and whether any of them is synthetic (示例). */
  points: number;
  synthetic: boolean;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class NearbyRepository {
  constructor(private readonly db: Db) {}

  /** Open facilities of `types` with lon/lat inside the box, by id. */
  async openFacilitiesIn(
    box: { minLon: number; minLat: number; maxLon: number; maxLat: number },
    types: readonly string[],
  ): Promise<NearbyFacilityRow[]> {
    const r = await this.db.query<NearbyFacilityRow>(
      `SELECT id, name, type, lon, lat, district_code AS "districtCode", community_code AS "communityCode",
              capacities, ownership, synthetic
       FROM facilities
       WHERE status = 'open' AND lon BETWEEN $1 AND $2 AND lat BETWEEN $3 AND $4
         AND type IN (SELECT jsonb_array_elements_text($5::jsonb))
       ORDER BY id`,
      [box.minLon, box.maxLon, box.minLat, box.maxLat, JSON.stringify(types)],
    );
    return r.rows.map((f) => ({ ...f, id: Number(f.id), lon: Number(f.lon), lat: Number(f.lat) }));
  }

  /** Places whose name contains `text`: exact names first, then names starting with it, then shorter names. */
  async search(text: string, limit: number): Promise<PlaceRow[]> {
    const r = await this.db.query<PlaceRow>(
      `WITH hits AS (
         SELECT code, kind, name, district_code, position FROM sub_areas
         WHERE name LIKE '%' || $1 || '%' ESCAPE '\\'
       ), members AS (
         SELECT h.code, p.lon, p.lat, greatest(p.total, 1) AS w, p.synthetic
         FROM hits h JOIN residential_points p ON p.community_code = h.code WHERE h.kind = 'community'
         UNION ALL
         SELECT h.code, p.lon, p.lat, greatest(p.total, 1) AS w, p.synthetic
         FROM hits h JOIN residential_points p ON p.township_code = h.code WHERE h.kind = 'township'
       ), located AS (
         SELECT code, sum(lon * w) / sum(w) AS lon, sum(lat * w) / sum(w) AS lat,
                count(*)::int AS points, bool_or(synthetic) AS synthetic
         FROM members GROUP BY code
       )
       SELECT h.code, h.kind, h.name, h.district_code AS "districtCode", l.lon, l.lat, l.points, l.synthetic
       FROM hits h JOIN located l ON l.code = h.code
       ORDER BY (h.name = $2) DESC, (h.name LIKE $1 || '%' ESCAPE '\\') DESC, length(h.name),
                h.kind, h.position, h.code
       LIMIT $3`,
      [likeLiteral(text), text, limit],
    );
    return r.rows.map((x) => ({ ...x, lon: Number(x.lon), lat: Number(x.lat) }));
  }
}
