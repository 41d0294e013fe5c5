/**
 * Incremental 2SFCA/E2SFCA over the walking network for scenarios (issue 4 §2), as networkTwoStep
 * (access/network-two-step.ts) computes it: the same reasoning as incremental-two-step.ts (a facility's
 * ratio depends on its own supply and catchment; a point's accessibility on the ratios of the
 * facilities whose catchment holds it), with catchments found by one bounded search per facility.
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

interface Catchment {
  points: Int32Array;
  zones: Int16Array;
  /** Weighted demand (Σ over zones of weight × the zone's demand). */
  weighted: number;
}

export class IncrementalNetworkTwoStep {
  /** Supply per person within reach, per point. */
  readonly accessibility: Float64Array;
  private readonly demand: Float64Array;
  private readonly catchments: Catchment[];
  private readonly supply: number[];
  private readonly ratios: number[];
  private readonly live: boolean[];
  /** Per point, the (slot, zone) of the baseline's facilities holding it (shared by copies). */
  private readonly baseOf: Array<Array<[number, number]>>;
  private readonly addedOf: Map<number, Array<[number, number]>>;
  /** Read-only after construction, shared by copies. */
  private readonly table: {
    zoneOf: Int16Array;
    reach: number;
    weights: Float64Array;
    start: Uint32Array;
    pointsOf: Uint32Array;
  };
  private ws: IsochroneWorkspace | null = null;

  constructor(
    private readonly graph: WalkGraph,
    private readonly points: { nodes: Uint32Array; offsets: Uint32Array },
    demand: ArrayLike<number>,
    facilities: readonly Source[],
    supply: ArrayLike<number>,
    zones: readonly DecayZone[],
    from?: IncrementalNetworkTwoStep,
  ) {
    if (from) {
      this.accessibility = from.accessibility.slice();
      this.demand = from.demand.slice();
      this.catchments = from.catchments.slice();
      this.supply = from.supply.slice();
      this.ratios = from.ratios.slice();
      this.live = from.live.slice();
      this.baseOf = from.baseOf;
      this.addedOf = new Map([...from.addedOf].map(([i, l]) => [i, l.slice()]));
      this.table = from.table;
      return;
    }
    const { zoneOf, reach } = zoneTable(zones);
    const weights = Float64Array.from(zones, (z) => z.weight);
    // Points grouped by node, as networkTwoStep groups them (a CSR over nodes, points in index order).
    const n = graph.nodeCount;
    const start = new Uint32Array(n + 1);
    for (const v of points.nodes) start[v + 1]!++;
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, n);
    const pointsOf = new Uint32Array(points.nodes.length);
    points.nodes.forEach((v, i) => {
      pointsOf[fill[v]!++] = i;
    });
    this.table = { zoneOf, reach, weights, start, pointsOf };
    this.demand = Float64Array.from(demand);
    this.catchments = [];
    this.supply = [];
    this.ratios = [];
    this.live = [];
    this.baseOf = Array.from({ length: points.nodes.length }, () => []);
    this.addedOf = new Map();
    this.accessibility = new Float64Array(points.nodes.length);
    facilities.forEach((f, j) => {
      const c = this.catchmentOf(f);
      this.catchments.push(c);
      this.supply.push(supply[j] as number);
      this.live.push(true);
      this.ratios.push(this.ratioOf(j));
      c.points.forEach((i, k) => (this.baseOf[i] as Array<[number, number]>).push([j, c.zones[k] as number]));
    });
    for (let i = 0; i < this.accessibility.length; i++) this.refresh(i);
  }

  /** An independent copy for a scenario. */
  copy(): IncrementalNetworkTwoStep {
    return new IncrementalNetworkTwoStep(this.graph, this.points, [], [], [], [], this);
  }

  /** The points within a facility's catchment, in the order its search reaches them, with their zones. */
  private catchmentOf(f: Source): Catchment {
    const { zoneOf, reach, start, pointsOf } = this.table;
    const off = f.offsetSeconds ?? 0;
    const pts: number[] = [];
    const zs: number[] = [];
    if (off <= reach && reach >= 0 && this.graph.nodeCount > 0 && this.points.nodes.length > 0) {
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
    const c: Catchment = { points: Int32Array.from(pts), zones: Int16Array.from(zs), weighted: 0 };
    c.weighted = this.weightedOf(c);
    return c;
  }

  /** Σ weight × zone demand, the zone demands summed in the catchment's order (as networkTwoStep). */
  private weightedOf(c: Catchment): number {
    const { weights } = this.table;
    const zoneDemand = new Float64Array(weights.length);
    for (let k = 0; k < c.points.length; k++)
      zoneDemand[c.zones[k] as number] =
        (zoneDemand[c.zones[k] as number] as number) + (this.demand[c.points[k] as number] as number);
    let weighted = 0;
    for (let z = 0; z < weights.length; z++) weighted += (weights[z] as number) * (zoneDemand[z] as number);
    return weighted;
  }

  private ratioOf(j: number): number {
    const w = (this.catchments[j] as Catchment).weighted;
    return w > 0 ? (this.supply[j] as number) / w : 0;
  }

  /** A point's accessibility summed again over its live facilities in slot order. */
  private refresh(i: number): void {
    const { weights } = this.table;
    let a = 0;
    for (const [j, z] of this.baseOf[i] as Array<[number, number]>)
      if (this.live[j] && this.ratios[j] !== 0) a += (weights[z] as number) * (this.ratios[j] as number);
    for (const [j, z] of this.addedOf.get(i) ?? [])
      if (this.live[j] && this.ratios[j] !== 0) a += (weights[z] as number) * (this.ratios[j] as number);
    this.accessibility[i] = a;
  }

  private refreshCatchment(j: number): void {
    for (const i of (this.catchments[j] as Catchment).points) this.refresh(i);
  }

  /** Adds a facility (its node and offset on the network) with `supply`; returns its slot. */
  add(f: Source, supply: number): number {
    const slot = this.catchments.length;
    const c = this.catchmentOf(f);
    this.catchments.push(c);
    this.supply.push(supply);
    this.live.push(true);
    this.ratios.push(this.ratioOf(slot));
    c.points.forEach((i, k) => {
      const list = this.addedOf.get(i);
      if (list) list.push([slot, c.zones[k] as number]);
      else this.addedOf.set(i, [[slot, c.zones[k] as number]]);
    });
    this.refreshCatchment(slot);
    return slot;
  }

  /** Removes the facility in `slot` (no-op when it is not live). */
  remove(slot: number): void {
    if (!this.live[slot]) return;
    this.live[slot] = false;
    this.refreshCatchment(slot);
  }

  /** Changes the supply of the facility in `slot`. */
  resize(slot: number, supply: number): void {
    if (!this.live[slot]) return;
    this.supply[slot] = supply;
    this.ratios[slot] = this.ratioOf(slot);
    this.refreshCatchment(slot);
  }

  /** Changes the demand of some points (e.g. a projected district's). */
  setDemand(changes: ReadonlyMap<number, number>): void {
    const facilities = new Set<number>();
    for (const [i, d] of changes) {
      this.demand[i] = d;
      for (const [j] of this.baseOf[i] as Array<[number, number]>) facilities.add(j);
      for (const [j] of this.addedOf.get(i) ?? []) facilities.add(j);
    }
    const touched = new Set<number>();
    for (const j of facilities) {
      const c = this.catchments[j] as Catchment;
      // A new object: copies share the catchments.
      this.catchments[j] = { ...c, weighted: this.weightedOf(c) };
      this.ratios[j] = this.ratioOf(j);
      if (this.live[j]) for (const i of c.points) touched.add(i);
    }
    for (const i of touched) this.refresh(i);
  }
}
