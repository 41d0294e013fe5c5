/**
 * Coverage sets of candidate sites: which demand points each candidate would serve within the
 * circle, with walking seconds. Over the walking network, one bounded search per candidate (a
 * 15-minute search touches about a thousand nodes), points read off the nodes they were snapped to;
 * without a network, straight-line distance × detour factor at walking speed, found through a grid.
 */
import type { WalkGraph } from '../access/graph.ts';
import { createIsochroneWorkspace, searchWithin } from '../access/isochrone.ts';
import type { XY } from '../access/straight-line.ts';
import type { CoverageSets } from './instance.ts';

/** Growable pair of Uint32 columns (demand index, seconds). */
class Pairs {
  demand = new Uint32Array(1024);
  seconds = new Uint32Array(1024);
  length = 0;

  push(i: number, s: number): void {
    if (this.length === this.demand.length) {
      const d = new Uint32Array(this.length * 2);
      d.set(this.demand);
      this.demand = d;
      const t = new Uint32Array(this.length * 2);
      t.set(this.seconds);
      this.seconds = t;
    }
    this.demand[this.length] = i;
    this.seconds[this.length++] = s;
  }

  finish(offsets: Uint32Array, candidateCount: number): CoverageSets {
    return {
      candidateCount,
      offsets,
      demand: this.demand.slice(0, this.length),
      seconds: this.seconds.slice(0, this.length),
    };
  }
}

/** Demand points on the network: each point's node and the seconds from the point to it. */
export interface PointsOnNetwork {
  nodes: Uint32Array;
  offsets: Uint32Array;
}

/**
 * Points within `budgetSeconds` of each candidate over the network: candidate offset + network time
 * + point offset ≤ budget. Candidates are (node, seconds from the site to the node).
 */
export function networkCoverageSets(
  graph: WalkGraph,
  candidates: PointsOnNetwork,
  points: PointsOnNetwork,
  budgetSeconds: number,
): CoverageSets {
  const n = graph.nodeCount;
  // Points by node (CSR), so a search's reached nodes give their points directly.
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < points.nodes.length; i++) start[points.nodes[i]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const atNode = new Uint32Array(points.nodes.length);
  for (let i = 0; i < points.nodes.length; i++) atNode[fill[points.nodes[i]!]!++] = i;

  const ws = createIsochroneWorkspace(graph);
  const offsets = new Uint32Array(candidates.nodes.length + 1);
  const pairs = new Pairs();
  for (let j = 0; j < candidates.nodes.length; j++) {
    const off = candidates.offsets[j]!;
    if (off <= budgetSeconds) {
      const count = searchWithin(ws, candidates.nodes[j]!, budgetSeconds - off);
      for (let k = 0; k < count; k++) {
        const v = ws.reached[k]!;
        const t = off + ws.dist[v]!;
        for (let q = start[v]!; q < start[v + 1]!; q++) {
          const i = atNode[q]!;
          const total = t + points.offsets[i]!;
          if (total <= budgetSeconds) pairs.push(i, total);
        }
      }
    }
    offsets[j + 1] = pairs.length;
  }
  return pairs.finish(offsets, candidates.nodes.length);
}

/**
 * Points within `radiusMetres` in a straight line of each candidate, with walking seconds estimated
 * as distance × detour ÷ speed (rounded up, so the circle never grows by rounding).
 */
export function straightLineCoverageSets(
  candidates: readonly XY[],
  points: readonly XY[],
  radiusMetres: number,
  secondsPerMetre: number,
): CoverageSets {
  const cell = Math.max(radiusMetres, 1);
  const grid = new Map<string, number[]>();
  points.forEach((p, i) => {
    const k = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  const offsets = new Uint32Array(candidates.length + 1);
  const pairs = new Pairs();
  candidates.forEach((c, j) => {
    const cx = Math.floor(c.x / cell);
    const cy = Math.floor(c.y / cell);
    const found: Array<[number, number]> = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = Math.hypot(points[i]!.x - c.x, points[i]!.y - c.y);
          if (d <= radiusMetres) found.push([i, Math.ceil(d * secondsPerMetre)]);
        }
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    for (const [i, s] of found) pairs.push(i, s);
    offsets[j + 1] = pairs.length;
  });
  return pairs.finish(offsets, candidates.length);
}
