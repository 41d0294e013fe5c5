/**
 * Incremental walking times over the network for facilities added to a scenario: the baseline keeps
 * each node's time to its nearest facility (the multi-source search of network-reach.ts, within the
 * cutoff); an added facility, snapped like the others to both ends of its nearest edge, runs one
 * bounded search from each end (budget: the cutoff less the end's offset) and lowers the times it
 * reaches; each residential point then reads its time from its edge's two ends as before.
 *
 * Contract: after any additions, `reachSeconds()` equals networkReachSeconds over the baseline's
 * facilities and the added ones, exactly (integer seconds on the nodes; the same point snapping);
 * test/unit/scenarios/incremental-network.test.ts checks it. Removals are not incremental here: a
 * scenario that removes a facility is recomputed in full.
 */
import type { WalkGraph } from '../access/graph.ts';
import type { IsochroneWorkspace } from '../access/isochrone.ts';
import { createIsochroneWorkspace, searchWithin } from '../access/isochrone.ts';
import { UNREACHABLE, nearestSources } from '../access/nearest.ts';
import type { EdgeIndex, Snap } from '../osm/snap.ts';
import { snapPoint, snapSources } from '../osm/snap.ts';

export class IncrementalNetworkReach {
  /** Seconds from each node to its nearest facility, UNREACHABLE beyond the cutoff. */
  readonly times: Uint32Array;
  private readonly snaps: Snap[];
  private ws: IsochroneWorkspace | null = null;

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
      this.snaps = from.snaps;
      return;
    }
    this.snaps = points.map(([x, y]) => snapPoint(index, x, y, speedMps));
    if (facilities.length === 0 || graph.nodeCount === 0) {
      this.times = new Uint32Array(graph.nodeCount).fill(UNREACHABLE);
      return;
    }
    const { sources } = snapSources(graph, facilities, speedMps, index);
    this.times = nearestSources(graph, sources, { cutoffSeconds }).times.slice();
  }

  /** An independent copy for a scenario (the node times copied, the point snaps shared). */
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

  /** Adds a facility at projected metres (x, y); returns the number of nodes whose time dropped. */
  add(facility: readonly [number, number]): number {
    if (this.graph.nodeCount === 0) return 0;
    this.ws ??= createIsochroneWorkspace(this.graph);
    const { sources } = snapSources(this.graph, [facility], this.speedMps, this.index);
    let lowered = 0;
    for (const s of sources) {
      const offset = s.offsetSeconds ?? 0;
      if (offset > this.cutoffSeconds) continue;
      const count = searchWithin(this.ws, s.node, this.cutoffSeconds - offset);
      for (let i = 0; i < count; i++) {
        const v = this.ws.reached[i] as number;
        const t = offset + (this.ws.dist[v] as number);
        if (t < (this.times[v] as number)) {
          this.times[v] = t;
          lowered++;
        }
      }
    }
    return lowered;
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
