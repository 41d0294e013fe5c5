/**
 * Capacity-aware accessibility: the two-step floating catchment area method (2SFCA) and its enhanced
 * form with distance-decay zones (E2SFCA, Luo & Qi 2009). Step 1: each facility's supply divided by
 * the (weighted) demand within its catchment. Step 2: each point sums the ratios of the facilities
 * within its catchment (weighted again). E.g. childcare places per child under 3 within 15 minutes.
 * Works on straight-line metres here (the pairs within a catchment come from a grid); a network form
 * would feed the same two steps with walked distances.
 */
import type { XY } from './straight-line.ts';

/** Distance-decay zones: up to `upTo` metres the weight is `weight`; beyond the last zone, 0. */
export interface DecayZone {
  upTo: number;
  weight: number;
}

/** Plain 2SFCA: one zone of weight 1. */
export const binaryZones = (catchment: number): DecayZone[] => [{ upTo: catchment, weight: 1 }];

/** The usual E2SFCA weights for three equal sub-zones (a Gaussian with β = 1 at zone ends: 1, 0.68, 0.22). */
export const e2sfcaZones = (catchment: number): DecayZone[] => [
  { upTo: catchment / 3, weight: 1 },
  { upTo: (2 * catchment) / 3, weight: 0.68 },
  { upTo: catchment, weight: 0.22 },
];

function weightAt(zones: readonly DecayZone[], d: number): number {
  for (const z of zones) if (d <= z.upTo) return z.weight;
  return 0;
}

/**
 * Accessibility per point (supply per person within reach) and the supply-to-demand ratio per
 * facility. `demand[i]` is the population of point i that uses the service (e.g. children 0–2).
 */
export function twoStepFloatingCatchment(
  points: readonly XY[],
  demand: ArrayLike<number>,
  facilities: readonly XY[],
  supply: ArrayLike<number>,
  zones: readonly DecayZone[],
): { accessibility: Float64Array; ratios: Float64Array } {
  const reach = Math.max(0, ...zones.map((z) => z.upTo));
  const cell = reach > 0 ? reach : 1;
  const grid = new Map<string, number[]>();
  const key = (x: number, y: number) => `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
  points.forEach((p, i) => {
    const k = key(p.x, p.y);
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  // Pairs (facility j, point i, weight) within the catchment, found once and used by both steps.
  const pairs: Array<[number, number, number]> = [];
  facilities.forEach((f, j) => {
    const cx = Math.floor(f.x / cell);
    const cy = Math.floor(f.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const p = points[i] as XY;
          const w = weightAt(zones, Math.hypot(p.x - f.x, p.y - f.y));
          if (w > 0) pairs.push([j, i, w]);
        }
      }
    }
  });
  const weightedDemand = new Float64Array(facilities.length);
  for (const [j, i, w] of pairs)
    weightedDemand[j] = (weightedDemand[j] as number) + w * (demand[i] as number);
  const ratios = new Float64Array(facilities.length);
  for (let j = 0; j < facilities.length; j++) {
    const d = weightedDemand[j] as number;
    ratios[j] = d > 0 ? (supply[j] as number) / d : 0;
  }
  const accessibility = new Float64Array(points.length);
  for (const [j, i, w] of pairs) accessibility[i] = (accessibility[i] as number) + w * (ratios[j] as number);
  return { accessibility, ratios };
}
