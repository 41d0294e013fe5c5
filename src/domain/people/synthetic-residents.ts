/**
 * Synthetic residential points: where no real population points are imported, the embedded
 * default places seeded, labelled-synthetic points inside the real district boundaries so that
 * each district's total equals its published population exactly and the age structure follows
 * the city's census shares. Accessibility results on them are demonstrations, never findings.
 */
import type { LonLat } from '../geo/china-coordinates.ts';
import { createLocalProjection } from '../geo/projection.ts';
import type { AreaGeometry } from '../geo/polygon.ts';
import { areaM2, pointInGeometry, randomPointIn } from '../geo/polygon.ts';
import { createRandom, hashString } from '../shared/random.ts';
import { invalidField } from '../shared/errors.ts';
import type { BandCounts } from './age-bands.ts';
import { AGE_BANDS, CHENGDU_AGE_SHARES_2020 } from './age-bands.ts';
import { apportionLargestRemainder } from './apportion.ts';

export interface DistrictPopulation {
  code: string;
  /** Resident population, a non-negative integer. */
  population: number;
  geometry: AreaGeometry;
}

export interface SyntheticResidentsOptions {
  districts: readonly DistrictPopulation[];
  seed: number;
  /** Points per district; if omitted, ceil(population / peoplePerPoint). */
  pointsPerDistrict?: number;
  /** Average people per point when `pointsPerDistrict` is omitted (default 1,000). */
  peoplePerPoint?: number;
  /** Band shares summing to 1 (default: Chengdu, 2020 census). */
  shares?: BandCounts;
  /** Seeded settlement centres per district that points cluster around; 0 (default) = uniform. */
  clustersPerDistrict?: number;
  /** Standard deviation of the distance of a point from its centre, metres (default: from district area). */
  clusterSigmaM?: number;
}

export interface ResidentialPoint {
  id: string;
  districtCode: string;
  lon: number;
  lat: number;
  /** People per disjoint age band (integers). */
  population: BandCounts;
  /** Sum of `population`. */
  total: number;
  /** Always true: generated, not observed. */
  synthetic: true;
}

const DEFAULT_PEOPLE_PER_POINT = 1000;
/** Tries to land a clustered point inside the district before falling back to a uniform one. */
const CLUSTER_TRIES = 50;

function checkOptions(o: SyntheticResidentsOptions): void {
  if (!Number.isInteger(o.seed)) throw invalidField('seed', '应为整数', `expected an integer, got ${o.seed}`);
  if (
    o.pointsPerDistrict !== undefined &&
    !(Number.isInteger(o.pointsPerDistrict) && o.pointsPerDistrict > 0)
  )
    throw invalidField(
      'pointsPerDistrict',
      '应为正整数',
      `expected a positive integer, got ${o.pointsPerDistrict}`,
    );
  if (o.peoplePerPoint !== undefined && !(o.peoplePerPoint > 0))
    throw invalidField('peoplePerPoint', '应为正数', `expected a positive number, got ${o.peoplePerPoint}`);
  const seen = new Set<string>();
  o.districts.forEach((d, i) => {
    if (!Number.isInteger(d.population) || d.population < 0)
      throw invalidField(
        `districts[${i}].population`,
        `应为非负整数，收到 ${d.population}`,
        `expected a non-negative integer, got ${d.population}`,
      );
    if (seen.has(d.code))
      throw invalidField(
        `districts[${i}].code`,
        `区县代码重复：${d.code}`,
        `duplicate district code ${d.code}`,
      );
    seen.add(d.code);
  });
}

/** A standard normal deviate from two uniforms (Box–Muller), so clusters stay seeded. */
function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Point locations for one district: uniform, or Gaussian around seeded centres kept inside. */
function placePoints(
  d: DistrictPopulation,
  n: number,
  rnd: () => number,
  o: SyntheticResidentsOptions,
): LonLat[] {
  const k = o.clustersPerDistrict ?? 0;
  if (k <= 0) return Array.from({ length: n }, () => randomPointIn(d.geometry, rnd));
  const centres = Array.from({ length: k }, () => createLocalProjection(randomPointIn(d.geometry, rnd)));
  // Default spread: a third of the side of a square holding the district's area per centre.
  const sigmaM = o.clusterSigmaM ?? Math.sqrt(areaM2(d.geometry) / k) / 3;
  return Array.from({ length: n }, () => {
    const centre = centres[Math.floor(rnd() * k)]!;
    for (let t = 0; t < CLUSTER_TRIES; t++) {
      const p = centre.toLonLat([normal(rnd) * sigmaM, normal(rnd) * sigmaM]);
      if (pointInGeometry(p, d.geometry)) return p;
    }
    return randomPointIn(d.geometry, rnd);
  });
}

/**
 * Generates synthetic residential points inside each district. Invariants: per district the
 * points' totals add up exactly to its population; per district each band total is the
 * largest-remainder share of that population (within 1 person of population × share); every
 * point lies inside its district's geometry; the same options give the same points, and each
 * district's points depend only on the seed and its code (not on the order of districts).
 */
export function generateResidentialPoints(o: SyntheticResidentsOptions): ResidentialPoint[] {
  checkOptions(o);
  const shares = o.shares ?? CHENGDU_AGE_SHARES_2020.shares;
  const shareList = AGE_BANDS.map((b) => shares[b]);
  const out: ResidentialPoint[] = [];
  for (const d of o.districts) {
    const rnd = createRandom(hashString(`${o.seed}:${d.code}`));
    const n =
      o.pointsPerDistrict ??
      Math.max(1, Math.ceil(d.population / (o.peoplePerPoint ?? DEFAULT_PEOPLE_PER_POINT)));
    const locations = placePoints(d, n, rnd, o);
    // Uneven sizes (0.5×–1.5× the mean) so points are not all alike.
    const weights = locations.map(() => 0.5 + rnd());
    // District → bands first, then each band → points: keeps both totals exact.
    const bandTotals = apportionLargestRemainder(d.population, shareList);
    const perBand = bandTotals.map((t) => apportionLargestRemainder(t, weights));
    const width = String(n).length;
    locations.forEach(([lon, lat], i) => {
      const population = Object.fromEntries(AGE_BANDS.map((b, j) => [b, perBand[j]![i]!])) as BandCounts;
      out.push({
        id: `syn-${d.code}-${String(i + 1).padStart(width, '0')}`,
        districtCode: d.code,
        lon,
        lat,
        population,
        total: AGE_BANDS.reduce((s, b) => s + population[b], 0),
        synthetic: true,
      });
    });
  }
  return out;
}
