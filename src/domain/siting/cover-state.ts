/**
 * How many chosen or existing sites cover each demand point, with the two questions every covering
 * heuristic asks: what would adding a candidate gain, and what would removing one lose.
 */
import type { SitingInstance } from './instance.ts';

/** Mutable cover state: how many chosen or existing sites cover each demand point. */
export class CoverState {
  readonly count: Uint16Array;

  constructor(private readonly inst: SitingInstance) {
    this.count = new Uint16Array(inst.weights.length);
    for (let i = 0; i < this.count.length; i++) this.count[i] = inst.existingCover[i]!;
  }

  /** People in j's set covered by nobody yet. */
  gain(j: number): number {
    const { offsets, demand } = this.inst.sets;
    const w = this.inst.weights;
    const count = this.count;
    let g = 0;
    for (let k = offsets[j]!, end = offsets[j + 1]!; k < end; k++) {
      const i = demand[k]!;
      if (count[i] === 0) g += w[i]!;
    }
    return g;
  }

  /** People only j covers (lost if j is removed). */
  uniqueLoss(j: number): number {
    const { offsets, demand } = this.inst.sets;
    const w = this.inst.weights;
    let g = 0;
    for (let k = offsets[j]!, end = offsets[j + 1]!; k < end; k++) {
      const i = demand[k]!;
      if (this.count[i] === 1) g += w[i]!;
    }
    return g;
  }

  add(j: number, delta: 1 | -1): void {
    const { offsets, demand } = this.inst.sets;
    for (let k = offsets[j]!, end = offsets[j + 1]!; k < end; k++) this.count[demand[k]!]! += delta;
  }
}
