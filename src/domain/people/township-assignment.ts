/**
 * Townships (街道/镇) for residential points that have none, a synthetic assignment (示例指派): the
 * division tables give township codes and names but no boundaries, so generated points cannot be
 * placed in a township by geometry. Instead each district gets seeded township "centres" (picked
 * among its points, spread out like k-means++), and each point goes to the nearest centre that still
 * has room, closest pairs first. The room of a township is the district's population split by the
 * township's number of communities (社区/村), so township populations follow their community counts
 * (each within about one point's population, usually) while townships stay compact around their
 * centres; a point no nearby township has room for goes to the township with the most room left.
 *
 * Pure and seeded: the same points, townships and seed give the same assignment on every machine.
 * Every point of the district is assigned exactly once, so township populations add up to the
 * district's population.
 */
import type { LonLat } from '../geo/china-coordinates.ts';
import { createLocalProjection } from '../geo/projection.ts';
import { createRandom, hashString } from '../shared/random.ts';
import { apportionLargestRemainder } from './apportion.ts';

export interface TownshipWeight {
  code: string;
  /** Communities (社区/村) in the township: its share of the district's population. */
  communityCount: number;
}

export interface LocatedPopulation {
  lon: number;
  lat: number;
  total: number;
}

export interface TownshipAssignment {
  /** The township code of each point, in the order given; null when the district has no townships. */
  townshipOf: (string | null)[];
  /** Per township (in the order given): the population aimed at, and the population assigned. */
  townships: Array<{ code: string; target: number; population: number; points: number }>;
}

/** Seeded, spread-out centres among the points: k-means++ (D² sampling), weighted by population. */
function pickCentres(
  xy: readonly (readonly [number, number])[],
  weight: readonly number[],
  k: number,
  rnd: () => number,
) {
  const n = xy.length;
  const centres: number[] = [];
  const d2 = new Float64Array(n).fill(Infinity);
  const taken = new Uint8Array(n);
  for (let c = 0; c < Math.min(k, n); c++) {
    // First centre: by population; later ones: by population × squared distance to the nearest centre.
    let sum = 0;
    for (let i = 0; i < n; i++) if (!taken[i]) sum += (weight[i]! + 1) * (c === 0 ? 1 : d2[i]!);
    let pick = -1;
    if (sum > 0 && Number.isFinite(sum)) {
      let r = rnd() * sum;
      for (let i = 0; i < n; i++) {
        if (taken[i]) continue;
        r -= (weight[i]! + 1) * (c === 0 ? 1 : d2[i]!);
        if (r <= 0) {
          pick = i;
          break;
        }
      }
    }
    if (pick < 0) pick = taken.indexOf(0); // all remaining points coincide with centres
    if (pick < 0) break;
    taken[pick] = 1;
    centres.push(pick);
    const [cx, cy] = xy[pick]!;
    for (let i = 0; i < n; i++) {
      const dd = (xy[i]![0] - cx) ** 2 + (xy[i]![1] - cy) ** 2;
      if (dd < d2[i]!) d2[i] = dd;
    }
  }
  return centres;
}

/**
 * Assigns each point of one district to one of its townships (see the file comment). `seed` and
 * `districtCode` make the centres reproducible and independent of other districts.
 */
export function assignTownships(input: {
  districtCode: string;
  townships: readonly TownshipWeight[];
  points: readonly LocatedPopulation[];
  seed: number;
}): TownshipAssignment {
  const { points, townships } = input;
  const k = townships.length;
  if (k === 0 || points.length === 0) {
    return {
      townshipOf: points.map(() => null),
      townships: townships.map((t) => ({ code: t.code, target: 0, population: 0, points: 0 })),
    };
  }
  const total = points.reduce((s, p) => s + p.total, 0);
  const targets = apportionLargestRemainder(
    total,
    townships.map((t) => Math.max(0, t.communityCount)),
  );
  const lon0 = points.reduce((s, p) => s + p.lon, 0) / points.length;
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const proj = createLocalProjection([lon0, lat0] as LonLat);
  const xy = points.map((p) => proj.toMetres([p.lon, p.lat] as LonLat));
  const rnd = createRandom(hashString(`${input.seed}:townships:${input.districtCode}`));
  const centrePoints = pickCentres(
    xy,
    points.map((p) => p.total),
    k,
    rnd,
  );
  // The largest townships get the first centres drawn (by target, then code: stable).
  const order = townships
    .map((t, j) => j)
    .sort((a, b) => targets[b]! - targets[a]! || townships[a]!.code.localeCompare(townships[b]!.code));
  const centreOf = new Int32Array(k).fill(-1);
  order.forEach((j, c) => {
    if (c < centrePoints.length) centreOf[j] = centrePoints[c]!;
  });
  const withCentre = order.filter((j) => centreOf[j]! >= 0);
  // All (point, township) pairs, closest first; ties by point then township index.
  const pairs: Array<[number, number, number]> = [];
  xy.forEach(([x, y], i) => {
    for (const j of withCentre) {
      const [cx, cy] = xy[centreOf[j]!]!;
      pairs.push([(x - cx) ** 2 + (y - cy) ** 2, i, j]);
    }
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const room = Float64Array.from(targets);
  const assigned = new Int32Array(points.length).fill(-1);
  let left = points.length;
  // A township takes a point while that brings it closer to its target (room left ≥ half the point).
  for (const [, i, j] of pairs) {
    if (left === 0) break;
    const n = points[i]!.total;
    if (assigned[i]! >= 0 || room[j]! < n / 2 || (n === 0 && room[j]! <= 0)) continue;
    assigned[i] = j;
    room[j] = room[j]! - n;
    left--;
  }
  // Points no township had room for (each would overshoot its nearest candidates): largest first,
  // each to the township with the most room left (closest first among equals).
  if (left > 0) {
    const rest = points
      .map((p, i) => i)
      .filter((i) => assigned[i]! < 0)
      .sort((a, b) => points[b]!.total - points[a]!.total || a - b);
    for (const i of rest) {
      let best = withCentre[0]!;
      for (const j of withCentre) if (room[j]! > room[best]!) best = j;
      assigned[i] = best;
      room[best] = room[best]! - points[i]!.total;
    }
  }
  const population = new Array<number>(k).fill(0);
  const count = new Array<number>(k).fill(0);
  assigned.forEach((j, i) => {
    population[j] = population[j]! + points[i]!.total;
    count[j] = count[j]! + 1;
  });
  return {
    townshipOf: Array.from(assigned, (j) => townships[j]!.code),
    townships: townships.map((t, j) => ({
      code: t.code,
      target: targets[j]!,
      population: population[j]!,
      points: count[j]!,
    })),
  };
}
