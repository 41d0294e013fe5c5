/**
 * Coverage sets of candidate sites: which demand points each candidate would serve within the
 * circle, with walking seconds. Over the walking network, one bounded search per candidate (a
 * 15-minute search touches about a thousand nodes), points read off the nodes they were snapped to;
 * without a network, straight-line distance × detour factor at walking speed, found through a grid.
 */
import type { WalkGraph } from '../access/graph.ts';
import { createIsochroneWorkspace, searchWithin } from '../access/isochrone.ts';
import { byNode } from '../access/sources.ts';
import type { XY } from '../access/straight-line.ts';
import type { CoverageSets } from './instance.ts';

/** Growable pair of Uint32 columns (demand index, seconds). */
class Pairs {
  demand: Uint32Array;
  seconds: Uint32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.demand = new Uint32Array(capacity);
    this.seconds = new Uint32Array(capacity);
  }

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
 * + point offset ≤ budget. Candidates are (node, seconds from the site to the node). The searches
 * run in the order of the candidates' nodes (neighbouring searches find their part of the graph
 * still in cache, see byNode); their pairs are then moved into candidate order in one pass.
 */
export function networkCoverageSets(
  graph: WalkGraph,
  candidates: PointsOnNetwork,
  points: PointsOnNetwork,
  budgetSeconds: number,
): CoverageSets {
  const n = graph.nodeCount;
  const m = candidates.nodes.length;
  // Points by node (CSR), so a search's reached nodes give their points directly.
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < points.nodes.length; i++) start[points.nodes[i]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const atNode = new Uint32Array(points.nodes.length);
  for (let i = 0; i < points.nodes.length; i++) atNode[fill[points.nodes[i]!]!++] = i;
  const pointOffsets = points.offsets;

  const ws = createIsochroneWorkspace(graph);
  const pairs = new Pairs();
  // Where each candidate's pairs sit in the processing order.
  const from = new Uint32Array(m);
  const count = new Uint32Array(m);
  for (const j of byNode(candidates.nodes, 0, m)) {
    const off = candidates.offsets[j]!;
    from[j] = pairs.length;
    if (off <= budgetSeconds) {
      const reachedCount = searchWithin(ws, candidates.nodes[j]!, budgetSeconds - off);
      const { reached, dist } = ws;
      for (let k = 0; k < reachedCount; k++) {
        const v = reached[k]!;
        const t = off + dist[v]!;
        for (let q = start[v]!, end = start[v + 1]!; q < end; q++) {
          const i = atNode[q]!;
          const total = t + pointOffsets[i]!;
          if (total <= budgetSeconds) pairs.push(i, total);
        }
      }
    }
    count[j] = pairs.length - from[j]!;
  }
  const offsets = new Uint32Array(m + 1);
  for (let j = 0; j < m; j++) offsets[j + 1] = offsets[j]! + count[j]!;
  const demand = new Uint32Array(pairs.length);
  const seconds = new Uint32Array(pairs.length);
  for (let j = 0; j < m; j++) {
    demand.set(pairs.demand.subarray(from[j]!, from[j]! + count[j]!), offsets[j]!);
    seconds.set(pairs.seconds.subarray(from[j]!, from[j]! + count[j]!), offsets[j]!);
  }
  return { candidateCount: m, offsets, demand, seconds };
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
