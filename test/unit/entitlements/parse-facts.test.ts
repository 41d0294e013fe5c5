/**
 * Facts as sent by a person (parse-facts.ts): input facts of their type are kept, empty means
 * unknown (never 0), and every other input is refused with the field `facts.<name>` and a reason in
 * both languages. Properties: any value the registry allows goes through unchanged; a name outside
 * the registry is always named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_FACT_KEYS } from '../../../src/domain/entitlements/facts.ts';
import { parseFacts } from '../../../src/domain/entitlements/parse-facts.ts';
import { DISTRICTS, valueArb } from './arbitraries.ts';

describe('parseFacts', () => {
  it('keeps typed facts and treats empty answers as unknown', () => {
    const { facts, problems } = parseFacts(
      {
        'person.birthDate': '1944-02-29',
        'person.hukouPlace': 'chengdu',
        'person.pregnant': false,
        'household.incomeMonthly': 0,
        'household.memberCount': '',
        'person.sex': null,
        'person.residenceDistrict': '510104',
      },
      DISTRICTS,
    );
    expect(problems).toEqual([]);
    expect(facts).toEqual({
      'person.birthDate': '1944-02-29',
      'person.hukouPlace': 'chengdu',
      'person.pregnant': false,
      'household.incomeMonthly': 0,
      'person.residenceDistrict': '510104',
    });
  });

  it('names each bad field with a reason in Chinese and English', () => {
    const { problems } = parseFacts(
      {
        'person.shoeSize': 42,
        'person.ageYears': 80,
        'person.birthDate': '1945-02-29',
        'person.hukouPlace': 'mars',
        'household.incomeMonthly': -5,
        'person.pregnant': 'yes',
        'person.residenceDistrict': '999999',
      },
      DISTRICTS,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'facts.person.shoeSize',
      'facts.person.ageYears',
      'facts.person.birthDate',
      'facts.person.hukouPlace',
      'facts.household.incomeMonthly',
      'facts.person.pregnant',
      'facts.person.residenceDistrict',
    ]);
    expect(problems[1]?.zh).toContain('person.birthDate');
    for (const p of problems) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/[a-z]/);
    }
  });

  it('lets every value the registry allows through unchanged (property)', () => {
    const arb = fc.constantFrom(...INPUT_FACT_KEYS).chain((k) => valueArb(k).map((v) => [k, v] as const));
    fc.assert(
      fc.property(arb, ([k, v]) => {
        const { facts, problems } = parseFacts({ [k]: v }, DISTRICTS);
        expect(problems).toEqual([]);
        expect(facts[k]).toBe(v);
      }),
    );
  });

  it('always names a fact outside the registry (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !(INPUT_FACT_KEYS as readonly string[]).includes(s)),
        fc.oneof(fc.integer(), fc.boolean(), fc.string({ minLength: 1 })),
        (name, value) => {
          const { facts, problems } = parseFacts({ [name]: value }, DISTRICTS);
          expect(problems.map((p) => p.field)).toEqual([`facts.${name}`]);
          expect(Object.keys(facts)).toEqual([]);
        },
      ),
    );
  });
});
