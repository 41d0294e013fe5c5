/**
 * Incremental 2SFCA/E2SFCA for scenarios (issue 4 §2), on straight-line catchments as
 * twoStepFloatingCatchment (access/two-step.ts) computes them; what is recomputed after a change, and
 * why the result is exact, is in incremental-catchments.ts. Contract: after any changes,
 * `accessibility` equals twoStepFloatingCatchment over the live facilities (in slot order) and the
 * current demand, exactly: a catchment keeps its points in the order the grid yields them and sums
 * weight × demand in that order, as the full computation does.
 * test/unit/scenarios/incremental-two-step.test.ts checks it on random sequences of changes.
 */
import type { XY } from '../access/straight-line.ts';
import type { DecayZone } from '../access/two-step.ts';
import type { Catchment, CatchmentFinder } from './incremental-catchments.ts';
import { IncrementalCatchments } from './incremental-catchments.ts';

function weightAt(zones: readonly DecayZone[], d: number): number {
  for (const z of zones) if (d <= z.upTo) return z.weight;
  return 0;
}

/** Catchments within straight-line reach, found through the same grid as twoStepFloatingCatchment. */
class StraightLineCatchments implements CatchmentFinder<XY> {
  readonly pointCount: number;
  private readonly cell: number;
  /** The points per grid cell. */
  private readonly grid = new Map<string, number[]>();

  constructor(
    private readonly points: readonly XY[],
    private readonly zones: readonly DecayZone[],
  ) {
    this.pointCount = points.length;
    // Cells of the catchment's reach, as twoStepFloatingCatchment draws them.
    const reach = Math.max(0, ...zones.map((z) => z.upTo));
    this.cell = reach > 0 ? reach : 1;
    points.forEach((p, i) => {
      const k = `${Math.floor(p.x / this.cell)},${Math.floor(p.y / this.cell)}`;
      const list = this.grid.get(k);
      if (list) list.push(i);
      else this.grid.set(k, [i]);
    });
  }

  /** The points within the catchment of a facility at `f`, in the order the full computation finds them. */
  catchmentOf(f: XY): Catchment {
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

  weightedDemandOf(c: Catchment, demand: Float64Array): number {
    let d = 0;
    for (let k = 0; k < c.points.length; k++)
      d += (c.weights[k] as number) * (demand[c.points[k] as number] as number);
    return d;
  }
}

export class IncrementalTwoStep extends IncrementalCatchments<XY> {
  /** The baseline; given `from`, an independent copy of it (the grid and the baseline's point lists shared). */
  constructor(
    points: readonly XY[],
    demand: ArrayLike<number>,
    facilities: readonly XY[],
    supply: ArrayLike<number>,
    zones: readonly DecayZone[],
    from?: IncrementalTwoStep,
  ) {
    super(from?.finder ?? new StraightLineCatchments(points, zones), demand, facilities, supply, from);
  }

  /** An independent copy for a scenario. */
  copy(): IncrementalTwoStep {
    return new IncrementalTwoStep([], [], [], [], [], this);
  }
}
