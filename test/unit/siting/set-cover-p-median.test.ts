/** Set covering, p-median and the capacitated variant against brute force on small instances. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacitatedCovering } from '../../../src/domain/siting/capacitated.ts';
import type { SitingInstance } from '../../../src/domain/siting/instance.ts';
import { coverageSetsFrom } from '../../../src/domain/siting/instance.ts';
import { coverOf } from '../../../src/domain/siting/max-cover.ts';
import { pMedian } from '../../../src/domain/siting/p-median.ts';
import { setCovering } from '../../../src/domain/siting/set-cover.ts';
import { smallInstance, subsets } from './brute-force.ts';

const totalOf = (inst: SitingInstance) => inst.weights.reduce((s, w) => s + w, 0);
const existingOf = (inst: SitingInstance) =>
  inst.weights.reduce((s, w, i) => s + (inst.existingCover[i] ? w : 0), 0);

/** Σ people × capped seconds for a set of sites. */
function medianCost(
  inst: SitingInstance,
  existing: Float64Array,
  cap: number,
  sites: readonly number[],
): number {
  const best = Array.from(existing, (t) => Math.min(t, cap));
  const { offsets, demand, seconds } = inst.sets;
  for (const j of sites)
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++)
      best[demand[k]!] = Math.min(best[demand[k]!]!, seconds[k]!);
  return best.reduce((s, t, i) => s + t * inst.weights[i]!, 0);
}

describe('set covering', () => {
  it('reaches the target when it can, with no site it could drop, and says when it cannot', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 100 }), (inst, pct) => {
        const target = pct / 100;
        const r = setCovering(inst, target);
        const total = totalOf(inst);
        const all = Array.from({ length: inst.sets.candidateCount }, (_, j) => j);
        const reachable = existingOf(inst) + coverOf(inst, all) >= target * total * (1 - 1e-12);
        expect(r.reachable).toBe(reachable);
        const share = (existingOf(inst) + coverOf(inst, r.sites)) / total;
        expect(r.share).toBeCloseTo(share, 9);
        if (reachable) {
          expect(share).toBeGreaterThanOrEqual(target * (1 - 1e-9));
          // Minimal: removing any one chosen site falls below the target.
          for (const j of r.sites) {
            const without = r.sites.filter((x) => x !== j);
            expect(existingOf(inst) + coverOf(inst, without)).toBeLessThan(target * total * (1 - 1e-12));
          }
          // Never cheaper than the cheapest set that reaches the target.
          const cost = (s: number[]) => s.reduce((x, j) => x + (inst.costs?.[j] ?? 1), 0);
          let cheapest = Infinity;
          for (const s of subsets(inst.sets.candidateCount, inst.sets.candidateCount)) {
            if (existingOf(inst) + coverOf(inst, s) >= target * total * (1 - 1e-12))
              cheapest = Math.min(cheapest, cost(s));
          }
          expect(r.cost).toBeGreaterThanOrEqual(cheapest);
        }
      }),
    );
  });

  it('needs no site when existing facilities already meet the target', () => {
    const inst: SitingInstance = {
      weights: Float64Array.from([95, 5]),
      existingCover: Uint8Array.from([1, 0]),
      sets: coverageSetsFrom([[[1, 10]]]),
    };
    expect(setCovering(inst, 0.95)).toMatchObject({ sites: [], reachable: true, existingShare: 0.95 });
    expect(setCovering(inst, 0.96).sites).toEqual([0]);
    expect(() => setCovering(inst, 0)).toThrow(/target/);
  });
});

describe('p-median', () => {
  it('never worsens, is never better than the optimum, and its reported total is the sites’ real cost', () => {
    fc.assert(
      fc.property(
        smallInstance,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 300, max: 1200 }),
        (inst, pp, cap) => {
          const p = Math.min(pp, inst.sets.candidateCount);
          const existing = Float64Array.from(inst.weights, (_, i) =>
            inst.existingCover[i] ? 200 + ((i * 37) % 500) : Infinity,
          );
          const r = pMedian({ instance: inst, existingSeconds: existing, capSeconds: cap }, p);
          expect(r.sites.length).toBeLessThanOrEqual(p);
          expect(new Set(r.sites).size).toBe(r.sites.length);
          expect(r.totalSecondsAfter).toBeCloseTo(medianCost(inst, existing, cap, r.sites), 6);
          expect(r.totalSecondsBefore).toBeCloseTo(medianCost(inst, existing, cap, []), 6);
          expect(r.totalSecondsAfter).toBeLessThanOrEqual(r.totalSecondsBefore + 1e-6);
          let opt = Infinity;
          for (const s of subsets(inst.sets.candidateCount, p))
            if (s.length === p) opt = Math.min(opt, medianCost(inst, existing, cap, s));
          expect(r.totalSecondsAfter).toBeGreaterThanOrEqual(opt - 1e-6);
        },
      ),
    );
  });

  it('finds the middle of a line of people', () => {
    // Five demand points on a line, 100 s apart; candidates at each; nothing existing.
    const lists = [0, 1, 2, 3, 4].map((j) =>
      [0, 1, 2, 3, 4].map((i) => [i, Math.abs(i - j) * 100] as [number, number]),
    );
    const inst: SitingInstance = {
      weights: Float64Array.from([1, 1, 1, 1, 1]),
      existingCover: new Uint8Array(5),
      sets: coverageSetsFrom(lists),
    };
    const r = pMedian(
      { instance: inst, existingSeconds: new Float64Array(5).fill(Infinity), capSeconds: 1000 },
      1,
    );
    expect(r.sites).toEqual([2]);
    expect(r.totalSecondsAfter).toBe(600);
    expect(r.meanSeconds).toBe(120);
  });
});

describe('capacitated covering', () => {
  it('serves no more than capacity or demand, existing facilities first, nearest first', () => {
    // Demand: 0 (30 people, near both), 1 (30 people, only the candidate reaches it).
    const input = {
      weights: Float64Array.from([30, 30]),
      existing: coverageSetsFrom([[[0, 100]]]),
      existingCapacities: Float64Array.from([20]),
      candidates: coverageSetsFrom([
        [
          [0, 50],
          [1, 300],
        ],
        [[1, 10]],
      ]),
      capacities: Float64Array.from([100, 25]),
    };
    const r = capacitatedCovering(input, 1);
    expect(r.servedByExisting).toBe(20);
    // Candidate 0 can serve the 10 left at 0 and all 30 at 1 (40); candidate 1 only 25.
    expect(r.sites).toEqual([{ candidate: 0, served: 40 }]);
    const two = capacitatedCovering(input, 2);
    expect(two.servedByNew).toBe(40); // the second site finds nobody left unserved
    expect(two.sites).toHaveLength(1);
  });

  it('never serves more than the people there, whatever the capacities', () => {
    fc.assert(
      fc.property(
        smallInstance,
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 9, maxLength: 9 }),
        (inst, caps) => {
          const m = inst.sets.candidateCount;
          const r = capacitatedCovering(
            {
              weights: inst.weights,
              candidates: inst.sets,
              capacities: Float64Array.from(caps.slice(0, m)),
              existing: coverageSetsFrom([]),
              existingCapacities: new Float64Array(0),
            },
            Math.min(3, m),
          );
          expect(r.servedByNew).toBeLessThanOrEqual(totalOf(inst) + 1e-9);
          for (const s of r.sites) expect(s.served).toBeLessThanOrEqual(caps[s.candidate]! + 1e-9);
          expect(r.sites.reduce((x, s) => x + s.served, 0)).toBeCloseTo(r.servedByNew, 9);
        },
      ),
    );
  });
});
