import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SitingInstance } from '../../../src/domain/siting/instance.ts';
import { coverageSetsFrom } from '../../../src/domain/siting/instance.ts';
import { coverOf, maximalCovering } from '../../../src/domain/siting/max-cover.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { bestCover, smallInstance } from './brute-force.ts';

const E = 1 - 1 / Math.E;

/** Plain greedy: every candidate re-evaluated at every step, ties to the lower index. */
function plainGreedy(inst: SitingInstance, k: number): number[] {
  const chosen: number[] = [];
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestGain = 0;
    const base = coverOf(inst, chosen);
    for (let j = 0; j < inst.sets.candidateCount; j++) {
      if (chosen.includes(j)) continue;
      const g = coverOf(inst, [...chosen, j]) - base;
      if (g > bestGain) {
        bestGain = g;
        best = j;
      }
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen;
}

describe('maximal covering', () => {
  it('solves a hand-made case: two sites cover what one large one cannot, existing cover not counted', () => {
    // Demand 0..5 (10 people each); demand 5 is covered already by an existing facility.
    const inst: SitingInstance = {
      weights: Float64Array.from([10, 10, 10, 10, 10, 10]),
      existingCover: Uint8Array.from([0, 0, 0, 0, 0, 1]),
      sets: coverageSetsFrom([
        [
          [0, 100],
          [1, 100],
          [2, 100],
          [5, 50],
        ], // 30 new
        [
          [0, 100],
          [1, 100],
          [3, 100],
        ], // 30 new
        [
          [2, 100],
          [3, 100],
          [4, 100],
          [5, 60],
        ], // 30 new
      ]),
    };
    const r = maximalCovering(inst, { k: 2 });
    expect(r.newlyCovered).toBe(50);
    expect(r.covered).toBe(60);
    expect(r.total).toBe(60);
    expect(r.sites.map((s) => s.candidate).sort()).toEqual([0, 2]);
    expect(r.sites.reduce((s, x) => s + x.gain, 0)).toBe(50);
  });

  it('lazy greedy chooses exactly what plain greedy chooses', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 0, max: 9 }), (inst, kk) => {
        const k = Math.min(kk, inst.sets.candidateCount);
        const lazy = maximalCovering(inst, { k }, { localSearch: false });
        expect(lazy.sites.map((s) => s.candidate)).toEqual(plainGreedy(inst, k));
        expect(lazy.swaps).toBe(0);
      }),
    );
  });

  it('is within (1 − 1/e) of the optimum before swaps, never worse after them, and never above it', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 4 }), (inst, kk) => {
        const k = Math.min(kk, inst.sets.candidateCount);
        const opt = bestCover(inst, (s) => s.length <= k).value;
        const greedy = maximalCovering(inst, { k }, { localSearch: false });
        const swapped = maximalCovering(inst, { k });
        expect(greedy.newlyCovered).toBeGreaterThanOrEqual(E * opt - 1e-9);
        expect(swapped.newlyCovered).toBeGreaterThanOrEqual(greedy.newlyCovered - 1e-9);
        expect(swapped.newlyCovered).toBeLessThanOrEqual(opt + 1e-9);
        // The reported objective is the cover of the reported sites.
        const sites = swapped.sites.map((s) => s.candidate);
        expect(swapped.newlyCovered).toBeCloseTo(coverOf(inst, sites), 9);
        expect(new Set(sites).size).toBe(sites.length);
        expect(sites.length).toBeLessThanOrEqual(k);
      }),
    );
  });

  it('with a budget, stays within it and within ½(1 − 1/e) of the best affordable set', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 0, max: 12 }), (inst, budget) => {
        const cost = (j: number) => inst.costs?.[j] ?? 1;
        const fits = (s: number[]) => s.reduce((x, j) => x + cost(j), 0) <= budget;
        const opt = bestCover(inst, fits).value;
        const r = maximalCovering(inst, { budget });
        expect(r.cost).toBeLessThanOrEqual(budget);
        expect(fits(r.sites.map((s) => s.candidate))).toBe(true);
        expect(r.newlyCovered).toBeGreaterThanOrEqual((E / 2) * opt - 1e-9);
        expect(r.newlyCovered).toBeLessThanOrEqual(opt + 1e-9);
      }),
    );
  });

  it('refuses a k beyond the candidates, a negative budget and a demand index out of range', () => {
    const inst: SitingInstance = {
      weights: Float64Array.from([1]),
      existingCover: Uint8Array.from([0]),
      sets: coverageSetsFrom([[[0, 1]]]),
    };
    expect(() => maximalCovering(inst, { k: 2 })).toThrow(FuwuError);
    expect(() => maximalCovering(inst, { budget: -1 })).toThrow(/budget/);
    const bad = { ...inst, sets: coverageSetsFrom([[[3, 1]]]) };
    expect(() => maximalCovering(bad, { k: 1 })).toThrow(/sets\.demand\[0\]|out of range/);
  });
});
