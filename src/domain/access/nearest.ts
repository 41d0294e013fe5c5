/**
 * Walking time from every node to its nearest source, by one multi-source search for all sources.
 *
 * Why one search: seeding the queue with every facility at once (each at its snapping offset) and
 * running Dial's algorithm once labels each node with its nearest facility in O(nodes + arcs), where
 * one search per facility would cost that per facility (issue 3 §3). With a cutoff the search stops
 * at the cutoff, so a 15-minute coverage touches only nodes within 15 minutes of some facility.
 *
 * Tie rule: when two sources reach a node in the same time, the one with the lower index in `sources`
 * wins. Labels are compared as (seconds, source index) pairs, which makes the result independent of
 * queue order (and equal to "lowest index among the nearest" by brute force).
 */
import { BucketQueue } from './bucket-queue.ts';
import type { WalkGraph } from './graph.ts';
import { maxArcSeconds } from './graph.ts';
import type { Source } from './sources.ts';
import { UNREACHABLE, toCutoff, toSourceArrays } from './sources.ts';

export { UNREACHABLE } from './sources.ts';
export type { Source } from './sources.ts';

/** Reusable state of the searches on one graph: build once, pass to every call, never share between threads. */
export interface SearchWorkspace {
  readonly graph: WalkGraph;
  readonly maxArcSeconds: number;
  readonly queue: BucketQueue;
}

export function createSearchWorkspace(graph: WalkGraph): SearchWorkspace {
  return { graph, maxArcSeconds: maxArcSeconds(graph), queue: new BucketQueue(graph.nodeCount) };
}

export interface NearestOptions {
  /** Stop at this many seconds; nodes farther from every source are UNREACHABLE. */
  cutoffSeconds?: number;
  workspace?: SearchWorkspace;
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
  const ws = options.workspace ?? createSearchWorkspace(graph);
  const times = new Uint32Array(n).fill(UNREACHABLE);
  const source = new Int32Array(n).fill(-1);
  const q = ws.queue;
  // Keys in the queue span at most the longest arc, or the spread of offsets at the start.
  q.reset(Math.max(ws.maxArcSeconds, src.maxOffset - src.minOffset), src.minOffset);

  for (let i = 0; i < src.nodes.length; i++) {
    const node = src.nodes[i]!;
    const t = src.offsets[i]!;
    if (t > cutoff) continue;
    const old = times[node]!;
    // Sources are visited in index order, so only a strictly shorter offset replaces a label.
    if (t < old) {
      times[node] = t;
      source[node] = i;
      q.push(node, t);
    }
  }

  const { offsets, targets, costs } = graph;
  let scannedArcs = 0;
  for (let u = q.pop(); u >= 0; u = q.pop()) {
    const t = times[u]!;
    // A stale entry: the node was pushed again with a shorter time (lazy decrease-key).
    if (t !== q.current) continue;
    const s = source[u]!;
    const end = offsets[u + 1]!;
    const start = offsets[u]!;
    scannedArcs += end - start;
    for (let a = start; a < end; a++) {
      const nd = t + costs[a]!;
      if (nd > cutoff) continue;
      const v = targets[a]!;
      const tv = times[v]!;
      if (nd < tv || (nd === tv && s < source[v]!)) {
        // A node already popped can be improved only by a tie through a zero-cost arc; it is
        // pushed again into the current bucket and re-scanned, so the tie rule still holds.
        times[v] = nd;
        source[v] = s;
        q.push(v, nd);
      }
    }
  }
  return { times, source, scannedArcs };
}
