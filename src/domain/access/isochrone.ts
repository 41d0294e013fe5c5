/**
 * The nodes reachable from one node within a time budget (an isochrone), by Dial's algorithm.
 *
 * Why a workspace: a 15-minute isochrone touches about a thousand nodes of a million-node network, so
 * clearing or allocating per-node arrays on every call would cost far more than the search. The
 * workspace keeps the arrays and remembers which nodes the last call touched; the next call resets
 * only those. The queue is a lazy bucket queue (Dial's algorithm), inlined. Results are views into
 * the workspace, valid until its next call.
 */
import type { WalkGraph } from './graph.ts';
import { maxArcSeconds } from './graph.ts';
import { UNREACHABLE, byNode, toCutoff } from './sources.ts';
import { invalidField } from '../shared/errors.ts';

export interface IsochroneWorkspace {
  readonly graph: WalkGraph;
  readonly maxArcSeconds: number;
  /** Bucket ring (all -1 between calls) and the entry pool of the inlined bucket queue. */
  heads: Int32Array;
  entryNode: Uint32Array;
  entryNext: Int32Array;
  /** Seconds from the last origin; UNREACHABLE except on the nodes the last call reached. */
  readonly dist: Uint32Array;
  readonly reached: Uint32Array;
  readonly seconds: Uint32Array;
  reachedCount: number;
  /** Arcs examined by the last search. */
  scannedArcs: number;
}

export interface Isochrone {
  /** Number of nodes within the budget (the origin included). */
  count: number;
  /** The nodes within the budget, in the order the search reached them (a view into the workspace). */
  nodes: Uint32Array;
  /** seconds[i] is the walking time from the origin to nodes[i] (a view into the workspace). */
  seconds: Uint32Array;
  /** Arcs examined by the search. */
  scannedArcs: number;
}

export function createIsochroneWorkspace(graph: WalkGraph): IsochroneWorkspace {
  const n = graph.nodeCount;
  return {
    graph,
    maxArcSeconds: maxArcSeconds(graph),
    heads: new Int32Array(0),
    entryNode: new Uint32Array(4096),
    entryNext: new Int32Array(4096),
    dist: new Uint32Array(n).fill(UNREACHABLE),
    reached: new Uint32Array(n),
    seconds: new Uint32Array(n),
    reachedCount: 0,
    scannedArcs: 0,
  };
}

/** Nodes within `budgetSeconds` of `origin`, with their times; reuses (and overwrites) `ws`. */
export function isochrone(ws: IsochroneWorkspace, origin: number, budgetSeconds: number): Isochrone {
  const count = searchWithin(ws, origin, budgetSeconds);
  const { dist, reached, seconds } = ws;
  for (let i = 0; i < count; i++) seconds[i] = dist[reached[i]!]!;
  return {
    count,
    nodes: reached.subarray(0, count),
    seconds: seconds.subarray(0, count),
    scannedArcs: ws.scannedArcs,
  };
}

/**
 * Isochrones of many origins: calls `visit(i, isochrone)` for each origins[i], in the order of the
 * origins' nodes rather than i (neighbouring searches share the cache, see byNode in sources.ts).
 * Each isochrone is a view valid only during its visit.
 */
export function isochroneBatch(
  ws: IsochroneWorkspace,
  origins: Uint32Array,
  budgetSeconds: number,
  visit: (index: number, iso: Isochrone) => void,
): void {
  for (const i of byNode(origins, 0, origins.length)) visit(i, isochrone(ws, origins[i]!, budgetSeconds));
}

/**
 * The search of `isochrone` without copying the times out: afterwards `ws.reached[0 .. count)` are
 * the nodes within the budget (in the order reached), `ws.dist[v]` their times, and `ws.scannedArcs`
 * the arcs examined. For kernels that only sum over the reached nodes (catchments, E2SFCA).
 */
export function searchWithin(ws: IsochroneWorkspace, origin: number, budgetSeconds: number): number {
  const { graph, dist, reached } = ws;
  const n = graph.nodeCount;
  if (!Number.isInteger(origin) || origin < 0 || origin >= n) {
    throw invalidField(
      'origin',
      `节点编号必须是 0 到 ${n - 1} 之间的整数`,
      `node id must be an integer from 0 to ${n - 1}, got ${origin}`,
    );
  }
  const budget = toCutoff(budgetSeconds);
  // A local copy: under tsx an imported constant is read through a getter, which in this loop cost
  // a quarter of the run time (measured with --cpu-prof).
  const NONE = UNREACHABLE;
  for (let i = 0; i < ws.reachedCount; i++) dist[reached[i]!] = NONE;

  // A lazy bucket queue (Dial's algorithm), inlined so the ring and the entry pool stay in locals in
  // the hot loop (a city-wide run does thousands of these small searches). Integer arc costs ≤ C keep
  // every key in [current, current + C], so a ring of C + 1 buckets (a power of two) holds them all:
  // push and pop are O(1). A bucket is a linked list of (node, next) entries in a pool that grows by
  // doubling and is kept in the workspace; decrease-key is a second push, and an entry whose key no
  // longer equals its node's time is skipped when popped (lazy deletion).
  let ring = 1;
  while (ring < ws.maxArcSeconds + 1) ring *= 2;
  const mask = ring - 1;
  if (ws.heads.length < ring) ws.heads = new Int32Array(ring).fill(-1);
  const heads = ws.heads;
  let entryNode = ws.entryNode;
  let entryNext = ws.entryNext;
  dist[origin] = 0;
  reached[0] = origin;
  let count = 1;
  entryNode[0] = origin;
  entryNext[0] = -1;
  heads[0] = 0;
  let used = 1;
  let queued = 1;
  let key = 0;
  const { offsets, targets, costs } = graph;
  let scannedArcs = 0;
  while (queued > 0) {
    let e = heads[key & mask]!;
    while (e < 0) {
      key++;
      e = heads[key & mask]!;
    }
    heads[key & mask] = entryNext[e]!;
    queued--;
    const u = entryNode[e]!;
    const t = dist[u]!;
    if (t !== key) continue; // stale entry: u was pushed again with a shorter time
    const end = offsets[u + 1]!;
    const start = offsets[u]!;
    scannedArcs += end - start;
    for (let a = start; a < end; a++) {
      const nd = t + costs[a]!;
      if (nd > budget) continue;
      const v = targets[a]!;
      const tv = dist[v]!;
      if (nd < tv) {
        if (tv === NONE) reached[count++] = v;
        dist[v] = nd;
        if (used === entryNode.length) {
          entryNode = grow(entryNode, new Uint32Array(2 * used));
          entryNext = grow(entryNext, new Int32Array(2 * used));
          ws.entryNode = entryNode;
          ws.entryNext = entryNext;
        }
        const b = nd & mask;
        entryNode[used] = v;
        entryNext[used] = heads[b]!;
        heads[b] = used++;
        queued++;
      }
    }
  }
  ws.reachedCount = count;
  ws.scannedArcs = scannedArcs;
  return count;
}

function grow<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
