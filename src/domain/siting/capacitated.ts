/**
 * Capacitated maximal covering: a site serves at most its capacity (places, beds…) of the people
 * within its circle; demand beyond capacity is not served. Existing facilities serve first, each
 * taking the nearest unserved people in its circle; then new sites are chosen greedily by how much
 * of their capacity they could fill with people still unserved (lazy: this only shrinks), each
 * filling nearest first.
 */
import { invalidField } from '../shared/errors.ts';
import type { CoverageSets } from './instance.ts';
import { MaxHeap } from './max-heap.ts';

export interface CapacitatedInput {
  /** People per demand point. */
  weights: Float64Array;
  /** Candidates' coverage sets and their capacities. */
  candidates: CoverageSets;
  capacities: Float64Array;
  /** Existing facilities' coverage sets and capacities (they serve first). */
  existing: CoverageSets;
  existingCapacities: Float64Array;
}

export interface CapacitatedResult {
  sites: Array<{ candidate: number; served: number }>;
  servedByExisting: number;
  servedByNew: number;
  total: number;
}

/** Fill a site's capacity from the unserved people in its set, nearest first; returns people served. */
function fill(
  sets: CoverageSets,
  j: number,
  capacity: number,
  residual: Float64Array,
  commit: boolean,
): number {
  const start = sets.offsets[j]!;
  const end = sets.offsets[j + 1]!;
  const order: number[] = [];
  for (let k = start; k < end; k++) order.push(k);
  order.sort((a, b) => sets.seconds[a]! - sets.seconds[b]! || sets.demand[a]! - sets.demand[b]!);
  let left = capacity;
  for (const k of order) {
    if (left <= 0) break;
    const i = sets.demand[k]!;
    const take = Math.min(left, residual[i]!);
    if (take <= 0) continue;
    left -= take;
    if (commit) residual[i] = residual[i]! - take;
  }
  return capacity - left;
}

/** Upper bound of what a site could serve now: min(capacity, unserved people in its set). */
function potential(sets: CoverageSets, j: number, capacity: number, residual: Float64Array): number {
  let s = 0;
  for (let k = sets.offsets[j]!; k < sets.offsets[j + 1]!; k++) s += residual[sets.demand[k]!]!;
  return Math.min(capacity, s);
}

export function capacitatedCovering(input: CapacitatedInput, k: number): CapacitatedResult {
  const n = input.candidates.candidateCount;
  if (!Number.isInteger(k) || k < 0 || k > n)
    throw invalidField('k', `应为 0 到 ${n} 之间的整数`, `must be a whole number from 0 to ${n}`);
  if (input.capacities.length !== n)
    throw invalidField('capacities', '每个候选点应有一个容量', 'one capacity per candidate is needed');
  if (input.existingCapacities.length !== input.existing.candidateCount)
    throw invalidField(
      'existingCapacities',
      '每个现有设施应有一个容量',
      'one capacity per existing facility is needed',
    );
  for (const [name, caps] of [
    ['capacities', input.capacities],
    ['existingCapacities', input.existingCapacities],
  ] as const) {
    caps.forEach((c, j) => {
      if (!(c >= 0) || !Number.isFinite(c))
        throw invalidField(`${name}[${j}]`, '容量应为非负数', 'capacity must be a number ≥ 0');
    });
  }
  const residual = Float64Array.from(input.weights);
  let total = 0;
  for (const w of input.weights) total += w;
  let servedByExisting = 0;
  for (let e = 0; e < input.existing.candidateCount; e++) {
    servedByExisting += fill(input.existing, e, input.existingCapacities[e]!, residual, true);
  }
  const heap = new MaxHeap(n);
  for (let j = 0; j < n; j++) heap.push(potential(input.candidates, j, input.capacities[j]!, residual), j);
  const sites: CapacitatedResult['sites'] = [];
  let servedByNew = 0;
  while (sites.length < k && heap.size > 0) {
    const j = heap.pop();
    const g = potential(input.candidates, j, input.capacities[j]!, residual);
    if (g <= 0) continue;
    if (heap.size > 0 && (g < heap.topKey() || (g === heap.topKey() && heap.topItem() < j))) {
      heap.push(g, j);
      continue;
    }
    const served = fill(input.candidates, j, input.capacities[j]!, residual, true);
    servedByNew += served;
    sites.push({ candidate: j, served });
  }
  return { sites, servedByExisting, servedByNew, total };
}
