/**
 * Walking time from every node to its nearest source, by multi-source searches that share labels.
 *
 * Why not one search per facility: seeding a search with many facilities at once (each at its
 * snapping offset) labels each node with its nearest facility in O(nodes + arcs), where one search
 * per facility would cost that per facility (issue 3 §3). With a cutoff the search stops at the
 * cutoff, so a 15-minute coverage touches only nodes within 15 minutes of some facility.
 *
 * Why in batches rather than all at once: on a million-node city one search from all 5,000
 * facilities advances 5,000 wavefronts together, and each step touches nodes all over the arrays
 * (cache misses; measured about 3× slower). Instead the sources go in batches of BATCH neighbours (by
 * node id, which follows the Hilbert curve on a reordered graph), one multi-source search per batch,
 * and the labels are not cleared between batches: a later batch goes on only where it does better
 * than the labels already there. The answer is the same (a label is the best (seconds, source) pair
 * over all paths; an earlier label only prunes paths that cannot win; a unit test checks it against
 * one search per source), the work is ~1.2× the arcs of a single search, and each batch stays within
 * a small part of the arrays: ~100 ms on the 1,000,000-node bench network.
 *
 * Tie rule: when two sources reach a node in the same time, the one with the lower index in `sources`
 * wins. Labels are compared as (seconds, source index) pairs, which makes the result independent of
 * queue order (and equal to "lowest index among the nearest" by brute force).
 */
import type { WalkGraph } from './graph.ts';
import { maxArcSeconds } from './graph.ts';
import type { Source } from './sources.ts';
import { UNREACHABLE, toCutoff, toSourceArrays } from './sources.ts';

export { UNREACHABLE } from './sources.ts';

/** Sources per batch (see above): measured 64 ≈ 256 < 16 < 4 < 1 on the 1,000,000-node bench network. */
const BATCH = 64;
export type { Source } from './sources.ts';

/** Reusable state of the searches on one graph: build once, pass to every call, never share between threads. */
export interface SearchWorkspace {
  readonly graph: WalkGraph;
  readonly maxArcSeconds: number;
  /**
   * The bucket queue: `ring` buckets, bucket b holding nodes at bucket[b·cap .. b·cap + bucketLength[b]).
   * Contiguous buckets rather than the linked entry pool of the isochrone search: a city-wide search pops a
   * million entries, and reading a bucket in order is ~20% faster than chasing links across a pool
   * of megabytes (measured on the 1,000,000-node bench network).
   */
  bucket: Uint32Array;
  bucketLength: Int32Array;
  bucketCap: number;
}

export function createSearchWorkspace(graph: WalkGraph): SearchWorkspace {
  return {
    graph,
    maxArcSeconds: maxArcSeconds(graph),
    bucket: new Uint32Array(0),
    bucketLength: new Int32Array(0),
    bucketCap: 0,
  };
}

export interface NearestOptions {
  /** Stop at this many seconds; nodes farther from every source are UNREACHABLE. */
  cutoffSeconds?: number;
  workspace?: SearchWorkspace;
  /**
   * Output arrays to fill (length nodeCount) instead of allocating new ones: a caller that runs many
   * searches (one per facility type) reuses them, which saves clearing fresh memory on every call.
   */
  into?: { times: Uint32Array; source: Int32Array };
}

export interface NearestResult {
  /** Seconds from each node to its nearest source, UNREACHABLE if none within the cutoff. */
  times: Uint32Array;
  /** Index (into `sources`) of each node's nearest source, -1 if unreachable. */
  source: Int32Array;
  /** Arcs examined by the search (for ns-per-arc measurements). */
  scannedArcs: number;
}

/** Time to the nearest source from every node, and which source it is; one search for all sources. */
export function nearestSources(
  graph: WalkGraph,
  sources: readonly Source[] | Uint32Array,
  options: NearestOptions = {},
): NearestResult {
  const n = graph.nodeCount;
  const src = toSourceArrays(sources, n);
  const cutoff = toCutoff(options.cutoffSeconds);
  const ws =
    options.workspace && options.workspace.graph === graph ? options.workspace : createSearchWorkspace(graph);
  // A local copy: under tsx an imported constant is read through a getter (slow in the hot loop).
  const NONE = UNREACHABLE;
  let times: Uint32Array;
  let source: Int32Array;
  if (options.into && options.into.times.length === n && options.into.source.length === n) {
    times = options.into.times.fill(NONE);
    source = options.into.source.fill(-1);
  } else {
    times = new Uint32Array(n).fill(NONE);
    source = new Int32Array(n).fill(-1);
  }

  // A monotone bucket queue (Dial) with lazy deletion, inlined so its arrays stay in locals. Keys in
  // the queue span at most the longest arc, or the spread of offsets at the start, so a ring of
  // span + 1 buckets (a power of two) holds them; every entry of the bucket being scanned has its key.
  const span = Math.max(ws.maxArcSeconds, src.maxOffset - src.minOffset);
  let ring = 1;
  while (ring < span + 1) ring *= 2;
  const mask = ring - 1;
  if (ws.bucketLength.length < ring || ws.bucketCap === 0) {
    ws.bucketLength = new Int32Array(ring);
    ws.bucketCap = 256;
    ws.bucket = new Uint32Array(ring * ws.bucketCap);
  }
  const len = ws.bucketLength;
  len.fill(0);
  let bucket = ws.bucket;
  let cap = ws.bucketCap;
  // Sources in batches of nearby ones: ordered by node id (along the Hilbert curve once the graph
  // is reordered), BATCH at a time.
  const srcNodes = src.nodes;
  const srcOffsets = src.offsets;
  const count = srcNodes.length;
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((x, y) => srcNodes[x]! - srcNodes[y]! || x - y);
  const batchSize = BATCH;

  const { offsets, targets, costs } = graph;
  let scannedArcs = 0;
  for (let first = 0; first < count; first += batchSize) {
    const last = Math.min(count, first + batchSize);
    let queued = 0;
    let key = Infinity;
    for (let k = first; k < last; k++) {
      const i = order[k]!;
      const node = srcNodes[i]!;
      const t = srcOffsets[i]!;
      if (t > cutoff) continue;
      if (t < times[node]! || (t === times[node]! && i < source[node]!)) {
        times[node] = t;
        source[node] = i;
        const b = t & mask;
        if (len[b] === cap) {
          bucket = widen(bucket, len, ring, cap);
          cap *= 2;
        }
        bucket[b * cap + len[b]!++] = node;
        queued++;
        if (t < key) key = t;
      }
    }

    while (queued > 0) {
      const b = key & mask;
      // The bucket can grow while it is scanned (zero-cost arcs): its length is read on every step.
      for (let i = 0; i < len[b]!; i++) {
        const u = bucket[b * cap + i]!;
        queued--;
        const t = times[u]!;
        // A stale entry: the node was labelled again with a shorter time (lazy decrease-key).
        if (t !== key) continue;
        const s = source[u]!;
        const end = offsets[u + 1]!;
        const start = offsets[u]!;
        scannedArcs += end - start;
        for (let a = start; a < end; a++) {
          const nd = t + costs[a]!;
          if (nd > cutoff) continue;
          const v = targets[a]!;
          const tv = times[v]!;
          // Labels left by earlier batches prune this one: it goes on only where it does better.
          if (nd < tv || (nd === tv && s < source[v]!)) {
            // A node already popped can be improved only by a tie through a zero-cost arc; it is
            // pushed again into the current bucket and re-scanned, so the tie rule still holds.
            times[v] = nd;
            source[v] = s;
            const bv = nd & mask;
            if (len[bv] === cap) {
              bucket = widen(bucket, len, ring, cap);
              cap *= 2;
            }
            bucket[bv * cap + len[bv]!++] = v;
            queued++;
          }
        }
      }
      len[b] = 0;
      key++;
    }
  }
  ws.bucket = bucket;
  ws.bucketCap = cap;
  return { times, source, scannedArcs };
}

/** The buckets with twice the room each (not a closure: locals the hot loop reads stay in registers). */
function widen(bucket: Uint32Array, len: Int32Array, ring: number, cap: number): Uint32Array {
  const wider = new Uint32Array(ring * cap * 2);
  for (let b = 0; b < ring; b++) wider.set(bucket.subarray(b * cap, b * cap + len[b]!), b * cap * 2);
  return wider;
}
