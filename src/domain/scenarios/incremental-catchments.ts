/**
 * The bookkeeping both incremental 2SFCA/E2SFCA forms share (issue 4 §2): straight-line catchments
 * (incremental-two-step.ts) and walking catchments (incremental-network-two-step.ts) differ only in how
 * a facility's catchment is found and how its demand is summed, which a CatchmentFinder supplies.
 *
 * A facility's ratio (supply over the weighted demand in its catchment) depends on its own supply and
 * catchment only, and a point's accessibility on the ratios of the facilities whose catchment holds it.
 * So:
 *
 * - a facility added, removed or resized changes its own ratio and the accessibility of the points in
 *   its catchment, nothing else;
 * - a point's demand changed (a projected district) changes the ratios of the facilities whose
 *   catchment holds it, and the accessibility of the points in those catchments.
 *
 * The state keeps each facility's catchment, weighted demand and ratio, and each point's facilities; a
 * change recomputes only what it touches. Contract: after any changes, `accessibility` equals the full
 * computation over the live facilities (in slot order) and the current demand, exactly. Why exactly:
 * every recomputed sum is taken again over the same terms in the same order as the full computation (a
 * point's facilities in slot order, a catchment's demand as the finder sums it), never by adding and
 * subtracting deltas.
 */

/** A facility's catchment: its points, in the order the full computation meets them, and their weights. */
export interface Catchment {
  readonly points: Int32Array;
  readonly weights: Float64Array;
}

/**
 * How one form of 2SFCA finds a facility's catchment and sums the demand in it. Shared by copies of
 * a state, so anything it keeps (a grid, a search workspace) must not change what later calls return.
 */
export interface CatchmentFinder<F, C extends Catchment = Catchment> {
  readonly pointCount: number;
  catchmentOf(facility: F): C;
  /** Σ weight × demand over the catchment, summed in the full computation's order. */
  weightedDemandOf(catchment: C, demand: Float64Array): number;
}

/** A facility's slot and the weight it gives a point of its catchment. */
type Holder = [slot: number, weight: number];

/** F: a facility's place; C: its catchment; K: the finder (typed, so a copy can reach its inputs). */
export class IncrementalCatchments<
  F,
  C extends Catchment = Catchment,
  K extends CatchmentFinder<F, C> = CatchmentFinder<F, C>,
> {
  /** Supply per person within reach, per point. */
  readonly accessibility: Float64Array;
  protected readonly finder: K;
  private readonly demand: Float64Array;
  /** Per slot; a catchment is never changed once found, so copies share them. */
  private readonly catchments: C[];
  private readonly supply: number[];
  private readonly weighted: number[];
  private readonly ratios: number[];
  private readonly live: boolean[];
  /** Per point, the baseline's facilities holding it (read-only, shared by copies). */
  private readonly baseOf: Holder[][];
  /** Per point, the facilities added since the baseline (this copy's own). */
  private readonly addedOf: Map<number, Holder[]>;

  /** The baseline over `facilities`; or, given `from`, an independent copy of it (the rest ignored). */
  constructor(
    finder: K,
    demand: ArrayLike<number>,
    facilities: readonly F[],
    supply: ArrayLike<number>,
    from?: IncrementalCatchments<F, C, K>,
  ) {
    if (from) {
      this.finder = from.finder;
      this.accessibility = from.accessibility.slice();
      this.demand = from.demand.slice();
      this.catchments = from.catchments.slice();
      this.supply = from.supply.slice();
      this.weighted = from.weighted.slice();
      this.ratios = from.ratios.slice();
      this.live = from.live.slice();
      this.baseOf = from.baseOf;
      this.addedOf = new Map([...from.addedOf].map(([i, l]) => [i, l.slice()]));
      return;
    }
    this.finder = finder;
    this.demand = Float64Array.from(demand);
    this.catchments = [];
    this.supply = [];
    this.weighted = [];
    this.ratios = [];
    this.live = [];
    this.baseOf = Array.from({ length: finder.pointCount }, () => []);
    this.addedOf = new Map();
    this.accessibility = new Float64Array(finder.pointCount);
    facilities.forEach((f, j) => {
      const c = this.push(f, supply[j] as number);
      c.points.forEach((i, k) => (this.baseOf[i] as Holder[]).push([j, c.weights[k] as number]));
    });
    for (let i = 0; i < this.accessibility.length; i++) this.refresh(i);
  }

  /** Finds the catchment of a new last slot and its ratio. */
  private push(f: F, supply: number): C {
    const c = this.finder.catchmentOf(f);
    this.catchments.push(c);
    this.supply.push(supply);
    this.weighted.push(this.finder.weightedDemandOf(c, this.demand));
    this.live.push(true);
    this.ratios.push(this.ratioOf(this.catchments.length - 1));
    return c;
  }

  private ratioOf(j: number): number {
    const w = this.weighted[j] as number;
    return w > 0 ? (this.supply[j] as number) / w : 0;
  }

  /** A point's accessibility summed again over its live facilities in slot order (a zero ratio adds nothing). */
  private refresh(i: number): void {
    let a = 0;
    for (const [j, w] of this.baseOf[i] as Holder[])
      if (this.live[j] && this.ratios[j] !== 0) a += w * (this.ratios[j] as number);
    for (const [j, w] of this.addedOf.get(i) ?? [])
      if (this.live[j] && this.ratios[j] !== 0) a += w * (this.ratios[j] as number);
    this.accessibility[i] = a;
  }

  private refreshCatchment(j: number): void {
    for (const i of (this.catchments[j] as C).points) this.refresh(i);
  }

  /** Adds a facility with `supply`; returns its slot (after every slot so far). */
  add(f: F, supply: number): number {
    const slot = this.catchments.length;
    const c = this.push(f, supply);
    c.points.forEach((i, k) => {
      const list = this.addedOf.get(i);
      if (list) list.push([slot, c.weights[k] as number]);
      else this.addedOf.set(i, [[slot, c.weights[k] as number]]);
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

  /** Changes the supply of the facility in `slot` (no-op when it is not live). */
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
      for (const [j] of this.baseOf[i] as Holder[]) facilities.add(j);
      for (const [j] of this.addedOf.get(i) ?? []) facilities.add(j);
    }
    const touched = new Set<number>();
    for (const j of facilities) {
      const c = this.catchments[j] as C;
      this.weighted[j] = this.finder.weightedDemandOf(c, this.demand);
      this.ratios[j] = this.ratioOf(j);
      if (this.live[j]) for (const i of c.points) touched.add(i);
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
