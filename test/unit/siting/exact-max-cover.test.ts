/** The exact solver (HiGHS via the LP model) against brute force, and the heuristic's gap to it. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../../../src/app/siting/highs-solver.ts';
import { exactMaximalCovering, gapToBound } from '../../../src/domain/siting/exact-max-cover.ts';
import type { SitingLimit } from '../../../src/domain/siting/max-cover.ts';
import { maximalCovering } from '../../../src/domain/siting/max-cover.ts';
import type { MilpSolver } from '../../../src/domain/siting/milp-model.ts';
import { maxCoverModel } from '../../../src/domain/siting/milp-model.ts';
import { bestCover, smallInstance } from './brute-force.ts';

let highs: MilpSolver;
beforeAll(async () => {
  highs = await loadHighsSolver();
});

describe('exact maximal covering', () => {
  it('finds the brute-force optimum, for k and for a budget', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 4 }), fc.boolean(), (inst, kk, byBudget) => {
        const cost = (j: number) => inst.costs?.[j] ?? 1;
        const limit: SitingLimit = byBudget
          ? { budget: kk + 1 }
          : { k: Math.min(kk, inst.sets.candidateCount) };
        const fits = (s: number[]) =>
          'budget' in limit ? s.reduce((x, j) => x + cost(j), 0) <= limit.budget : s.length <= limit.k;
        const opt = bestCover(inst, fits).value;
        const exact = exactMaximalCovering(inst, limit, highs, { timeLimitSeconds: 10 });
        expect(exact.status).toBe('optimal');
        expect(exact.objective).toBeCloseTo(opt, 6);
        expect(exact.bound).toBeCloseTo(opt, 6);
        expect(fits(exact.sites)).toBe(true);
        // The heuristic never beats the optimum, and its gap is measured against it.
        const heuristic = maximalCovering(inst, limit);
        const gap = gapToBound(heuristic.newlyCovered, exact.bound);
        expect(gap).not.toBeNull();
        expect(gap!).toBeGreaterThanOrEqual(0);
        expect(heuristic.newlyCovered).toBeLessThanOrEqual(opt + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('groups demand points with the same candidates into one variable', () => {
    fc.assert(
      fc.property(smallInstance, (inst) => {
        const model = maxCoverModel(inst, { k: 1 }, { integer: true });
        expect(model.groups).toBeLessThanOrEqual(inst.weights.length);
        // The LP relaxation bound is at least the integer optimum.
        const relaxed = highs(maxCoverModel(inst, { k: 2 }, { integer: false }).lp, { timeLimitSeconds: 10 });
        const integer = exactMaximalCovering(inst, { k: Math.min(2, inst.sets.candidateCount) }, highs, {
          timeLimitSeconds: 10,
        });
        if (inst.sets.candidateCount >= 2)
          expect(relaxed.objective!).toBeGreaterThanOrEqual(integer.objective! - 1e-6);
      }),
      { numRuns: 30 },
    );
  });

  it('falls back to the LP relaxation as the bound when the solver stops at its time limit', () => {
    const inst = {
      weights: Float64Array.from([5, 7, 11]),
      existingCover: Uint8Array.from([0, 0, 0]),
      sets: {
        candidateCount: 2,
        offsets: Uint32Array.from([0, 2, 3]),
        demand: Uint32Array.from([0, 1, 2]),
        seconds: Uint32Array.from([1, 1, 1]),
      },
    };
    const calls: string[] = [];
    const stopped: MilpSolver = (lp, opts) => {
      calls.push(lp.includes('General') ? 'integer' : 'relaxed');
      if (lp.includes('General')) return { status: 'timeLimit', objective: 12, values: new Map([['x0', 1]]) };
      return highs(lp, opts);
    };
    const r = exactMaximalCovering(inst, { k: 1 }, stopped, { timeLimitSeconds: 1 });
    expect(calls).toEqual(['integer', 'relaxed']);
    expect(r.status).toBe('timeLimit');
    expect(r.sites).toEqual([0]);
    expect(r.objective).toBe(12);
    // The relaxation (k = 1) is best with x0 = 1, covering 12 people: the bound is 12.
    expect(r.bound).toBeCloseTo(12, 9);
    expect(gapToBound(11, r.bound)).toBeCloseTo(1 / 12, 9);
  });
});
