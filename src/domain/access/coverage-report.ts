/**
 * Coverage as planners read it: the share of residents within a service circle, by district and by
 * age band, and the largest uncovered places. Works on any per-point reach (walking network or the
 * straight-line fallback); the caller says which, and the report carries it.
 */
import type { AgeBand, BandCounts } from '../people/age-bands.ts';
import { AGE_BANDS } from '../people/age-bands.ts';

export interface CoveragePoint {
  id: string;
  districtCode: string;
  lon: number;
  lat: number;
  population: BandCounts;
  total: number;
}

export interface CoverageCell {
  population: number;
  covered: number;
  share: number | null;
}

export interface CoverageReport {
  all: CoverageCell;
  byDistrict: Array<{ districtCode: string } & CoverageCell>;
  byBand: Record<AgeBand, CoverageCell>;
  /** Uncovered points, most people first (at most `uncoveredLimit`). */
  uncovered: Array<{
    id: string;
    districtCode: string;
    lon: number;
    lat: number;
    total: number;
    distanceMetres: number | null;
  }>;
}

const cell = (population: number, covered: number): CoverageCell => ({
  population,
  covered,
  share: population > 0 ? covered / population : null,
});

/** `reach[i]` is the distance (or time) from point i to its nearest facility; covered when ≤ `limit`. */
export function coverageReport(
  points: readonly CoveragePoint[],
  reach: Float64Array,
  limit: number,
  uncoveredLimit = 200,
): CoverageReport {
  const district = new Map<string, [number, number]>();
  const band = Object.fromEntries(AGE_BANDS.map((b) => [b, [0, 0]])) as Record<AgeBand, [number, number]>;
  let pop = 0;
  let cov = 0;
  const uncovered: CoverageReport['uncovered'] = [];
  points.forEach((p, i) => {
    const covered = (reach[i] as number) <= limit;
    const d = district.get(p.districtCode) ?? [0, 0];
    d[0] += p.total;
    if (covered) d[1] += p.total;
    district.set(p.districtCode, d);
    for (const b of AGE_BANDS) {
      band[b][0] += p.population[b];
      if (covered) band[b][1] += p.population[b];
    }
    pop += p.total;
    if (covered) cov += p.total;
    else {
      const r = reach[i] as number;
      uncovered.push({
        id: p.id,
        districtCode: p.districtCode,
        lon: p.lon,
        lat: p.lat,
        total: p.total,
        distanceMetres: Number.isFinite(r) ? r : null,
      });
    }
  });
  uncovered.sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  return {
    all: cell(pop, cov),
    byDistrict: [...district.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([districtCode, [n, c]]) => ({ districtCode, ...cell(n, c) })),
    byBand: Object.fromEntries(AGE_BANDS.map((b) => [b, cell(band[b][0], band[b][1])])) as Record<
      AgeBand,
      CoverageCell
    >,
    uncovered: uncovered.slice(0, uncoveredLimit),
  };
}
