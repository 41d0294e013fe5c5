/**
 * validateCatalog: a good catalog passes; each kind of mistake is reported once, at the right field
 * path, with a reason in both languages.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Parameter } from '../../../src/domain/entitlements/catalog.schema.ts';
import { validateCatalog } from '../../../src/domain/entitlements/validate-catalog.ts';
import { CARE_LINE, DISTRICTS } from './arbitraries.ts';
import { CHANGING, DIBAO, DIBAO_LINE, HIGH_AGE, LOW_INCOME, PARAMS, service } from './fixtures.ts';

const GOOD = [HIGH_AGE, DIBAO, LOW_INCOME, CHANGING];

/** The fields reported for one rule (from 2025-01-01) with these parameters. */
function fieldsFor(eligibility: Condition, params: Parameter[] = PARAMS): string[] {
  return validateCatalog([service('S-9-01', [['2025-01-01', eligibility]])], params, DISTRICTS).map(
    (p) => p.field,
  );
}

const AT = 'services[S-9-01].rules[0].eligibility';

describe('validateCatalog', () => {
  it('passes a good catalog', () => {
    expect(validateCatalog(GOOD, [...PARAMS, CARE_LINE], DISTRICTS)).toEqual([]);
  });

  it('names a fact that does not exist', () => {
    expect(
      fieldsFor({ all: [HIGH_AGE.rules[0]!.eligibility, { fact: 'person.shoeSize', op: 'eq', value: 1 }] }),
    ).toEqual([`${AT}.all[1].fact`]);
  });

  it('refuses a value of the wrong kind, an enum value not in the fact, and a district not in the pack', () => {
    expect(fieldsFor({ fact: 'person.incomeMonthly', op: 'le', value: 'much' })).toEqual([`${AT}.value`]);
    expect(fieldsFor({ fact: 'person.pregnant', op: 'eq', value: 'yes' })).toEqual([`${AT}.value`]);
    expect(fieldsFor({ fact: 'person.sex', op: 'in', value: ['female', 'other'] })).toEqual([
      `${AT}.value[1]`,
    ]);
    expect(fieldsFor({ fact: 'person.residenceDistrict', op: 'eq', value: '999999' })).toEqual([
      `${AT}.value`,
    ]);
    expect(fieldsFor({ fact: 'person.residenceDistrict', op: 'eq', value: '510104' })).toEqual([]);
    expect(fieldsFor({ fact: 'person.birthDate', op: 'lt', value: '1960-02-30' })).toEqual([`${AT}.value`]);
  });

  it('takes lists only with in/notIn and orders only on numbers and dates', () => {
    expect(fieldsFor({ fact: 'person.sex', op: 'in', value: 'female' })).toEqual([`${AT}.value`]);
    expect(fieldsFor({ fact: 'person.sex', op: 'eq', value: ['female'] })).toEqual([`${AT}.value`]);
    expect(fieldsFor({ fact: 'person.sex', op: 'lt', value: 'male' })).toEqual([`${AT}.op`]);
    expect(fieldsFor({ fact: 'person.birthDate', op: 'lt', value: '1960-01-01' })).toEqual([]);
  });

  it('names a missing parameter, a parameter with no value on the rule date, and a parameter on a non-number', () => {
    expect(fieldsFor({ any: [{ fact: 'person.ageYears', op: 'ge', param: 'nope' }] })).toEqual([
      `${AT}.any[0].param`,
    ]);
    // dibao_line starts 2024-07-01; a rule from 2024-01-01 reads it before it has a value.
    const early = service('S-9-02', [['2024-01-01', LOW_INCOME.rules[0]!.eligibility]]);
    const problems = validateCatalog([early], PARAMS, DISTRICTS);
    expect(problems.map((p) => p.field)).toEqual(['services[S-9-02].rules[0].eligibility.param']);
    expect(problems[0]?.zh).toContain('dibao_line');
    expect(problems[0]?.en).toContain('2024-01-01');
    expect(fieldsFor({ fact: 'person.sex', op: 'eq', param: 'dibao_line' })).toEqual([`${AT}.param`]);
    expect(fieldsFor({ not: { fact: 'person.incomeMonthly', op: 'le', value: 3, factor: 2 } })).toEqual([
      `${AT}.not.factor`,
    ]);
    // The schema refuses this too; the check stands for catalogs built in code.
    const neither = service('S-9-01', [['2025-01-01', { all: [] }]]);
    neither.rules[0]!.eligibility = { fact: 'person.incomeMonthly', op: 'le' };
    expect(validateCatalog([neither], PARAMS, DISTRICTS).map((p) => p.field)).toEqual([AT]);
  });

  it('checks a by-parameter has a value for every value of an enum fact', () => {
    const halfLine: Parameter = {
      ...DIBAO_LINE,
      values: [{ ...DIBAO_LINE.values[0]!, value: { urban: 1050, town: 900 } }],
    };
    // LOW_INCOME reads dibao_line, so the rural value must be there; `town` is no hukou type.
    expect(validateCatalog([LOW_INCOME], [halfLine], DISTRICTS).map((p) => [p.field, p.en])).toEqual([
      ['parameters[dibao_line].values[0].value', 'no value for rural'],
      ['parameters[dibao_line].values[0].value', 'town not values of person.hukouType'],
    ]);
    // Read by no rule (an amount only): the absent value means "not applicable".
    expect(validateCatalog([], [halfLine], DISTRICTS).map((p) => p.en)).toEqual([
      'town not values of person.hukouType',
    ]);
    const byNumber: Parameter = { ...DIBAO_LINE, by: 'person.incomeMonthly' };
    expect(validateCatalog([], [byNumber], DISTRICTS).map((p) => p.field)).toEqual([
      'parameters[dibao_line].by',
    ]);
    const districtLine = { ...CARE_LINE, values: [{ ...CARE_LINE.values[0]!, value: { '510104': 1 } }] };
    const readsCareLine = service('S-9-05', [
      ['2025-01-01', { fact: 'person.incomeMonthly', op: 'le', param: 'care_line' }],
    ]);
    expect(validateCatalog([readsCareLine], [districtLine], DISTRICTS).map((p) => p.en)).toEqual([
      'no value for 510105, 510106',
    ]);
  });

  it('refuses duplicate codes, unsorted or repeated version dates, and unknown listed parameters', () => {
    const unsorted = service('S-9-03', [
      ['2025-01-01', { all: [] }],
      ['2024-01-01', { all: [] }],
      ['2024-01-01', { all: [] }],
    ]);
    const listed = service('S-9-04', [['2025-01-01', { all: [] }]], ['dibao_line', 'no_such']);
    const fields = validateCatalog(
      [HIGH_AGE, HIGH_AGE, unsorted, listed],
      [...PARAMS, PARAMS[0]!],
      DISTRICTS,
    ).map((p) => p.field);
    expect(fields).toEqual([
      'parameters[dibao_line].code',
      'services[S-5-01].code',
      'services[S-9-03].rules[1].from',
      'services[S-9-03].rules[2].from',
      'services[S-9-04].parameters[1]',
    ]);
  });
});
