/**
 * Incremental walking times over the network for facilities added to and removed from a scenario.
 * The baseline keeps, per node, the time to its nearest facility (the multi-source search of
 * network-reach.ts, within the cutoff) and that facility's slot (its label):
 *
 * - an added facility, snapped like the others to both ends of its nearest edge, runs one bounded
 *   search from each end (budget: the cutoff less the end's offset) and lowers the times it reaches,
 *   taking their labels;
 * - a removed facility invalidates exactly the nodes labelled with it (every other node's time is
 *   reached from a facility that stays, so it cannot change); a bounded multi-source search then
 *   refills only that region, seeded from its boundary (each valid neighbour's time plus the arc) and
 *   from the live facilities snapped inside it.
 *
 * Each residential point then reads its time from its edge's two ends as before.
 *
 * Contract: after any sequence of additions and removals, `reachSeconds()` equals
 * networkReachSeconds over the live facilities, exactly (integer seconds on the nodes; the same
 * point snapping); test/unit/scenarios/incremental-network.test.ts checks it on random sequences.
 * Why the labels need no tie rule: any facility that reaches a node in its time is a correct label,
 * since removing another facility leaves that time as it is. Why the boundary seeding is enough: the
 * graph stores each edge as two arcs of equal cost (graph.ts), so a neighbour's time plus the arc is a
 * path into the region, and the shortest path to a region node enters it either from a node outside
 * (whose time is already final) or at a facility inside.
 */
import type { WalkGraph } from '../access/graph.ts';
import type { IsochroneWorkspace } from '../access/isochrone.ts';
import { createIsochroneWorkspace, searchWithin } from '../access/isochrone.ts';
import { UNREACHABLE, nearestSources } from '../access/nearest.ts';
import type { EdgeIndex, Snap } from '../osm/snap.ts';
import { snapPoint, snapSources } from '../osm/snap.ts';
import { MaxHeap } from '../siting/max-heap.ts';

export class IncrementalNetworkReach {
  /** Seconds from each node to its nearest facility, UNREACHABLE beyond the cutoff. */
  readonly times: Uint32Array;
  /** Slot of a facility that reaches each node in its time, −1 when none within the cutoff. */
  readonly labels: Int32Array;
  private readonly snaps: Snap[];
  /** Per facility slot: the nodes and offsets (seconds) of its two sources, and whether it is live. */
  private readonly sourceNodes: number[];
  private readonly sourceOffsets: number[];
  private readonly live: boolean[];
  private ws: IsochroneWorkspace | null = null;
  /** Marks the invalidated region during a removal (all 0 between calls). */
  private inRegion: Uint8Array | null = null;

  constructor(
    private readonly graph: WalkGraph,
    private readonly index: EdgeIndex,
    facilities: readonly (readonly [number, number])[],
    points: readonly (readonly [number, number])[],
    private readonly speedMps: number,
    private readonly cutoffSeconds: number,
    from?: IncrementalNetworkReach,
  ) {
    if (from) {
      this.times = from.times.slice();
      this.labels = from.labels.slice();
      this.snaps = from.snaps;
      this.sourceNodes = from.sourceNodes.slice();
      this.sourceOffsets = from.sourceOffsets.slice();
      this.live = from.live.slice();
      return;
    }
    this.snaps = points.map(([x, y]) => snapPoint(index, x, y, speedMps));
    this.sourceNodes = [];
    this.sourceOffsets = [];
    this.live = facilities.map(() => true);
    if (facilities.length === 0 || graph.nodeCount === 0) {
      this.times = new Uint32Array(graph.nodeCount).fill(UNREACHABLE);
      this.labels = new Int32Array(graph.nodeCount).fill(-1);
      this.live.fill(false);
      return;
    }
    const { sources } = snapSources(graph, facilities, speedMps, index);
    for (const s of sources) {
      this.sourceNodes.push(s.node);
      this.sourceOffsets.push(s.offsetSeconds ?? 0);
    }
    const r = nearestSources(graph, sources, { cutoffSeconds });
    this.times = r.times.slice();
    // Sources 2i and 2i + 1 are facility i's (snapSources).
    this.labels = Int32Array.from(r.source, (s) => (s < 0 ? -1 : s >> 1));
  }

  /** An independent copy for a scenario (node times and labels copied, the point snaps shared). */
  copy(): IncrementalNetworkReach {
    return new IncrementalNetworkReach(
      this.graph,
      this.index,
      [],
      [],
      this.speedMps,
      this.cutoffSeconds,
      this,
    );
  }

  /** Number of facility slots so far (the baseline's are 0…n−1, in the order given; added ones follow). */
  get slotCount(): number {
    return this.live.length;
  }

  /**
   * Adds a facility at projected metres (x, y); returns its slot and the number of nodes whose time
   * dropped.
   */
  add(facility: readonly [number, number]): { slot: number; lowered: number } {
    const slot = this.live.length;
    this.live.push(true);
    if (this.graph.nodeCount === 0) {
      this.sourceNodes.push(0, 0);
      this.sourceOffsets.push(UNREACHABLE, UNREACHABLE);
      return { slot, lowered: 0 };
    }
    this.ws ??= createIsochroneWorkspace(this.graph);
    const { sources } = snapSources(this.graph, [facility], this.speedMps, this.index);
    let lowered = 0;
    for (const s of sources) {
      const offset = s.offsetSeconds ?? 0;
      this.sourceNodes.push(s.node);
      this.sourceOffsets.push(offset);
      if (offset > this.cutoffSeconds) continue;
      const count = searchWithin(this.ws, s.node, this.cutoffSeconds - offset);
      for (let i = 0; i < count; i++) {
        const v = this.ws.reached[i] as number;
        const t = offset + (this.ws.dist[v] as number);
        if (t < (this.times[v] as number)) {
          this.times[v] = t;
          this.labels[v] = slot;
          lowered++;
        }
      }
    }
    return { slot, lowered };
  }

  /**
   * Removes the facility in `slot` (a no-op when it is not live); returns the number of nodes it
   * labelled, the region searched again.
   */
  remove(slot: number): number {
    if (!this.live[slot]) return 0;
    this.live[slot] = false;
    const n = this.graph.nodeCount;
    const { offsets, targets, costs } = this.graph;
    const NONE = UNREACHABLE;
    const cutoff = this.cutoffSeconds;
    const times = this.times;
    const labels = this.labels;
    // The region: the nodes this facility labelled. A scan of the labels (about a millisecond on a
    // million nodes) rather than a walk from its sources: with ties, a labelled node need not be
    // connected to the facility through nodes with its label.
    const region: number[] = [];
    let arcs = 0;
    for (let v = 0; v < n; v++) {
      if (labels[v] === slot) {
        region.push(v);
        arcs += (offsets[v + 1] as number) - (offsets[v] as number);
      }
    }
    if (region.length === 0) return 0;
    this.inRegion ??= new Uint8Array(n);
    const inRegion = this.inRegion;
    for (const v of region) {
      inRegion[v] = 1;
      times[v] = NONE;
      labels[v] = -1;
    }
    // A min-queue as a max-heap of negated times; every push is a seed or a relaxation of an arc into
    // the region, which bounds its size.
    const heap = new MaxHeap(region.length + arcs + this.sourceNodes.length);
    const offer = (v: number, t: number, label: number) => {
      if (t <= cutoff && t < (times[v] as number)) {
        times[v] = t;
        labels[v] = label;
        heap.push(-t, v);
      }
    };
    // Seeds: the boundary (valid neighbours outside the region, arcs symmetric) …
    for (const v of region) {
      for (let a = offsets[v] as number; a < (offsets[v + 1] as number); a++) {
        const w = targets[a] as number;
        if (inRegion[w] || times[w] === NONE) continue;
        offer(v, (times[w] as number) + (costs[a] as number), labels[w] as number);
      }
    }
    // … and the live facilities snapped to a node inside it.
    for (let k = 0; k < this.sourceNodes.length; k++) {
      const node = this.sourceNodes[k] as number;
      if (inRegion[node] && this.live[k >> 1]) offer(node, this.sourceOffsets[k] as number, k >> 1);
    }
    while (heap.size > 0) {
      const t = -heap.topKey();
      const u = heap.pop();
      if (t !== times[u]) continue; // stale entry
      const label = labels[u] as number;
      for (let a = offsets[u] as number; a < (offsets[u + 1] as number); a++) {
        const w = targets[a] as number;
        if (inRegion[w]) offer(w, t + (costs[a] as number), label);
      }
    }
    for (const v of region) inRegion[v] = 0;
    return region.length;
  }

  /** Seconds from each point to its nearest facility (Infinity when none within the cutoff), as networkReachSeconds. */
  reachSeconds(): Float64Array {
    const out = new Float64Array(this.snaps.length);
    this.snaps.forEach((s, i) => {
      const viaU = this.times[s.u] === UNREACHABLE ? Infinity : (this.times[s.u] as number) + s.secondsToU;
      const viaV = this.times[s.v] === UNREACHABLE ? Infinity : (this.times[s.v] as number) + s.secondsToV;
      out[i] = Math.min(viaU, viaV) + s.snapSeconds;
    });
    return out;
  }
}
