/**
 * p-median (Hakimi; Teitz & Bart): choose p new sites to minimise the people-weighted walking time
 * to the nearest facility, existing ones included. Times beyond the circle are capped at a penalty
 * (by default the cap itself), so a demand point with nothing near counts as "far", not infinite.
 * Greedy (lazy: a site's saving only shrinks as others are added), then swaps with the best and
 * second-best facility of every demand point kept, so a swap is priced without a full recount.
 */
import { invalidField } from '../shared/errors.ts';
import type { SitingInstance } from './instance.ts';
import { checkInstance } from './instance.ts';
import { MaxHeap } from './max-heap.ts';

export interface PMedianInput {
  instance: SitingInstance;
  /** Walking seconds from each demand point to its nearest existing facility (capped below). */
  existingSeconds: Float64Array;
  /** Time counted for a demand point with nothing within reach (seconds). */
  capSeconds: number;
}

export interface PMedianResult {
  sites: number[];
  /** Σ people × seconds before and after (capped). */
  totalSecondsBefore: number;
  totalSecondsAfter: number;
  /** People-weighted mean seconds after. */
  meanSeconds: number;
  swaps: number;
}

/** Per demand point: the best time, which site gives it (−1: existing), and the second best. */
class Assignment {
  readonly best: Float64Array;
  readonly bestSite: Int32Array;
  readonly second: Float64Array;

  constructor(private readonly input: PMedianInput) {
    const n = input.instance.weights.length;
    this.best = new Float64Array(n);
    this.bestSite = new Int32Array(n).fill(-1);
    this.second = new Float64Array(n);
  }

  /** Recompute from scratch for a set of sites (inverted index: demand → covering candidates). */
  reset(sites: readonly number[]): void {
    const { instance, existingSeconds, capSeconds } = this.input;
    const { offsets, demand, seconds } = instance.sets;
    for (let i = 0; i < this.best.length; i++) {
      this.best[i] = Math.min(existingSeconds[i]!, capSeconds);
      this.bestSite[i] = -1;
      this.second[i] = this.best[i]!;
    }
    for (const j of sites) {
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
        const i = demand[k]!;
        const t = seconds[k]!;
        if (t < this.best[i]!) {
          this.second[i] = this.best[i]!;
          this.best[i] = t;
          this.bestSite[i] = j;
        } else if (t < this.second[i]!) {
          this.second[i] = t;
        }
      }
    }
  }

  total(): number {
    const w = this.input.instance.weights;
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i]! * this.best[i]!;
    return s;
  }
}

export function pMedian(
  input: PMedianInput,
  p: number,
  opts: { maxSwapRounds?: number } = {},
): PMedianResult {
  const inst = input.instance;
  checkInstance(inst);
  const n = inst.sets.candidateCount;
  if (!Number.isInteger(p) || p < 0 || p > n)
    throw invalidField('p', `应为 0 到 ${n} 之间的整数`, `must be a whole number from 0 to ${n}`);
  if (input.existingSeconds.length !== inst.weights.length)
    throw invalidField('existingSeconds', '每个需求点应有一个时间', 'one time per demand point is needed');
  if (!(input.capSeconds > 0))
    throw invalidField('capSeconds', '应为正数', 'must be a positive number of seconds');
  const { offsets, demand, seconds } = inst.sets;
  const w = inst.weights;
  const asg = new Assignment(input);
  asg.reset([]);
  const before = asg.total();

  // Saving of candidate j against the current best times.
  const saving = (j: number) => {
    let s = 0;
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      const i = demand[k]!;
      const d = asg.best[i]! - seconds[k]!;
      if (d > 0) s += w[i]! * d;
    }
    return s;
  };
  const heap = new MaxHeap(n);
  for (let j = 0; j < n; j++) heap.push(saving(j), j);
  const sites: number[] = [];
  const isChosen = new Uint8Array(n);
  while (sites.length < p && heap.size > 0) {
    const j = heap.pop();
    const s = saving(j);
    if (heap.size > 0 && (s < heap.topKey() || (s === heap.topKey() && heap.topItem() < j))) {
      heap.push(s, j);
      continue;
    }
    sites.push(j);
    isChosen[j] = 1;
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      const i = demand[k]!;
      if (seconds[k]! < asg.best[i]!) asg.best[i] = seconds[k]!;
    }
  }
  asg.reset(sites);

  // Swaps: removing s moves its demand to their second best; adding c improves where it is faster.
  let swaps = 0;
  const maxRounds = opts.maxSwapRounds ?? 20;
  for (let round = 0; round < maxRounds && sites.length > 0; round++) {
    let improved = false;
    for (let q = 0; q < sites.length; q++) {
      const s = sites[q]!;
      let loss = 0;
      for (let k = offsets[s]!; k < offsets[s + 1]!; k++) {
        const i = demand[k]!;
        if (asg.bestSite[i] === s) loss += w[i]! * (asg.second[i]! - asg.best[i]!);
      }
      let bestC = -1;
      const threshold = 1e-9 * Math.max(1, before);
      for (let c = 0; c < n; c++) {
        if (isChosen[c]) continue;
        let gain = 0;
        for (let k = offsets[c]!; k < offsets[c + 1]!; k++) {
          const i = demand[k]!;
          const cur = asg.bestSite[i] === s ? asg.second[i]! : asg.best[i]!;
          const d = cur - seconds[k]!;
          if (d > 0) gain += w[i]! * d;
        }
        if (gain - loss > threshold) {
          bestC = c;
          break;
        }
      }
      if (bestC >= 0) {
        isChosen[s] = 0;
        isChosen[bestC] = 1;
        sites[q] = bestC;
        asg.reset(sites);
        swaps++;
        improved = true;
      }
    }
    if (!improved) break;
  }
  const after = asg.total();
  let people = 0;
  for (let i = 0; i < w.length; i++) people += w[i]!;
  return {
    sites,
    totalSecondsBefore: before,
    totalSecondsAfter: after,
    meanSeconds: people > 0 ? after / people : 0,
    swaps,
  };
}
