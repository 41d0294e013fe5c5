/**
 * Incremental 2SFCA/E2SFCA for scenarios (issue 4 §2), on straight-line catchments as
 * twoStepFloatingCatchment (access/two-step.ts) computes them. A facility's ratio (supply over the
 * weighted demand in its catchment) depends on its own supply and catchment only, and a point's
 * accessibility on the ratios of the facilities whose catchment holds it. So:
 *
 * - a facility added, removed or resized changes its own ratio and the accessibility of the points in
 *   its catchment, nothing else;
 * - a point's demand changed (a projected district) changes the ratios of the facilities whose
 *   catchment holds it, and the accessibility of the points in those catchments.
 *
 * The state keeps each facility's catchment (points and weights), ratio and weighted demand, and each
 * point's facilities; a change recomputes only what it touches. Contract: after any changes,
 * `accessibility` equals twoStepFloatingCatchment over the live facilities (in slot order) and the
 * current demand, exactly. Why exactly: every recomputed sum is taken again over the same terms in the
 * same order as the full computation (a point's facilities in slot order, a catchment's points in the
 * order the grid yields them), never by adding and subtracting deltas.
 * test/unit/scenarios/incremental-two-step.test.ts checks it on random sequences of changes.
 */
import type { XY } from '../access/straight-line.ts';
import type { DecayZone } from '../access/two-step.ts';

/** A catchment: its points (ascending in the grid's order) and their weights. */
interface Catchment {
  points: Int32Array;
  weights: Float64Array;
}

function weightAt(zones: readonly DecayZone[], d: number): number {
  for (const z of zones) if (d <= z.upTo) return z.weight;
  return 0;
}

export class IncrementalTwoStep {
  /** Supply per person within reach, per point. */
  readonly accessibility: Float64Array;
  private readonly demand: Float64Array;
  private readonly catchments: Catchment[];
  private readonly supply: number[];
  private readonly ratios: number[];
  private readonly live: boolean[];
  /** Per point, the slots and weights of the baseline's facilities holding it (read-only, shared by copies). */
  private readonly baseOf: Array<Array<[number, number]>>;
  /** Per point, the slots and weights of facilities added since the baseline (this copy's own). */
  private readonly addedOf: Map<number, Array<[number, number]>>;
  private readonly cell: number;
  /** The points per grid cell (read-only, shared by copies). */
  private readonly grid: Map<string, number[]>;

  constructor(
    private readonly points: readonly XY[],
    demand: ArrayLike<number>,
    facilities: readonly XY[],
    supply: ArrayLike<number>,
    private readonly zones: readonly DecayZone[],
    from?: IncrementalTwoStep,
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
      this.cell = from.cell;
      this.grid = from.grid;
      return;
    }
    // The same grid as twoStepFloatingCatchment: cells of the catchment's reach.
    const reach = Math.max(0, ...zones.map((z) => z.upTo));
    this.cell = reach > 0 ? reach : 1;
    this.grid = new Map();
    points.forEach((p, i) => {
      const k = this.keyOf(p.x, p.y);
      const list = this.grid.get(k);
      if (list) list.push(i);
      else this.grid.set(k, [i]);
    });
    this.demand = Float64Array.from(demand);
    this.catchments = [];
    this.supply = [];
    this.ratios = [];
    this.live = [];
    this.baseOf = points.map(() => []);
    this.addedOf = new Map();
    this.accessibility = new Float64Array(points.length);
    facilities.forEach((f, j) => {
      const c = this.catchmentOf(f);
      this.catchments.push(c);
      this.supply.push(supply[j] as number);
      this.live.push(true);
      this.ratios.push(this.ratioOf(j));
      for (let k = 0; k < c.points.length; k++)
        (this.baseOf[c.points[k] as number] as Array<[number, number]>).push([j, c.weights[k] as number]);
    });
    // As the full computation sums: facility by facility, each point adding its weighted ratio.
    this.catchments.forEach((c, j) => {
      for (let k = 0; k < c.points.length; k++) {
        const i = c.points[k] as number;
        this.accessibility[i] =
          (this.accessibility[i] as number) + (c.weights[k] as number) * (this.ratios[j] as number);
      }
    });
  }

  /** An independent copy for a scenario (the grid and the baseline's point lists shared). */
  copy(): IncrementalTwoStep {
    return new IncrementalTwoStep(this.points, [], [], [], this.zones, this);
  }

  private keyOf(x: number, y: number): string {
    return `${Math.floor(x / this.cell)},${Math.floor(y / this.cell)}`;
  }

  /** The points within the catchment of a facility at `f`, in the order the full computation finds them. */
  private catchmentOf(f: XY): Catchment {
    const cx = Math.floor(f.x / this.cell);
    const cy = Math.floor(f.y / this.cell);
    const pts: number[] = [];
    const ws: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of this.grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const p = this.points[i] as XY;
          const w = weightAt(this.zones, Math.hypot(p.x - f.x, p.y - f.y));
          if (w > 0) {
            pts.push(i);
            ws.push(w);
          }
        }
      }
    }
    return { points: Int32Array.from(pts), weights: Float64Array.from(ws) };
  }

  private ratioOf(j: number): number {
    const c = this.catchments[j] as Catchment;
    let d = 0;
    for (let k = 0; k < c.points.length; k++)
      d += (c.weights[k] as number) * (this.demand[c.points[k] as number] as number);
    return d > 0 ? (this.supply[j] as number) / d : 0;
  }

  /** A point's accessibility summed again over its live facilities in slot order. */
  private refresh(i: number): void {
    let a = 0;
    for (const [j, w] of this.baseOf[i] as Array<[number, number]>)
      if (this.live[j]) a += w * (this.ratios[j] as number);
    for (const [j, w] of this.addedOf.get(i) ?? []) if (this.live[j]) a += w * (this.ratios[j] as number);
    this.accessibility[i] = a;
  }

  private refreshCatchment(j: number): void {
    for (const i of (this.catchments[j] as Catchment).points) this.refresh(i);
  }

  /** Adds a facility with `supply`; returns its slot (after every slot so far). */
  add(f: XY, supply: number): number {
    const slot = this.catchments.length;
    const c = this.catchmentOf(f);
    this.catchments.push(c);
    this.supply.push(supply);
    this.live.push(true);
    this.ratios.push(this.ratioOf(slot));
    for (let k = 0; k < c.points.length; k++) {
      const i = c.points[k] as number;
      const list = this.addedOf.get(i);
      if (list) list.push([slot, c.weights[k] as number]);
      else this.addedOf.set(i, [[slot, c.weights[k] as number]]);
    }
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
      this.ratios[j] = this.ratioOf(j);
      if (this.live[j]) for (const i of (this.catchments[j] as Catchment).points) touched.add(i);
    }
    for (const i of touched) this.refresh(i);
  }

  /** The live slots in order (what a full computation would be given). */
  liveSlots(): number[] {
    const out: number[] = [];
    this.live.forEach((l, j) => {
      if (l) out.push(j);
    });
    return out;
  }
}
