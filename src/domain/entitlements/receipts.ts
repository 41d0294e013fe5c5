/**
 * Who receives which service in the synthetic population (示例): decided from the rules, then
 * perturbed with seeded take-up rates, so that the work lists of a batch run are non-trivial and
 * their sizes known in advance:
 * - most people eligible receive the service; some do not (the proactive gap, 应享未享);
 * - some who are not eligible (any more) still receive it (the re-check case, 应退未退), a few %
 *   as many as the eligible;
 * - of those the registry cannot decide, about half receive it.
 * The eligibility of person i for a service is given as a function (the compiled rule).
 */
import { createRandom, hashString } from '../shared/random.ts';
import type { PopulationColumns } from './population-columns.ts';
import { bitsetFor, setBit } from './population-columns.ts';

/** 0 notEligible, 1 eligible, 2 cannotDecide (as compile.ts's PersonOutcome). */
export type OutcomeOf = (i: number) => 0 | 1 | 2;

export interface TakeUp {
  /** Share of the eligible who receive the service. */
  eligible: number;
  /**
   * Stale receipts, as a share of the number eligible: people who receive the service although not
   * eligible (any more). A share of the eligible, not of everyone: a service for 1% of people has
   * a re-check list of the same order, not one the size of the city.
   */
  staleOfEligible: number;
  /** Share of the undecidable who receive it. */
  cannotDecide: number;
}

/**
 * A service's take-up, seeded per service so it differs between services but not between runs:
 * 78–96% of the eligible receive it, and stale receipts number 2–8% of the eligible (assumptions,
 * to be replaced by the departments' real figures).
 */
export function takeUpOf(seed: number, serviceCode: string): TakeUp {
  const r = createRandom((seed ^ hashString(`take-up:${serviceCode}`)) >>> 0);
  return { eligible: 0.78 + 0.18 * r(), staleOfEligible: 0.02 + 0.06 * r(), cannotDecide: 0.5 };
}

/** The receipt bitset of one service: who receives it now. */
export function receiptsOf(
  size: number,
  outcomeOf: OutcomeOf,
  takeUp: TakeUp,
  seed: number,
  serviceCode: string,
): Uint8Array {
  const outcomes = new Uint8Array(size);
  const n = [0, 0, 0];
  for (let i = 0; i < size; i++) n[(outcomes[i] = outcomeOf(i))]!++;
  const stale = n[0]! > 0 ? Math.min(1, (takeUp.staleOfEligible * n[1]!) / n[0]!) : 0;
  const rates = [stale, takeUp.eligible, takeUp.cannotDecide];
  const bits = bitsetFor(size);
  const next = createRandom((seed ^ hashString(`receipt:${serviceCode}`)) >>> 0);
  for (let i = 0; i < size; i++) if (next() < rates[outcomes[i]!]!) setBit(bits, i);
  return bits;
}

/** The population with receipt bitsets for the given services (columns shared, not copied). */
export function withReceipts(
  pop: PopulationColumns,
  outcomes: ReadonlyMap<string, OutcomeOf>,
  seed: number,
): PopulationColumns {
  const receives = new Map(pop.receives);
  for (const [code, outcomeOf] of outcomes)
    receives.set(code, receiptsOf(pop.size, outcomeOf, takeUpOf(seed, code), seed, code));
  return { ...pop, receives };
}
