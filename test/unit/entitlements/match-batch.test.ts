/**
 * The batch (match-batch.ts) and the seeded receipts (receipts.ts) on a small synthetic population
 * and the hand-made fixture rules: the work lists equal a brute-force pass of the one-person engine;
 * receipts follow the take-up rates and are reproducible.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../src/domain/entitlements/compile.ts';
import { evaluateService, ruleInForce } from '../../../src/domain/entitlements/evaluate.ts';
import { matchPopulation } from '../../../src/domain/entitlements/match-batch.ts';
import { indexParameters } from '../../../src/domain/entitlements/parameters.ts';
import { factsOfPerson } from '../../../src/domain/entitlements/person-facts.ts';
import { hasBit } from '../../../src/domain/entitlements/population-columns.ts';
import { receiptsOf, takeUpOf, withReceipts } from '../../../src/domain/entitlements/receipts.ts';
import { generatePopulation } from '../../../src/domain/entitlements/synthetic-population.ts';
import { CHANGING, DIBAO, HIGH_AGE, LOW_INCOME, PARAMS } from './fixtures.ts';

const DATE = '2025-06-30';
const SERVICES = [HIGH_AGE, DIBAO, LOW_INCOME, CHANGING];
const params = indexParameters(PARAMS);
const base = generatePopulation({
  seed: 3,
  size: 4000,
  date: DATE,
  districts: [
    { code: '510104', residentPopulation: 900_000 },
    { code: '510107', residentPopulation: 1_800_000 },
  ],
});
// Receipts drawn on the same date's rules (the take-up perturbation alone makes the lists).
const pop = withReceipts(
  base,
  new Map(SERVICES.map((s) => [s.code, compileRule(ruleInForce(s, DATE)!, params, DATE, base)])),
  3,
);

describe('matchPopulation', () => {
  it('lists exactly the gap and re-check people a per-person evaluation finds, and counts every outcome', () => {
    const r = matchPopulation(pop, SERVICES, params, DATE);
    const got = new Set<string>();
    for (let k = 0; k < r.items.length; k++)
      got.add(`${r.services[r.items.service[k]!]!.code}/${r.items.kind[k]}/${r.items.person[k]}`);
    const want = new Set<string>();
    r.services.forEach((s, si) => {
      const totals = [0, 0, 0];
      for (let i = 0; i < pop.size; i++) {
        const o = evaluateService(s, params, factsOfPerson(pop, i), DATE).outcome;
        totals[o === 'eligible' ? 0 : o === 'notEligible' ? 1 : 2]!++;
        const receives = hasBit(pop.receives.get(s.code)!, i);
        if (o === 'eligible' && !receives) want.add(`${s.code}/0/${i}`);
        if (o === 'notEligible' && receives) want.add(`${s.code}/1/${i}`);
      }
      expect(r.outcomeTotals[si]).toEqual(totals);
    });
    expect(got).toEqual(want);
    expect(want.size).toBeGreaterThan(0);
    const perDistrict = r.counts.filter((c) => c.service === 0).reduce((s, c) => s + c.population, 0);
    expect(perDistrict).toBe(pop.size);
  });

  it('makes no work list for a service whose receipt is not tracked, but still counts it', () => {
    const r = matchPopulation(pop, SERVICES, params, DATE, { tracked: () => false });
    expect(r.items.length).toBe(0);
    expect(r.counts.reduce((s, c) => s + c.eligible, 0)).toBeGreaterThan(0);
  });
});

describe('receipts', () => {
  it('gives most of the eligible the service, and stale receipts a few % as many as the eligible', () => {
    const outcome = (i: number) => (i % 10 === 0 ? 1 : 0) as 0 | 1;
    const takeUp = { eligible: 0.9, staleOfEligible: 0.05, cannotDecide: 0.5 };
    const bits = receiptsOf(100_000, outcome, takeUp, 1, 'S-7-01');
    let eligibleReceiving = 0;
    let stale = 0;
    for (let i = 0; i < 100_000; i++) {
      if (!hasBit(bits, i)) continue;
      if (outcome(i) === 1) eligibleReceiving++;
      else stale++;
    }
    expect(eligibleReceiving / 10_000).toBeCloseTo(0.9, 1);
    expect(stale / 10_000).toBeGreaterThan(0.035);
    expect(stale / 10_000).toBeLessThan(0.065);
  });

  it('is reproducible per seed and service, with rates in the documented ranges (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('S-1-01', 'S-7-01', 'S-9-04'),
        (seed, code) => {
          const t = takeUpOf(seed, code);
          expect(t).toEqual(takeUpOf(seed, code));
          expect(t.eligible).toBeGreaterThanOrEqual(0.78);
          expect(t.eligible).toBeLessThanOrEqual(0.96);
          expect(t.staleOfEligible).toBeGreaterThanOrEqual(0.02);
          expect(t.staleOfEligible).toBeLessThanOrEqual(0.08);
          const outcome = (i: number) => (i % 3) as 0 | 1 | 2;
          expect(receiptsOf(500, outcome, t, seed, code)).toEqual(receiptsOf(500, outcome, t, seed, code));
        },
      ),
      { numRuns: 50 },
    );
  });
});
