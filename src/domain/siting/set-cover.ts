/**
 * Set covering (Toregas et al.): the fewest new sites (or the cheapest, with costs) so that a target
 * share of people is within the circle, e.g. 95% of people 60+ within 15 minutes of a day-care
 * centre, counting existing facilities. Greedy by gain per cost until the target is met, then sites
 * that turned redundant are dropped, dearest first. When even every candidate cannot reach the
 * target, the result says so and gives the most that can be reached.
 */
import { invalidField } from '../shared/errors.ts';
import { CoverState } from './cover-state.ts';
import type { SitingInstance } from './instance.ts';
import { checkInstance } from './instance.ts';
import { MaxHeap } from './max-heap.ts';

export interface SetCoverResult {
  sites: number[];
  cost: number;
  /** Share of people covered with the chosen sites (existing ones included). */
  share: number;
  target: number;
  reachable: boolean;
  /** Share covered by existing facilities alone. */
  existingShare: number;
}

export function setCovering(inst: SitingInstance, targetShare: number): SetCoverResult {
  checkInstance(inst);
  if (!(targetShare > 0 && targetShare <= 1))
    throw invalidField(
      'target',
      '目标覆盖率应在 0 到 1 之间',
      'the target share must be above 0 and at most 1',
    );
  const n = inst.sets.candidateCount;
  const cost = (j: number) => inst.costs?.[j] ?? 1;
  const state = new CoverState(inst);
  let total = 0;
  let covered = 0;
  for (let i = 0; i < inst.weights.length; i++) {
    total += inst.weights[i]!;
    if (inst.existingCover[i]) covered += inst.weights[i]!;
  }
  const existingShare = total > 0 ? covered / total : 1;
  // Relative tolerance: shares are sums of floats.
  const need = targetShare * total * (1 - 1e-12);
  const heap = new MaxHeap(n);
  for (let j = 0; j < n; j++) {
    const g = state.gain(j);
    if (g > 0) heap.push(g / cost(j), j);
  }
  const chosen: number[] = [];
  while (covered < need && heap.size > 0) {
    const j = heap.pop();
    const g = state.gain(j);
    if (g <= 0) continue;
    const key = g / cost(j);
    if (heap.size > 0 && (key < heap.topKey() || (key === heap.topKey() && heap.topItem() < j))) {
      heap.push(key, j);
      continue;
    }
    state.add(j, 1);
    chosen.push(j);
    covered += g;
  }
  // Drop sites whose unique cover the target can spare, dearest first.
  const byCost = [...chosen].sort((a, b) => cost(b) - cost(a) || b - a);
  const kept = new Set(chosen);
  for (const j of byCost) {
    const loss = state.uniqueLoss(j);
    if (covered - loss >= need) {
      state.add(j, -1);
      kept.delete(j);
      covered -= loss;
    }
  }
  const sites = chosen.filter((j) => kept.has(j));
  return {
    sites,
    cost: sites.reduce((s, j) => s + cost(j), 0),
    share: total > 0 ? covered / total : 1,
    target: targetShare,
    reachable: covered >= need,
    existingShare,
  };
}
