/** Exhaustive solvers for tiny siting instances: the ground truth the heuristics are checked against. */
import fc from 'fast-check';
import type { SitingInstance } from '../../../src/domain/siting/instance.ts';
import { coverageSetsFrom } from '../../../src/domain/siting/instance.ts';
import { coverOf } from '../../../src/domain/siting/max-cover.ts';

/** Every subset of 0..n-1 with at most `max` members. */
export function* subsets(n: number, max: number, start = 0, acc: number[] = []): Generator<number[]> {
  yield acc;
  if (acc.length === max) return;
  for (let j = start; j < n; j++) yield* subsets(n, max, j + 1, [...acc, j]);
}

export function bestCover(
  inst: SitingInstance,
  fits: (sites: number[]) => boolean,
): { value: number; sites: number[] } {
  let best = { value: 0, sites: [] as number[] };
  for (const s of subsets(inst.sets.candidateCount, inst.sets.candidateCount)) {
    if (!fits(s)) continue;
    const v = coverOf(inst, s);
    if (v > best.value + 1e-9) best = { value: v, sites: s };
  }
  return best;
}

/** Random small instances: up to 24 demand points, 9 candidates, sets with seconds. */
export const smallInstance = fc
  .record({
    n: fc.integer({ min: 1, max: 24 }),
    m: fc.integer({ min: 1, max: 9 }),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 300, maxLength: 300 }),
    withCosts: fc.boolean(),
  })
  .map(({ n, m, seed, withCosts }) => {
    let p = 0;
    const next = () => seed[p++ % seed.length]!;
    const weights = Float64Array.from({ length: n }, () => 1 + (next() % 1000));
    const existingCover = Uint8Array.from({ length: n }, () => (next() % 4 === 0 ? 1 : 0));
    const lists = Array.from({ length: m }, () => {
      const list: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) if (next() % 3 === 0) list.push([i, next() % 900]);
      return list;
    });
    const inst: SitingInstance = { weights, existingCover, sets: coverageSetsFrom(lists) };
    if (withCosts) inst.costs = Float64Array.from({ length: m }, () => 1 + (next() % 5));
    return inst;
  });
