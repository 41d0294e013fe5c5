/**
 * Incremental nearest facility (issue 4 §2, "changing one facility updates the figures quickly"):
 * keeps each residential point's straight-line distance to its nearest facility of a type, and its
 * facility slot, and updates them for one change instead of recomputing all points:
 *
 * - an added facility: one radius query over a grid of the points (cell = the search limit), each
 *   point within the limit taking the new one when strictly nearer (ties keep the older facility,
 *   which has the lower slot, as nearestStraightLine does);
 * - a removed facility: only the points whose nearest it was are searched again, over a grid of the
 *   remaining facilities.
 *
 * Contract: after any sequence of add/remove, `reach` and the facility of `nearestSlot` equal
 * nearestStraightLine over the live facilities in slot order, exactly (the same Math.hypot on the same
 * numbers; test/unit/scenarios/incremental.test.ts checks it on random changes). Distances in metres.
 */
import type { XY } from '../access/straight-line.ts';
import { nearestStraightLine } from '../access/straight-line.ts';

const keyOf = (cx: number, cy: number) => `${cx},${cy}`;

export class IncrementalNearest {
  /** Distance (m) from each point to its nearest live facility, Infinity beyond `maxMetres`. */
  readonly reach: Float64Array;
  /** Slot of each point's nearest live facility, −1 when none within `maxMetres`. */
  readonly nearestSlot: Int32Array;
  private readonly facilities: XY[];
  private readonly live: boolean[];
  /** Read-only after construction, so copies share it. */
  private readonly pointGrid: Map<string, number[]>;
  private readonly facilityGrid: Map<string, number[]>;

  /** Starts from a full computation over `facilities` (slots 0…n−1). */
  constructor(
    private readonly points: readonly XY[],
    facilities: readonly XY[],
    private readonly maxMetres: number,
    from?: IncrementalNearest,
  ) {
    if (from) {
      // A copy: O(points) for the two arrays, the small facility grid copied, the point grid shared.
      this.facilities = from.facilities.slice();
      this.live = from.live.slice();
      this.nearestSlot = from.nearestSlot.slice();
      this.reach = from.reach.slice();
      this.pointGrid = from.pointGrid;
      this.facilityGrid = new Map([...from.facilityGrid].map(([k, v]) => [k, v.slice()]));
      return;
    }
    this.facilities = facilities.slice();
    this.live = facilities.map(() => true);
    this.nearestSlot = new Int32Array(points.length);
    this.reach = nearestStraightLine(points, facilities, maxMetres, this.nearestSlot);
    this.pointGrid = new Map();
    this.facilityGrid = new Map();
    points.forEach((p, i) => this.put(this.pointGrid, p, i));
    facilities.forEach((f, j) => this.put(this.facilityGrid, f, j));
  }

  /** An independent copy to apply a scenario's changes to, leaving this one (the baseline) as it is. */
  copy(): IncrementalNearest {
    return new IncrementalNearest(this.points, [], this.maxMetres, this);
  }

  private put(grid: Map<string, number[]>, p: XY, i: number): void {
    const k = keyOf(Math.floor(p.x / this.maxMetres), Math.floor(p.y / this.maxMetres));
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  }

  /** Adds a facility; returns its slot and the points whose nearest it became. */
  add(f: XY): { slot: number; changed: number[] } {
    const slot = this.facilities.length;
    this.facilities.push(f);
    this.live.push(true);
    this.put(this.facilityGrid, f, slot);
    const changed: number[] = [];
    const cx = Math.floor(f.x / this.maxMetres);
    const cy = Math.floor(f.y / this.maxMetres);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of this.pointGrid.get(keyOf(cx + dx, cy + dy)) ?? []) {
          const p = this.points[i] as XY;
          const d = Math.hypot(f.x - p.x, f.y - p.y);
          if (d <= this.maxMetres && d < (this.reach[i] as number)) {
            this.reach[i] = d;
            this.nearestSlot[i] = slot;
            changed.push(i);
          }
        }
      }
    }
    return { slot, changed };
  }

  /** Removes the facility in `slot`; returns the points that were its own (searched again). */
  remove(slot: number): number[] {
    if (!this.live[slot]) return [];
    this.live[slot] = false;
    const own: number[] = [];
    for (let i = 0; i < this.points.length; i++) if (this.nearestSlot[i] === slot) own.push(i);
    for (const i of own) {
      const p = this.points[i] as XY;
      const cx = Math.floor(p.x / this.maxMetres);
      const cy = Math.floor(p.y / this.maxMetres);
      let best = Infinity;
      let bestSlot = -1;
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of this.facilityGrid.get(keyOf(cx + dx, cy + dy)) ?? []) {
            if (!this.live[j]) continue;
            const f = this.facilities[j] as XY;
            const d = Math.hypot(f.x - p.x, f.y - p.y);
            if (d < best || (d === best && j < bestSlot)) {
              best = d;
              bestSlot = j;
            }
          }
        }
      }
      this.reach[i] = best <= this.maxMetres ? best : Infinity;
      this.nearestSlot[i] = best <= this.maxMetres ? bestSlot : -1;
    }
    return own;
  }

  /** The live facilities' slots, in slot order (what a full recomputation would search). */
  liveSlots(): number[] {
    const out: number[] = [];
    this.live.forEach((l, j) => {
      if (l) out.push(j);
    });
    return out;
  }
}
