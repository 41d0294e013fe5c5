/**
 * Maximal covering location (Church & ReVelle): choose k new sites, or sites within a budget, that
 * cover the most people not yet covered by an existing facility within the circle.
 *
 * Greedy with lazy evaluation (Minoux): a candidate's gain can only shrink as sites are added, so a
 * stale gain is an upper bound and most candidates are never re-evaluated. Greedy is within
 * (1 − 1/e) of the optimum and usually far closer; a local search by swaps (one chosen site out, one
 * other in, while the cover grows) then removes most of the remaining gap. With a budget the greedy
 * step takes the best gain per cost that still fits, and the result is compared with the best single
 * affordable site (Khuller, Moss & Naor), which keeps the guarantee.
 */
import { invalidField } from '../shared/errors.ts';
import type { SitingInstance } from './instance.ts';
import { checkInstance } from './instance.ts';
import { MaxHeap } from './max-heap.ts';
import { CoverState } from './cover-state.ts';

export type SitingLimit = { k: number } | { budget: number };

export interface ChosenSite {
  candidate: number;
  /** People newly covered when this site was added, in the order chosen (after local search: its unique cover). */
  gain: number;
  cost: number;
}

export interface MaxCoverResult {
  sites: ChosenSite[];
  /** People covered by the new sites and not by an existing one. */
  newlyCovered: number;
  /** People covered in all (existing and new). */
  covered: number;
  total: number;
  cost: number;
  /** Candidate gains evaluated (the work lazy evaluation saves shows here). */
  evaluations: number;
  swaps: number;
}

function checkLimit(limit: SitingLimit, candidates: number): void {
  if ('k' in limit) {
    if (!Number.isInteger(limit.k) || limit.k < 0)
      throw invalidField('k', '新增设施数应为非负整数', 'the number of new sites must be a whole number ≥ 0');
    if (limit.k > candidates)
      throw invalidField(
        'k',
        `新增设施数不能超过候选点数 ${candidates}`,
        `k cannot exceed the ${candidates} candidates`,
      );
  } else if (!(limit.budget >= 0) || !Number.isFinite(limit.budget)) {
    throw invalidField('budget', '预算应为非负数', 'the budget must be a number ≥ 0');
  }
}

/** Greedy with lazy evaluation; then swaps unless `localSearch` is false. */
export function maximalCovering(
  inst: SitingInstance,
  limit: SitingLimit,
  opts: { localSearch?: boolean; maxSwapRounds?: number } = {},
): MaxCoverResult {
  checkInstance(inst);
  checkLimit(limit, inst.sets.candidateCount);
  const n = inst.sets.candidateCount;
  const cost = (j: number) => inst.costs?.[j] ?? 1;
  const state = new CoverState(inst);
  let evaluations = 0;
  const chosen: ChosenSite[] = [];
  const isChosen = new Uint8Array(n);
  const budget = 'budget' in limit ? limit.budget : Infinity;
  const k = 'k' in limit ? limit.k : n;
  const byRatio = 'budget' in limit;
  let spent = 0;

  const heap = new MaxHeap(n);
  for (let j = 0; j < n; j++) {
    const g = state.gain(j);
    evaluations++;
    if (g > 0 && cost(j) <= budget) heap.push(byRatio ? g / cost(j) : g, j);
  }
  while (chosen.length < k && heap.size > 0) {
    const j = heap.pop();
    if (spent + cost(j) > budget) continue; // never fits again: the budget only shrinks
    const g = state.gain(j);
    evaluations++;
    if (g <= 0) continue;
    const key = byRatio ? g / cost(j) : g;
    // Stale keys are upper bounds: j wins only if its true value beats every other bound (ties to
    // the lower index, as plain greedy would choose).
    if (heap.size > 0 && (key < heap.topKey() || (key === heap.topKey() && heap.topItem() < j))) {
      heap.push(key, j);
      continue;
    }
    state.add(j, 1);
    isChosen[j] = 1;
    spent += cost(j);
    chosen.push({ candidate: j, gain: g, cost: cost(j) });
  }

  if (byRatio) {
    // The best single affordable site can beat a ratio-greedy set (one large, costly site).
    let best = -1;
    let bestGain = 0;
    const fresh = new CoverState(inst);
    for (let j = 0; j < n; j++) {
      if (cost(j) > budget) continue;
      const g = fresh.gain(j);
      evaluations++;
      if (g > bestGain) {
        bestGain = g;
        best = j;
      }
    }
    const greedyGain = chosen.reduce((s, c) => s + c.gain, 0);
    if (best >= 0 && bestGain > greedyGain) {
      for (const c of chosen) {
        state.add(c.candidate, -1);
        isChosen[c.candidate] = 0;
      }
      chosen.length = 0;
      state.add(best, 1);
      isChosen[best] = 1;
      spent = cost(best);
      chosen.push({ candidate: best, gain: bestGain, cost: cost(best) });
    }
  }

  let swaps = 0;
  if (opts.localSearch !== false && chosen.length > 0) {
    swaps = swapSearch(
      inst,
      state,
      chosen,
      isChosen,
      budget - spent,
      opts.maxSwapRounds ?? 50,
      () => evaluations++,
    );
  }
  return summarise(inst, state, chosen, evaluations, swaps);
}

/**
 * 1-swap local search: a chosen site s is replaced by a candidate c when the people c would newly
 * cover without s exceed the people only s covers. Only candidates that share demand with s can gain
 * from its removal; they are found through the transposed sets (demand → candidates) and evaluated
 * exactly. Any other candidate gains exactly its current marginal gain, kept per candidate and
 * refreshed only where a swap changed the cover, so it is checked in O(1).
 */
function swapSearch(
  inst: SitingInstance,
  state: CoverState,
  chosen: ChosenSite[],
  isChosen: Uint8Array,
  slack: number,
  maxRounds: number,
  counted: () => void,
): number {
  const m = inst.sets.candidateCount;
  const cost = (j: number) => inst.costs?.[j] ?? 1;
  const { offsets, demand } = inst.sets;
  const w = inst.weights;
  const nDemand = w.length;
  // Transpose: the candidates covering each demand point.
  const tStart = new Uint32Array(nDemand + 1);
  for (let k = 0; k < demand.length; k++) tStart[demand[k]! + 1]!++;
  for (let i = 0; i < nDemand; i++) tStart[i + 1]! += tStart[i]!;
  const tFill = tStart.slice(0, nDemand);
  const tCand = new Uint32Array(demand.length);
  for (let j = 0; j < m; j++)
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) tCand[tFill[demand[k]!]!++] = j;

  const gain = new Float64Array(m);
  for (let j = 0; j < m; j++) gain[j] = state.gain(j);
  const stamp = new Uint32Array(m);
  let epoch = 0;
  const inS = new Uint8Array(nDemand);
  const overlapping: number[] = [];
  /** Candidates sharing demand with site j (each once), into `overlapping`. */
  const collectOverlapping = (j: number) => {
    epoch++;
    overlapping.length = 0;
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      const i = demand[k]!;
      for (let q = tStart[i]!; q < tStart[i + 1]!; q++) {
        const c = tCand[q]!;
        if (stamp[c] !== epoch) {
          stamp[c] = epoch;
          overlapping.push(c);
        }
      }
    }
  };

  let swaps = 0;
  for (let round = 0; round < maxRounds; round++) {
    let improved = false;
    for (let p = 0; p < chosen.length; p++) {
      const s = chosen[p]!.candidate;
      const loss = state.uniqueLoss(s);
      counted();
      // A swap must gain more than rounding noise, or two equal sites could swap forever.
      const threshold = loss + 1e-9 * Math.max(1, loss);
      const fits = (c: number) => !isChosen[c] && cost(c) <= cost(s) + slack;
      let bestC = -1;
      let bestGain = threshold;
      collectOverlapping(s);
      const overlapEpoch = epoch;
      for (let k = offsets[s]!; k < offsets[s + 1]!; k++) inS[demand[k]!] = 1;
      for (const c of overlapping) {
        if (!fits(c)) continue;
        let g = 0;
        for (let k = offsets[c]!, end = offsets[c + 1]!; k < end; k++) {
          const i = demand[k]!;
          const cnt = state.count[i]!;
          if (cnt === 0 || (cnt === 1 && inS[i])) g += w[i]!;
        }
        counted();
        if (g > bestGain) {
          bestGain = g;
          bestC = c;
        }
      }
      for (let k = offsets[s]!; k < offsets[s + 1]!; k++) inS[demand[k]!] = 0;
      // Candidates apart from s gain what they gain now.
      for (let c = 0; c < m; c++) {
        if (stamp[c] === overlapEpoch || gain[c]! <= bestGain || !fits(c)) continue;
        bestGain = gain[c]!;
        bestC = c;
      }
      if (bestC < 0) continue;
      state.add(s, -1);
      isChosen[s] = 0;
      state.add(bestC, 1);
      isChosen[bestC] = 1;
      slack -= cost(bestC) - cost(s);
      chosen[p] = { candidate: bestC, gain: 0, cost: cost(bestC) };
      swaps++;
      improved = true;
      // Marginal gains change only where the cover changed: around s and around its replacement.
      for (const site of [s, bestC]) {
        collectOverlapping(site);
        for (const c of overlapping) gain[c] = state.gain(c);
      }
    }
    if (!improved) break;
  }
  return swaps;
}

function summarise(
  inst: SitingInstance,
  state: CoverState,
  chosen: ChosenSite[],
  evaluations: number,
  swaps: number,
): MaxCoverResult {
  let covered = 0;
  let total = 0;
  let existing = 0;
  for (let i = 0; i < inst.weights.length; i++) {
    const w = inst.weights[i]!;
    total += w;
    if (state.count[i]! > 0) covered += w;
    if (inst.existingCover[i]) existing += w;
  }
  // After swaps the order-of-choice gains no longer hold: report each site's unique cover instead
  // when any swap happened; otherwise keep the marginal gains in the order chosen.
  const sites = swaps > 0 ? chosen.map((c) => ({ ...c, gain: state.uniqueLoss(c.candidate) })) : chosen;
  return {
    sites,
    newlyCovered: covered - existing,
    covered,
    total,
    cost: chosen.reduce((s, c) => s + c.cost, 0),
    evaluations,
    swaps,
  };
}

/** People covered (beyond existing facilities) by a given set of sites: the objective, for checks. */
export function coverOf(inst: SitingInstance, sites: readonly number[]): number {
  const state = new CoverState(inst);
  let existing = 0;
  for (let i = 0; i < inst.weights.length; i++) if (inst.existingCover[i]) existing += inst.weights[i]!;
  for (const j of sites) state.add(j, 1);
  let covered = 0;
  for (let i = 0; i < inst.weights.length; i++) if (state.count[i]! > 0) covered += inst.weights[i]!;
  return covered - existing;
}
