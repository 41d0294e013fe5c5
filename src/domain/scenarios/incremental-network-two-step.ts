/**
 * Incremental 2SFCA/E2SFCA over the walking network for scenarios (issue 4 §2), as networkTwoStep
 * (access/network-two-step.ts) computes it, with catchments found by one bounded search per facility;
 * what is recomputed after a change, and why the result is exact, is in incremental-catchments.ts.
 *
 * Contract: after any additions, removals, resizes and demand changes, `accessibility` equals
 * networkTwoStep over the live facilities (in slot order) and the current demand, exactly. Why
 * exactly: a catchment is kept in the order its search reached the points (the search is
 * deterministic), its demand is summed per zone in that order and weighted once, and a point's
 * accessibility is summed over its facilities in slot order, each adding weight × ratio, as the full
 * computation does. test/unit/scenarios/incremental-network-two-step.test.ts checks it.
 */
import type { WalkGraph } from '../access/graph.ts';
import type { IsochroneWorkspace } from '../access/isochrone.ts';
import { createIsochroneWorkspace, searchWithin } from '../access/isochrone.ts';
import { zoneTable } from '../access/network-two-step.ts';
import type { Source } from '../access/sources.ts';
import type { DecayZone } from '../access/two-step.ts';
import type { Catchment, CatchmentFinder } from './incremental-catchments.ts';
import { IncrementalCatchments } from './incremental-catchments.ts';

/** Demand points on the network: each one's node and seconds from the node to the point. */
type NetworkPoints = { nodes: Uint32Array; offsets: Uint32Array };

interface ZonedCatchment extends Catchment {
  /** Each point's zone (its weight is the zone's). */
  zones: Int16Array;
}

/** Catchments within walking reach: one bounded search per facility. */
class NetworkCatchments implements CatchmentFinder<Source, ZonedCatchment> {
  readonly pointCount: number;
  private readonly zoneOf: Int16Array;
  private readonly reach: number;
  private readonly weights: Float64Array;
  /** Points grouped by node, as networkTwoStep groups them (a CSR over nodes, points in index order). */
  private readonly start: Uint32Array;
  private readonly pointsOf: Uint32Array;
  /** Reused by every search; a search leaves nothing behind that changes the next one's result. */
  private ws: IsochroneWorkspace | null = null;

  constructor(
    readonly graph: WalkGraph,
    readonly points: NetworkPoints,
    zones: readonly DecayZone[],
  ) {
    this.pointCount = points.nodes.length;
    ({ zoneOf: this.zoneOf, reach: this.reach } = zoneTable(zones));
    this.weights = Float64Array.from(zones, (z) => z.weight);
    const n = graph.nodeCount;
    this.start = new Uint32Array(n + 1);
    for (const v of points.nodes) this.start[v + 1]!++;
    for (let v = 0; v < n; v++) this.start[v + 1]! += this.start[v]!;
    const fill = this.start.slice(0, n);
    this.pointsOf = new Uint32Array(points.nodes.length);
    points.nodes.forEach((v, i) => {
      this.pointsOf[fill[v]!++] = i;
    });
  }

  /** The points within a facility's catchment, in the order its search reaches them, with their zones. */
  catchmentOf(f: Source): ZonedCatchment {
    const { zoneOf, reach, start, pointsOf } = this;
    const off = f.offsetSeconds ?? 0;
    const pts: number[] = [];
    const zs: number[] = [];
    if (off <= reach && reach >= 0 && this.graph.nodeCount > 0 && this.pointCount > 0) {
      this.ws ??= createIsochroneWorkspace(this.graph);
      const count = searchWithin(this.ws, f.node, reach - off);
      for (let k = 0; k < count; k++) {
        const v = this.ws.reached[k] as number;
        const t = off + (this.ws.dist[v] as number);
        for (let p = start[v] as number; p < (start[v + 1] as number); p++) {
          const i = pointsOf[p] as number;
          const d = t + (this.points.offsets[i] as number);
          if (d > reach) continue;
          const z = zoneOf[d] as number;
          if (z < 0) continue;
          pts.push(i);
          zs.push(z);
        }
      }
    }
    return {
      points: Int32Array.from(pts),
      weights: Float64Array.from(zs, (z) => this.weights[z] as number),
      zones: Int16Array.from(zs),
    };
  }

  /** Σ weight × zone demand, the zone demands summed in the catchment's order (as networkTwoStep). */
  weightedDemandOf(c: ZonedCatchment, demand: Float64Array): number {
    const { weights } = this;
    const zoneDemand = new Float64Array(weights.length);
    for (let k = 0; k < c.points.length; k++)
      zoneDemand[c.zones[k] as number] =
        (zoneDemand[c.zones[k] as number] as number) + (demand[c.points[k] as number] as number);
    let weighted = 0;
    for (let z = 0; z < weights.length; z++) weighted += (weights[z] as number) * (zoneDemand[z] as number);
    return weighted;
  }
}

export class IncrementalNetworkTwoStep extends IncrementalCatchments<
  Source,
  ZonedCatchment,
  NetworkCatchments
> {
  /** The baseline; given `from`, an independent copy of it (the graph's tables shared). */
  constructor(
    graph: WalkGraph,
    points: NetworkPoints,
    demand: ArrayLike<number>,
    facilities: readonly Source[],
    supply: ArrayLike<number>,
    zones: readonly DecayZone[],
    from?: IncrementalNetworkTwoStep,
  ) {
    super(from?.finder ?? new NetworkCatchments(graph, points, zones), demand, facilities, supply, from);
  }

  /** An independent copy for a scenario. */
  copy(): IncrementalNetworkTwoStep {
    return new IncrementalNetworkTwoStep(this.finder.graph, this.finder.points, [], [], [], [], this);
  }
}
