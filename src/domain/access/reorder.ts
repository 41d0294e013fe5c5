/**
 * Renumbers the nodes of a graph along a Hilbert curve, for memory locality.
 *
 * Why: a search touches the neighbours of each node it settles. With ids in raw order (OSM ids, or a
 * shuffle) neighbours sit anywhere in the arrays and almost every access misses the cache; along a
 * Hilbert curve, nodes near in space get near ids, so the ~1,000 nodes of a 15-minute walk share a
 * few hundred cache lines. Results computed on the reordered graph map back through the permutation.
 */
import type { WalkGraph } from './graph.ts';

export interface Reordered {
  graph: WalkGraph;
  /** oldToNew[oldId] = id of that node in the new graph. */
  oldToNew: Uint32Array;
  /** newToOld[newId] = id of that node in the original graph. */
  newToOld: Uint32Array;
}

/**
 * Index of cell (x, y) along the Hilbert curve filling a 2^order × 2^order grid (the classic
 * rotate-and-flip loop); 0 ≤ x, y < 2^order, result < 4^order.
 */
export function hilbertIndex(order: number, x: number, y: number): number {
  // s is a power of two up to 2^15: s·s·3 < 2^32 and the sum (< 4^order) is exact in a double.
  let d = 0;
  for (let s = 1 << (order - 1); s > 0; s >>= 1) {
    const rx = (x & s) !== 0 ? 1 : 0;
    const ry = (y & s) !== 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** Node order along the Hilbert curve over the bounding box (ties by old id): newToOld. */
export function hilbertOrder(x: Float64Array, y: Float64Array): Uint32Array {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i]! < minX) minX = x[i]!;
    if (x[i]! > maxX) maxX = x[i]!;
    if (y[i]! < minY) minY = y[i]!;
    if (y[i]! > maxY) maxY = y[i]!;
  }
  // Sort keys are curve index · n + old id, exact in a double while below 2^53: the curve gets the
  // bits the id does not need (16 per axis for up to 2^21 nodes, enough for metre-scale cells).
  const idBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const order = Math.max(1, Math.min(16, Math.floor((53 - idBits) / 2)));
  const side = 2 ** order;
  const sx = maxX > minX ? (side - 1) / (maxX - minX) : 0;
  const sy = maxY > minY ? (side - 1) / (maxY - minY) : 0;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((x[i]! - minX) * sx);
    const cy = Math.floor((y[i]! - minY) * sy);
    keys[i] = hilbertIndex(order, cx, cy) * n + i;
  }
  keys.sort();
  const newToOld = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    newToOld[i] = k - Math.floor(k / n) * n;
  }
  return newToOld;
}

/** The graph renumbered by `newToOld` (any permutation), arcs of each node kept in their order. */
export function permuteGraph(graph: WalkGraph, newToOld: Uint32Array): Reordered {
  const n = graph.nodeCount;
  const oldToNew = new Uint32Array(n);
  for (let i = 0; i < n; i++) oldToNew[newToOld[i]!] = i;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const offsets = new Uint32Array(n + 1);
  const targets = new Uint32Array(graph.targets.length);
  const costs = new Uint32Array(graph.costs.length);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const o = newToOld[i]!;
    x[i] = graph.x[o]!;
    y[i] = graph.y[o]!;
    for (let a = graph.offsets[o]!, end = graph.offsets[o + 1]!; a < end; a++) {
      targets[p] = oldToNew[graph.targets[a]!]!;
      costs[p] = graph.costs[a]!;
      p++;
    }
    offsets[i + 1] = p;
  }
  return { graph: { nodeCount: n, x, y, offsets, targets, costs }, oldToNew, newToOld };
}

/** Reorders the graph's nodes along a Hilbert curve of their coordinates. */
export function reorderForLocality(graph: WalkGraph): Reordered {
  return permuteGraph(graph, hilbertOrder(graph.x, graph.y));
}
