/**
 * Time from every node to its 1st, 2nd … k-th nearest distinct source (issue 3 §3: "and to the n-th
 * nearest"), by one multi-label search.
 *
 * Why this works: labels (node, source, seconds) are popped in time order from a bucket queue; a node
 * keeps the first label of each distinct source, up to k of them, and only kept labels spread to the
 * neighbours. A label dropped at a full node u is never needed: u's k kept sources are each at most as
 * far from every node behind u as the dropped one, so those nodes fill up with sources no farther.
 * Labels live in a pool of typed arrays that grows by doubling and recycles popped labels (no
 * per-label objects); the per-call arrays are the result and k slots of state per node. Work is O(k · arcs).
 */
import type { WalkGraph } from './graph.ts';
import { maxArcSeconds } from './graph.ts';
import type { Source } from './sources.ts';
import { UNREACHABLE, toCutoff, toSourceArrays } from './sources.ts';
import { invalidField } from '../shared/errors.ts';

/** Largest k accepted: the per-node state is k slots, and the search does k times the work. */
export const MAX_K = 16;

export interface KNearestResult {
  k: number;
  /**
   * Row-major, nodeCount × k: times[v·k + j] is the seconds from node v to its (j+1)-th nearest
   * distinct source, non-decreasing in j, UNREACHABLE where fewer than j+1 sources are within the cutoff.
   */
  times: Uint32Array;
}

/** Times to the k nearest distinct sources (sources are distinct by index, even on the same node). */
export function kNearest(
  graph: WalkGraph,
  sources: readonly Source[] | Uint32Array,
  k: number,
  cutoffSeconds?: number,
): KNearestResult {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw invalidField(
      'k',
      `k 必须是 1 到 ${MAX_K} 之间的整数，实际为 ${k}`,
      `k must be an integer from 1 to ${MAX_K}, got ${k}`,
    );
  }
  const n = graph.nodeCount;
  const src = toSourceArrays(sources, n);
  const cutoff = toCutoff(cutoffSeconds);
  const times = new Uint32Array(n * k).fill(UNREACHABLE);
  const kept = new Int32Array(n * k);
  const keptCount = new Uint8Array(n);

  let ring = 1;
  while (ring < Math.max(maxArcSeconds(graph), src.maxOffset - src.minOffset) + 1) ring *= 2;
  const mask = ring - 1;
  const heads = new Int32Array(ring).fill(-1);
  let cap = Math.max(1024, src.nodes.length * 2);
  let lNode = new Uint32Array(cap);
  let lSrc = new Int32Array(cap);
  let lNext = new Int32Array(cap);
  let used = 0;
  let free = -1;
  let queued = 0;

  const hasSource = (v: number, s: number): boolean => {
    const base = v * k;
    const c = keptCount[v]!;
    for (let j = 0; j < c; j++) if (kept[base + j] === s) return true;
    return false;
  };
  const push = (v: number, s: number, key: number): void => {
    let id = free;
    if (id >= 0) free = lNext[id]!;
    else {
      if (used === cap) {
        cap *= 2;
        const nn = new Uint32Array(cap);
        nn.set(lNode);
        lNode = nn;
        const ns = new Int32Array(cap);
        ns.set(lSrc);
        lSrc = ns;
        const nx = new Int32Array(cap);
        nx.set(lNext);
        lNext = nx;
      }
      id = used++;
    }
    lNode[id] = v;
    lSrc[id] = s;
    const b = key & mask;
    lNext[id] = heads[b]!;
    heads[b] = id;
    queued++;
  };

  for (let i = 0; i < src.nodes.length; i++) {
    if (src.offsets[i]! <= cutoff) push(src.nodes[i]!, i, src.offsets[i]!);
  }
  const { offsets, targets, costs } = graph;
  let key = src.minOffset;
  while (queued > 0) {
    let id = heads[key & mask]!;
    while (id < 0) {
      key++;
      id = heads[key & mask]!;
    }
    heads[key & mask] = lNext[id]!;
    queued--;
    const u = lNode[id]!;
    const s = lSrc[id]!;
    lNext[id] = free;
    free = id;
    const c = keptCount[u]!;
    if (c >= k || hasSource(u, s)) continue;
    times[u * k + c] = key;
    kept[u * k + c] = s;
    keptCount[u] = c + 1;
    for (let a = offsets[u]!, end = offsets[u + 1]!; a < end; a++) {
      const nd = key + costs[a]!;
      if (nd > cutoff) continue;
      const v = targets[a]!;
      if (keptCount[v]! < k && !hasSource(v, s)) push(v, s, nd);
    }
  }
  return { k, times };
}
