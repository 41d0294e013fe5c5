/**
 * Coverage by township (街道/镇): the share of residents within a service circle per township, by age
 * band, with the uncovered population. Works on the same per-point reach as the coverage report
 * (coverage-report.ts), so townships add up to their district exactly; points without a township are
 * one row of their district with `townshipCode` null.
 */
import type { AgeBand, BandCounts } from '../people/age-bands.ts';
import { AGE_BANDS } from '../people/age-bands.ts';
import type { CoverageCell } from '../access/coverage-report.ts';

export interface AreaCoveragePoint {
  districtCode: string;
  townshipCode: string | null;
  population: BandCounts;
  total: number;
}

export interface TownshipCoverage extends CoverageCell {
  districtCode: string;
  /** Null: the district's points that have no township. */
  townshipCode: string | null;
  /** Residents outside the circle (population − covered). */
  uncovered: number;
  points: number;
  byBand: Record<AgeBand, CoverageCell>;
}

const cell = (population: number, covered: number): CoverageCell => ({
  population,
  covered,
  share: population > 0 ? covered / population : null,
});

/**
 * `reach[i]` is point i's distance (or time) to its nearest facility; covered when ≤ `limit`.
 * Rows sorted by district, then township code (the row without a township last).
 */
export function coverageByTownship(
  points: readonly AreaCoveragePoint[],
  reach: ArrayLike<number>,
  limit: number,
): TownshipCoverage[] {
  const acc = new Map<
    string,
    { districtCode: string; townshipCode: string | null; n: number; pop: number[]; cov: number[] }
  >();
  points.forEach((p, i) => {
    const key = `${p.districtCode}|${p.townshipCode ?? ''}`;
    let a = acc.get(key);
    if (!a) {
      a = {
        districtCode: p.districtCode,
        townshipCode: p.townshipCode,
        n: 0,
        pop: new Array<number>(AGE_BANDS.length + 1).fill(0),
        cov: new Array<number>(AGE_BANDS.length + 1).fill(0),
      };
      acc.set(key, a);
    }
    const covered = (reach[i] as number) <= limit;
    a.n += 1;
    a.pop[0] = a.pop[0]! + p.total;
    if (covered) a.cov[0] = a.cov[0]! + p.total;
    AGE_BANDS.forEach((b, k) => {
      a.pop[k + 1] = a.pop[k + 1]! + p.population[b];
      if (covered) a.cov[k + 1] = a.cov[k + 1]! + p.population[b];
    });
  });
  return [...acc.values()]
    .sort(
      (a, b) =>
        a.districtCode.localeCompare(b.districtCode) ||
        (a.townshipCode === null ? 1 : 0) - (b.townshipCode === null ? 1 : 0) ||
        (a.townshipCode ?? '').localeCompare(b.townshipCode ?? ''),
    )
    .map((a) => ({
      districtCode: a.districtCode,
      townshipCode: a.townshipCode,
      ...cell(a.pop[0]!, a.cov[0]!),
      uncovered: a.pop[0]! - a.cov[0]!,
      points: a.n,
      byBand: Object.fromEntries(AGE_BANDS.map((b, k) => [b, cell(a.pop[k + 1]!, a.cov[k + 1]!)])) as Record<
        AgeBand,
        CoverageCell
      >,
    }));
}

/** How the points got their townships, as GET /api/coverage reports it with the rows. */
export type TownshipAssignmentKind = 'imported' | 'synthetic' | 'mixed' | 'none';

/** `byTownship` of GET /api/coverage. */
export interface TownshipCoverageView {
  /**
   * `synthetic`: the townships were assigned by the generator (示例指派, no township boundaries
   * exist); `imported`: they came with the points; `mixed`: some of each; `none`: no point has one.
   */
  assignment: TownshipAssignmentKind;
  /** Said wherever the rows are shown when the assignment is synthetic or missing. */
  note: { zh: string; en: string } | null;
  rows: Array<TownshipCoverage & { name: string | null; districtName: string }>;
}
