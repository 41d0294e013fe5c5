/**
 * The batch evaluator (compile.ts) against the one-person engine: hand-worked cases on a small
 * population, then the property that for random facts (with unknowns), random conditions over the
 * registry and random dates, compileRule gives evaluateService's outcome for every person, including
 * people who share a household. Also the round trip of person-facts.ts / population-of-facts.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, RuleVersion } from '../../../src/domain/entitlements/catalog.schema.ts';
import type { PersonOutcome } from '../../../src/domain/entitlements/compile.ts';
import { compileRule } from '../../../src/domain/entitlements/compile.ts';
import { evaluateService } from '../../../src/domain/entitlements/evaluate.ts';
import type { Facts } from '../../../src/domain/entitlements/facts.ts';
import { indexParameters } from '../../../src/domain/entitlements/parameters.ts';
import { factsOfPerson } from '../../../src/domain/entitlements/person-facts.ts';
import { populationOfFacts } from '../../../src/domain/entitlements/population-of-facts.ts';
import { DISTRICTS, PROPERTY_PARAMS, conditionArb, dateArb, factsArb } from './arbitraries.ts';
import { DIBAO, HIGH_AGE, LOW_INCOME, PARAMS, service } from './fixtures.ts';

const params = indexParameters(PARAMS);
const propertyParams = indexParameters(PROPERTY_PARAMS);
const CODE: Record<string, PersonOutcome> = { notEligible: 0, eligible: 1, cannotDecide: 2 };

function rule(eligibility: Condition): RuleVersion {
  return { from: '2020-01-01', eligibility, reference: '测试' };
}

describe('compileRule on hand-worked people', () => {
  const people: Facts[] = [
    { 'person.birthDate': '1945-02-28', 'person.hukouPlace': 'chengdu' }, // 80 on 2025-02-28
    { 'person.birthDate': '1945-03-01', 'person.hukouPlace': 'chengdu' }, // 79 on 2025-02-28
    { 'person.birthDate': '1944-02-29', 'person.hukouPlace': 'chengdu' }, // 81 only from 2025-03-01
    { 'person.hukouPlace': 'chengdu' }, // birth date unknown
    { 'person.birthDate': '1930-01-01', 'person.hukouPlace': 'otherProvince' },
  ];
  const pop = populationOfFacts(people, DISTRICTS);

  it('age ≥ 80 by birth-day cutoff, with the birthday on the date and an unknown birth date', () => {
    const judge = compileRule(HIGH_AGE.rules[0]!, params, '2025-02-28', pop);
    expect([0, 1, 2, 3, 4].map(judge)).toEqual([1, 0, 1, 2, 0]);
  });

  it('born 29 February reaches 81 on 1 March in a non-leap year', () => {
    const at81 = rule({ fact: 'person.ageYears', op: 'ge', value: 81 });
    expect(compileRule(at81, params, '2025-02-28', pop)(2)).toBe(0);
    expect(compileRule(at81, params, '2025-03-01', pop)(2)).toBe(1);
  });

  it("the spouse's age counts from the spouse's birth date (女方年满49周岁), the birthday on the date", () => {
    const couples = populationOfFacts(
      [
        { 'person.birthDate': '1970-01-01', 'person.spouseBirthDate': '1976-05-06' }, // 49 on 2025-05-06
        { 'person.birthDate': '1976-05-06', 'person.spouseBirthDate': '1976-05-07' }, // 48 on 2025-05-06
        { 'person.birthDate': '1976-05-06' }, // no spouse known
      ],
      DISTRICTS,
    );
    const at49 = rule({ fact: 'person.spouseAgeYears', op: 'ge', value: 49 });
    expect([0, 1, 2].map(compileRule(at49, params, '2025-05-06', couples))).toEqual([1, 0, 2]);
    expect([0, 1, 2].map(compileRule(at49, params, '2025-05-05', couples))).toEqual([0, 0, 2]);
  });

  it('per-capita income exactly at the line, by hukou type, in a shared household', () => {
    // Household 0: 2 members, 2180 a month (1090 each), urban member; household 1: rural, 950.
    const members: Facts[] = [
      {
        'person.hukouType': 'urban',
        'household.incomeMonthly': 2180,
        'household.memberCount': 2,
        'household.financialAssets': 0,
        'household.assistanceStatus': 'none',
      },
      { 'person.hukouType': 'rural' },
      {
        'person.hukouType': 'rural',
        'household.incomeMonthly': 950,
        'household.memberCount': 1,
        'household.financialAssets': 0,
        'household.assistanceStatus': 'none',
      },
      { 'household.incomeMonthly': 950, 'household.memberCount': 1 },
    ];
    const shared = populationOfFacts(members, DISTRICTS, [0, 0, 1, 2]);
    const judge = compileRule(DIBAO.rules[0]!, params, '2025-07-01', shared);
    // Person 0: 1090 ≤ urban 1090. Person 1: same household, rural line 900: 1090 > 900.
    // Person 2: 950 > 900. Person 3: hukou type unknown, so the line is unknown.
    expect([0, 1, 2, 3].map(judge)).toEqual([1, 0, 0, 2]);
    // Low income, 1.5 × the line: person 2 (rural, 950 ≤ 1350).
    expect(compileRule(LOW_INCOME.rules[0]!, params, '2025-07-01', shared)(2)).toBe(1);
  });

  it('a fact the population lacks is unknown for everyone, never 0', () => {
    const bare = { ...pop, person: {}, household: {} };
    expect(
      compileRule(rule({ fact: 'person.incomeMonthly', op: 'ge', value: 0 }), params, '2025-01-01', bare)(0),
    ).toBe(2);
  });

  it('a parameter with no value on the date is refused at compile time', () => {
    expect(() => compileRule(LOW_INCOME.rules[0]!, params, '2024-01-01', pop)).toThrow(
      /dibao_line.*2024-01-01/,
    );
  });
});

describe('compileRule equals evaluateService (property)', () => {
  it('for one person at a time', () => {
    fc.assert(
      fc.property(factsArb(), conditionArb, dateArb, (facts, condition, date) => {
        const pop = populationOfFacts([facts], DISTRICTS);
        const expected = evaluateService(
          service('S-9-99', [['2020-01-01', condition]]),
          propertyParams,
          facts,
          date,
        );
        expect(compileRule(rule(condition), propertyParams, date, pop)(0)).toBe(CODE[expected.outcome]);
      }),
      { numRuns: 2000 },
    );
  });

  it('for a few people sharing households (facts decoded back with factsOfPerson)', () => {
    const crowd = fc.array(fc.tuple(factsArb(0.7), fc.integer({ min: 0, max: 2 })), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(crowd, conditionArb, dateArb, (rows, condition, date) => {
        // Household numbers made dense in order of first appearance.
        const ids = new Map<number, number>();
        const householdOf = rows.map(([, h]) => ids.get(h) ?? (ids.set(h, ids.size), ids.size - 1));
        const pop = populationOfFacts(
          rows.map(([f]) => f),
          DISTRICTS,
          householdOf,
        );
        const judge = compileRule(rule(condition), propertyParams, date, pop);
        const s = service('S-9-99', [['2020-01-01', condition]]);
        for (let i = 0; i < pop.size; i++) {
          const expected = evaluateService(s, propertyParams, factsOfPerson(pop, i), date);
          expect(judge(i)).toBe(CODE[expected.outcome]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('factsOfPerson gives back the facts a one-person population was built from', () => {
    fc.assert(
      fc.property(factsArb(), (facts) => {
        expect(factsOfPerson(populationOfFacts([facts], DISTRICTS), 0)).toEqual(facts);
      }),
    );
  });
});
