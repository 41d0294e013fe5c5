/**
 * The straight-line fallback (issue 3 §2): without a walking network, the distance to the nearest
 * facility "as the crow flies", times a detour factor, stands in for the walking distance. Results that
 * use it are always flagged as approximations. A uniform grid of cell size `maxMetres` keeps the search
 * to the 3×3 cells around each point, so 21,000 points against 6,000 facilities take milliseconds.
 */

export interface XY {
  x: number;
  y: number;
}

/**
 * Straight-line distance from each point to its nearest facility, or Infinity when none is within
 * `maxMetres`; when `nearestOut` is given, the index of that facility (-1 when none; ties: lowest index).
 */
export function nearestStraightLine(
  points: readonly XY[],
  facilities: readonly XY[],
  maxMetres: number,
  nearestOut?: Int32Array,
): Float64Array {
  nearestOut?.fill(-1);
  const out = new Float64Array(points.length).fill(Infinity);
  if (facilities.length === 0 || !(maxMetres > 0)) return out;
  const cell = maxMetres;
  const grid = new Map<string, number[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  facilities.forEach((f, j) => {
    const k = key(Math.floor(f.x / cell), Math.floor(f.y / cell));
    const list = grid.get(k);
    if (list) list.push(j);
    else grid.set(k, [j]);
  });
  points.forEach((p, i) => {
    const cx = Math.floor(p.x / cell);
    const cy = Math.floor(p.y / cell);
    let best = Infinity;
    let bestIndex = -1;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(key(cx + dx, cy + dy)) ?? []) {
          const f = facilities[j] as XY;
          const d = Math.hypot(f.x - p.x, f.y - p.y);
          if (d < best || (d === best && j < bestIndex)) {
            best = d;
            bestIndex = j;
          }
        }
      }
    }
    out[i] = best <= maxMetres ? best : Infinity;
    if (nearestOut && best <= maxMetres) nearestOut[i] = bestIndex;
  });
  return out;
}

/** Walking minutes from a straight-line distance: distance × detour ÷ speed. */
export function straightLineMinutes(metres: number, detourFactor: number, metresPerSecond: number): number {
  return (metres * detourFactor) / metresPerSecond / 60;
}

/**
 * Straight-line distances from each point to its k nearest facilities, row-major (points × k),
 * ascending, Infinity where fewer than j+1 facilities lie within `maxMetres` (the straight-line
 * fallback of k-nearest.ts).
 */
export function kNearestStraightLine(
  points: readonly XY[],
  facilities: readonly XY[],
  maxMetres: number,
  k: number,
): Float64Array {
  const out = new Float64Array(points.length * k).fill(Infinity);
  if (facilities.length === 0 || !(maxMetres > 0)) return out;
  const cell = maxMetres;
  const grid = new Map<string, number[]>();
  facilities.forEach((f, j) => {
    const key = `${Math.floor(f.x / cell)},${Math.floor(f.y / cell)}`;
    const list = grid.get(key);
    if (list) list.push(j);
    else grid.set(key, [j]);
  });
  const found: number[] = [];
  points.forEach((p, i) => {
    found.length = 0;
    const cx = Math.floor(p.x / cell);
    const cy = Math.floor(p.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = Math.hypot(facilities[j]!.x - p.x, facilities[j]!.y - p.y);
          if (d <= maxMetres) found.push(d);
        }
      }
    }
    found.sort((a, b) => a - b);
    for (let q = 0; q < k && q < found.length; q++) out[i * k + q] = found[q]!;
  });
  return out;
}
