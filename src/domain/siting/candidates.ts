/**
 * Candidate sites generated from where people live, when the planner does not list them: the
 * population-weighted centre of each township's residential points (a stand-in for the township
 * centre: the division tables carry no coordinates), or of each populated cell of a square grid.
 */
import type { XY } from '../access/straight-line.ts';

export interface WeightedPoint extends XY {
  weight: number;
}

export interface GeneratedCandidate extends XY {
  /** What the candidate stands for: a township code, or a grid cell `gx,gy`. */
  key: string;
  /** People whose centre it is. */
  population: number;
}

function weightedCentres(
  points: readonly WeightedPoint[],
  keyOf: (p: WeightedPoint, i: number) => string | null,
) {
  const acc = new Map<string, { x: number; y: number; w: number; n: number; fx: number; fy: number }>();
  points.forEach((p, i) => {
    const key = keyOf(p, i);
    if (key === null) return;
    const a = acc.get(key) ?? { x: 0, y: 0, w: 0, n: 0, fx: 0, fy: 0 };
    a.x += p.x * p.weight;
    a.y += p.y * p.weight;
    a.w += p.weight;
    a.fx += p.x;
    a.fy += p.y;
    a.n++;
    acc.set(key, a);
  });
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, a]): GeneratedCandidate => ({
      key,
      // A place with nobody (all weights 0) still gets its plain centre.
      x: a.w > 0 ? a.x / a.w : a.fx / a.n,
      y: a.w > 0 ? a.y / a.w : a.fy / a.n,
      population: a.w,
    }));
}

/** One candidate per township: the people-weighted centre of its points. */
export function townshipCentres(points: readonly WeightedPoint[], townshipOf: (i: number) => string | null) {
  return weightedCentres(points, (_, i) => townshipOf(i));
}

/** One candidate per grid cell of `spacingMetres` that has people: their weighted centre. */
export function gridCandidates(points: readonly WeightedPoint[], spacingMetres: number) {
  return weightedCentres(points, (p) =>
    p.weight > 0 ? `${Math.floor(p.x / spacingMetres)},${Math.floor(p.y / spacingMetres)}` : null,
  );
}
