/**
 * Laws the engine must keep for any facts, any rule and any date (fast-check):
 * - Kleene monotonicity: learning one more fact never turns a decided outcome into another;
 * - everything known decides: with every input fact known the answer is never "cannot decide";
 * - `missing` is sufficient: giving values to exactly the missing facts always decides, and it
 *   names only unknown input facts (never a derived one);
 * - the logic's identities (double negation, De Morgan, one-child groups);
 * - the age arithmetic: birth-day cutoffs agree with full years and months for every date.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../src/domain/entitlements/catalog.schema.ts';
import {
  ageCutoffDay,
  civilOf,
  daysFromCivil,
  deriveFact,
  fullMonths,
  fullYears,
  isDerivedFact,
  isoOfDay,
} from '../../../src/domain/entitlements/derive.ts';
import { evaluateService } from '../../../src/domain/entitlements/evaluate.ts';
import type { FactKey, FactValue, Facts } from '../../../src/domain/entitlements/facts.ts';
import { FACT_KEYS, INPUT_FACT_KEYS } from '../../../src/domain/entitlements/facts.ts';
import { indexParameters } from '../../../src/domain/entitlements/parameters.ts';
import { isoDay } from '../../../src/domain/entitlements/population-columns.ts';
import { PROPERTY_PARAMS, conditionArb, dateArb, factsArb, valueArb } from './arbitraries.ts';
import { service } from './fixtures.ts';

const params = indexParameters(PROPERTY_PARAMS);
const outcomeOf = (c: Condition, facts: Facts, date: string) =>
  evaluateService(service('S-9-99', [['2020-01-01', c]]), params, facts, date);

/** Values for the given keys, drawn per key. */
const valuesFor = (keys: readonly FactKey[]) =>
  fc
    .tuple(...keys.map((k) => valueArb(k)))
    .map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]])) as Facts);

describe('Kleene laws', () => {
  it('one more known fact never changes a decided outcome', () => {
    const extra = fc
      .constantFrom(...INPUT_FACT_KEYS)
      .chain((k) => valueArb(k).map((v) => [k, v] as [FactKey, FactValue]));
    fc.assert(
      fc.property(factsArb(), conditionArb, dateArb, extra, (facts, c, date, [k, v]) => {
        fc.pre(facts[k] === undefined);
        const before = outcomeOf(c, facts, date).outcome;
        fc.pre(before !== 'cannotDecide');
        expect(outcomeOf(c, { ...facts, [k]: v }, date).outcome).toBe(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('with every input fact known, the engine always decides', () => {
    fc.assert(
      fc.property(valuesFor(INPUT_FACT_KEYS), conditionArb, dateArb, (facts, c, date) => {
        expect(outcomeOf(c, facts, date).outcome).not.toBe('cannotDecide');
      }),
      { numRuns: 500 },
    );
  });

  it('double negation, De Morgan and one-child groups keep the outcome', () => {
    fc.assert(
      fc.property(factsArb(), conditionArb, conditionArb, dateArb, (facts, a, b, date) => {
        const o = (c: Condition) => outcomeOf(c, facts, date).outcome;
        expect(o({ not: { not: a } })).toBe(o(a));
        expect(o({ all: [a] })).toBe(o(a));
        expect(o({ any: [a] })).toBe(o(a));
        expect(o({ not: { all: [a, b] } })).toBe(o({ any: [{ not: a }, { not: b }] }));
        expect(o({ all: [a, b] })).toBe(o({ all: [b, a] }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('missing facts', () => {
  it('are unknown input facts, and giving values to exactly them decides', () => {
    const undecided = fc
      .tuple(factsArb(), conditionArb, dateArb)
      .map(([facts, c, date]) => ({ facts, c, date, e: outcomeOf(c, facts, date) }))
      .filter(({ e }) => e.outcome === 'cannotDecide');
    fc.assert(
      fc.property(
        undecided.chain((u) => valuesFor(u.e.missing).map((fill) => ({ ...u, fill }))),
        ({ facts, c, date, e, fill }) => {
          expect(e.missing.length).toBeGreaterThan(0);
          expect(e.missing.every((k) => INPUT_FACT_KEYS.includes(k) && facts[k] === undefined)).toBe(true);
          expect(new Set(e.missing).size).toBe(e.missing.length);
          expect(outcomeOf(c, { ...facts, ...fill }, date).outcome).not.toBe('cannotDecide');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('are empty when the outcome is decided', () => {
    fc.assert(
      fc.property(factsArb(), conditionArb, dateArb, (facts, c, date) => {
        const e = outcomeOf(c, facts, date);
        if (e.outcome !== 'cannotDecide') expect(e.missing).toEqual([]);
      }),
    );
  });
});

describe('age arithmetic', () => {
  const day = fc.integer({ min: isoDay('1900-01-01'), max: isoDay('2100-12-31') });

  it('days and ISO dates convert both ways, and agree with Date', () => {
    fc.assert(
      fc.property(day, (d) => {
        const iso = isoOfDay(d);
        expect(isoDay(iso)).toBe(d);
        const { y, m, d: dd } = civilOf(iso);
        expect(daysFromCivil(y, m, dd)).toBe(d);
      }),
    );
  });

  it('age ≥ n exactly when the birth day is on or before the cutoff (years and months)', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: -5, max: 130 }), (birth, on, n) => {
        const b = civilOf(isoOfDay(birth));
        const o = civilOf(isoOfDay(on));
        expect(fullYears(b, o) >= n).toBe(birth <= ageCutoffDay('years', n, o));
        expect(fullMonths(b, o) >= n * 12).toBe(birth <= ageCutoffDay('months', n * 12, o));
        expect(fullMonths(b, o) >= n).toBe(birth <= ageCutoffDay('months', n, o));
      }),
      { numRuns: 3000 },
    );
  });

  it('every derived fact of the registry is computed (none forgotten in derive.ts)', () => {
    const facts: Facts = {
      'person.birthDate': '1950-05-05',
      'person.spouseBirthDate': '1976-05-06',
      'household.incomeMonthly': 3000,
      'household.financialAssets': 9000,
      'household.memberCount': 3,
    };
    const derived = FACT_KEYS.filter((k) => isDerivedFact(k));
    expect(derived.length).toBe(5);
    for (const k of derived) expect(typeof deriveFact(k, facts, '2025-05-05')).toBe('number');
    expect(deriveFact('person.ageYears', facts, '2025-05-05')).toBe(75);
    // The spouse's age counts from the spouse's birth date: 49 tomorrow, so 48 today.
    expect(deriveFact('person.spouseAgeYears', facts, '2025-05-05')).toBe(48);
    expect(deriveFact('person.spouseAgeYears', facts, '2025-05-06')).toBe(49);
    expect(deriveFact('person.spouseAgeYears', { 'person.birthDate': '1950-05-05' }, '2025-05-06')).toBe(
      null,
    );
    expect(deriveFact('household.incomePerCapitaMonthly', facts, '2025-05-05')).toBe(1000);
  });
});
