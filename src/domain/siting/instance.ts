/**
 * A siting instance: demand points (people of the relevant age band, on residential points or network
 * nodes), candidate sites, and which demand each candidate would serve within the circle (its
 * coverage set, with walking seconds). Existing facilities are part of the instance: the demand they
 * already serve, or their walking time to each demand point, is given so proposals add to them.
 */
import { invalidField } from '../shared/errors.ts';

export interface CoverageSets {
  candidateCount: number;
  /** Candidate j covers demand[offsets[j] .. offsets[j+1]) (CSR). */
  offsets: Uint32Array;
  demand: Uint32Array;
  /** Walking seconds from candidate j to each demand point it covers (same layout). */
  seconds: Uint32Array;
}

export interface SitingInstance {
  /** People per demand point (of the age band the facility type serves). */
  weights: Float64Array;
  /** 1 where an existing facility already covers the demand point within the circle. */
  existingCover: Uint8Array;
  sets: CoverageSets;
  /** Cost of building at each candidate (1 each when absent). */
  costs?: Float64Array;
}

/** Build coverage sets from per-candidate lists (tests, small instances, user-given points). */
export function coverageSetsFrom(
  lists: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
): CoverageSets {
  const offsets = new Uint32Array(lists.length + 1);
  for (let j = 0; j < lists.length; j++) offsets[j + 1] = offsets[j]! + lists[j]!.length;
  const demand = new Uint32Array(offsets[lists.length]!);
  const seconds = new Uint32Array(demand.length);
  lists.forEach((list, j) => {
    list.forEach(([i, s], k) => {
      demand[offsets[j]! + k] = i;
      seconds[offsets[j]! + k] = s;
    });
  });
  return { candidateCount: lists.length, offsets, demand, seconds };
}

/** Checks shapes and values once, so the solvers can trust them in their inner loops. */
export function checkInstance(inst: SitingInstance): void {
  const n = inst.weights.length;
  const { sets } = inst;
  if (inst.existingCover.length !== n)
    throw invalidField('existingCover', `长度应为 ${n}`, `length must be ${n} (one per demand point)`);
  if (sets.offsets.length !== sets.candidateCount + 1)
    throw invalidField('sets.offsets', '长度应为候选点数 + 1', 'length must be the candidate count + 1');
  if (sets.offsets[sets.candidateCount] !== sets.demand.length || sets.seconds.length !== sets.demand.length)
    throw invalidField('sets', '覆盖集合数组长度不一致', 'coverage set arrays disagree in length');
  for (let k = 0; k < sets.demand.length; k++) {
    if (sets.demand[k]! >= n)
      throw invalidField(
        `sets.demand[${k}]`,
        `需求点编号超出范围（共 ${n} 个）`,
        `demand index out of range (${n} points)`,
      );
  }
  for (let i = 0; i < n; i++) {
    const w = inst.weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w))
      throw invalidField(`weights[${i}]`, '人口应为有限的非负数', 'weight must be finite and ≥ 0');
  }
  if (inst.costs) {
    if (inst.costs.length !== sets.candidateCount)
      throw invalidField('costs', '每个候选点应有一个成本', 'one cost per candidate is needed');
    inst.costs.forEach((c, j) => {
      if (!(c > 0) || !Number.isFinite(c))
        throw invalidField(`costs[${j}]`, '成本应为正数', 'cost must be a positive number');
    });
  }
}

/** People already covered by existing facilities, and in all. */
export function existingCoverage(inst: SitingInstance): { covered: number; total: number } {
  let covered = 0;
  let total = 0;
  for (let i = 0; i < inst.weights.length; i++) {
    total += inst.weights[i]!;
    if (inst.existingCover[i]) covered += inst.weights[i]!;
  }
  return { covered, total };
}
