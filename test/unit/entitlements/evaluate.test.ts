/**
 * The one-person engine (src/domain/entitlements/evaluate.ts) on hand-worked cases: every case below
 * was worked out from the fixture rules by hand (the arithmetic is in the comments), including the
 * edges the issue names — a birthday on the evaluation date, income exactly at the line, a rule
 * version and a parameter value that start on the evaluation date.
 */
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../src/domain/entitlements/catalog.schema.ts';
import type { Evaluation } from '../../../src/domain/entitlements/evaluate.ts';
import {
  evaluateAll,
  evaluateService,
  nextQuestion,
  ruleInForce,
} from '../../../src/domain/entitlements/evaluate.ts';
import type { Facts } from '../../../src/domain/entitlements/facts.ts';
import { indexParameters, parameterOn } from '../../../src/domain/entitlements/parameters.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { CHANGING, DIBAO, DIBAO_LINE, HIGH_AGE, LOW_INCOME, PARAMS, service } from './fixtures.ts';

const params = indexParameters(PARAMS);
const chengdu: Facts = { 'person.hukouPlace': 'chengdu' };

function outcome(s: typeof HIGH_AGE, facts: Facts, date: string) {
  return evaluateService(s, params, facts, date).outcome;
}

describe('ages and birthdays', () => {
  it('a person born 1945-02-28 is 80 on 2025-02-28 and 79 the day before', () => {
    const born = { ...chengdu, 'person.birthDate': '1945-02-28' };
    expect(outcome(HIGH_AGE, born, '2025-02-28')).toBe('eligible');
    expect(outcome(HIGH_AGE, born, '2025-02-27')).toBe('notEligible');
  });

  it('born on 29 February: 80 on 2024-02-29 (leap), 81 on 1 March 2025, not on 28 February', () => {
    const born = { 'person.birthDate': '1944-02-29' };
    const at81 = service('S-5-09', [['2020-01-01', { fact: 'person.ageYears', op: 'ge', value: 81 }]]);
    expect(outcome(HIGH_AGE, { ...chengdu, ...born }, '2024-02-28')).toBe('notEligible');
    expect(outcome(HIGH_AGE, { ...chengdu, ...born }, '2024-02-29')).toBe('eligible');
    expect(outcome(at81, born, '2025-02-28')).toBe('notEligible');
    expect(outcome(at81, born, '2025-03-01')).toBe('eligible');
  });

  it('full months: born 2024-01-31 is 0 months on 2024-02-29 and 1 month on 2024-03-01', () => {
    const atLeastOneMonth = service('S-1-01', [
      ['2020-01-01', { fact: 'person.ageMonths', op: 'ge', value: 1 }],
    ]);
    const born = { 'person.birthDate': '2024-01-31' };
    expect(outcome(atLeastOneMonth, born, '2024-02-29')).toBe('notEligible');
    expect(outcome(atLeastOneMonth, born, '2024-03-01')).toBe('eligible');
    const under36 = service('S-1-02', [['2020-01-01', { fact: 'person.ageMonths', op: 'lt', value: 36 }]]);
    // 2021-06-15 + 36 months = 2024-06-15: under 36 months on the 14th, not on the 15th.
    expect(outcome(under36, { 'person.birthDate': '2021-06-15' }, '2024-06-14')).toBe('eligible');
    expect(outcome(under36, { 'person.birthDate': '2021-06-15' }, '2024-06-15')).toBe('notEligible');
  });
});

describe('income lines and parameters', () => {
  // Urban dibao line from 2024-07-01: 1050; from 2025-07-01: 1090. Assets 30,000 per member.
  const household = (income: number, members: number): Facts => ({
    'person.hukouType': 'urban',
    'household.incomeMonthly': income,
    'household.memberCount': members,
    'household.financialAssets': 10_000,
    'household.assistanceStatus': 'none',
  });

  it('income exactly at the line qualifies (le counts the line itself): 2180 / 2 = 1090', () => {
    expect(outcome(DIBAO, household(2180, 2), '2025-07-01')).toBe('eligible');
    // 2181 / 2 = 1090.5 > 1090.
    expect(outcome(DIBAO, household(2181, 2), '2025-07-01')).toBe('notEligible');
  });

  it('a parameter value that starts on the evaluation date applies on that date', () => {
    // 3 × 1070 = 3210: above 1050 (until 2025-06-30), below 1090 (from 2025-07-01).
    expect(outcome(DIBAO, household(3210, 3), '2025-06-30')).toBe('notEligible');
    expect(outcome(DIBAO, household(3210, 3), '2025-07-01')).toBe('eligible');
  });

  it('factor multiplies the parameter: low income is at most 1.5 × 1090 = 1635 per member', () => {
    expect(outcome(LOW_INCOME, household(1635, 1), '2025-08-01')).toBe('eligible');
    expect(outcome(LOW_INCOME, household(1636, 1), '2025-08-01')).toBe('notEligible');
    const e = evaluateService(LOW_INCOME, params, household(1635, 1), '2025-08-01');
    expect(e.trace.threshold).toBe(1635);
    expect(e.trace.parameter).toMatchObject({ code: 'dibao_line', value: 1090, from: '2025-07-01' });
  });

  it('a rural household is measured against the rural line (by hukou type)', () => {
    // Rural line 900 from 2025-07-01: 950 per member is above it, below the urban 1090.
    const rural = { ...household(950, 1), 'person.hukouType': 'rural' };
    expect(outcome(DIBAO, rural, '2025-07-01')).toBe('notEligible');
    expect(outcome(DIBAO, household(950, 1), '2025-07-01')).toBe('eligible');
  });

  it('parameterOn: the value in force, null value when the by fact is unknown, null before the first', () => {
    expect(parameterOn(DIBAO_LINE, '2025-07-01', { 'person.hukouType': 'rural' })).toEqual({
      code: 'dibao_line',
      name: '最低生活保障标准',
      value: 900,
      from: '2025-07-01',
      reference: '成民发〔2025〕2号（示例）',
      unit: '元/人·月',
    });
    expect(parameterOn(DIBAO_LINE, '2025-06-30', {})?.value).toBeNull();
    expect(parameterOn(DIBAO_LINE, '2024-06-30', {})).toBeNull();
  });

  it('a parameter with no value on the date is refused, naming the parameter and the date', () => {
    const facts = {
      'person.hukouType': 'urban',
      'household.incomeMonthly': 1,
      'household.memberCount': 1,
    } as Facts;
    // A (faulty) rule in force from 2021 reading a line that only has values from 2024-07-01.
    const early = service('S-7-09', [['2021-01-01', LOW_INCOME.rules[0]!.eligibility]]);
    const run = () => evaluateService(early, params, facts, '2024-01-01');
    expect(run).toThrow(FuwuError);
    expect(run).toThrow(/dibao_line.*2024-01-01/);
    const noParams = () => evaluateService(LOW_INCOME, indexParameters([]), facts, '2025-08-01');
    expect(noParams).toThrow(/dibao_line/);
  });

  it('indexParameters refuses a code given twice', () => {
    expect(() => indexParameters([DIBAO_LINE, DIBAO_LINE])).toThrow(/dibao_line/);
  });
});

describe('rule versions', () => {
  it('the version starting on the evaluation date is the one in force', () => {
    const born75 = { 'person.birthDate': '1950-06-01' }; // 75 on both dates
    expect(ruleInForce(CHANGING, '2025-12-31')?.from).toBe('2021-01-01');
    expect(ruleInForce(CHANGING, '2026-01-01')?.from).toBe('2026-01-01');
    expect(outcome(CHANGING, born75, '2025-12-31')).toBe('notEligible');
    expect(outcome(CHANGING, born75, '2026-01-01')).toBe('eligible');
    expect(evaluateService(CHANGING, params, born75, '2026-01-01').ruleReference).toBe('规则 2026-01-01');
  });

  it('before the first version: not eligible, and the trace says no rule was in force', () => {
    const e = evaluateService(CHANGING, params, { 'person.birthDate': '1930-01-01' }, '2020-12-31');
    expect(ruleInForce(CHANGING, '2020-12-31')).toBeNull();
    expect(e.outcome).toBe('notEligible');
    expect(e.trace.text).toBe('2020年12月31日该服务尚无生效的规则：不满足');
    expect(e.missing).toEqual([]);
  });
});

describe('three-valued logic and missing facts', () => {
  const A: Condition = { fact: 'person.pregnant', op: 'eq', value: true };
  const B: Condition = { fact: 'person.hasResidencePermit', op: 'eq', value: true };
  const C: Condition = { fact: 'person.sex', op: 'eq', value: 'female' };
  const D: Condition = { fact: 'person.incomeMonthly', op: 'lt', value: 2000 };
  const run = (c: Condition, facts: Facts) =>
    evaluateService(service('S-9-01', [['2020-01-01', c]]), params, facts, '2025-01-01');

  it('an unknown birth date: cannot decide, and the birth date (not the age) is what is missing', () => {
    const e = evaluateService(HIGH_AGE, params, chengdu, '2025-01-01');
    expect(e.outcome).toBe('cannotDecide');
    expect(e.missing).toEqual(['person.birthDate']);
  });

  it('all with a false child is false whatever else is unknown, and needs nothing', () => {
    const e = run({ all: [A, B] }, { 'person.pregnant': false });
    expect(e.outcome).toBe('notEligible');
    expect(e.missing).toEqual([]);
  });

  it('any with a true child is true whatever else is unknown', () => {
    expect(run({ any: [A, B] }, { 'person.hasResidencePermit': true }).outcome).toBe('eligible');
    expect(run({ any: [A, B] }, { 'person.hasResidencePermit': false }).missing).toEqual(['person.pregnant']);
  });

  it('not swaps true and false and keeps unknown', () => {
    expect(run({ not: A }, { 'person.pregnant': true }).outcome).toBe('notEligible');
    expect(run({ not: A }, { 'person.pregnant': false }).outcome).toBe('eligible');
    expect(run({ not: A }, {}).outcome).toBe('cannotDecide');
  });

  it('empty all is true', () => {
    expect(run({ all: [] }, {}).outcome).toBe('eligible');
  });

  it('missing skips decided subtrees, keeps order of appearance, and lists each fact once', () => {
    // any[A, B] is decided (B true): nothing under it is needed. C, D, C are unknown.
    const e = run({ all: [{ any: [A, B] }, C, D, C] }, { 'person.hasResidencePermit': true });
    expect(e.outcome).toBe('cannotDecide');
    expect(e.missing).toEqual(['person.sex', 'person.incomeMonthly']);
  });

  it('a per-capita figure needs only its unknown inputs; an unknown by fact is needed too', () => {
    const e = evaluateService(LOW_INCOME, params, { 'household.memberCount': 3 }, '2025-08-01');
    expect(e.missing).toEqual(['household.incomeMonthly', 'person.hukouType']);
    const known = evaluateService(
      LOW_INCOME,
      params,
      { 'household.memberCount': 3, 'household.incomeMonthly': 900 },
      '2025-08-01',
    );
    // 300 per member is below even the rural line × 1.5, but which line applies is unknown.
    expect(known.outcome).toBe('cannotDecide');
    expect(known.missing).toEqual(['person.hukouType']);
  });

  it('enums with in/notIn, dates compared as dates', () => {
    const inList: Condition = { fact: 'household.assistanceStatus', op: 'in', value: ['dibao', 'tekun'] };
    expect(run(inList, { 'household.assistanceStatus': 'tekun' }).outcome).toBe('eligible');
    expect(run(inList, { 'household.assistanceStatus': 'none' }).outcome).toBe('notEligible');
    expect(run({ ...inList, op: 'notIn' }, { 'household.assistanceStatus': 'none' }).outcome).toBe(
      'eligible',
    );
    const before1960: Condition = { fact: 'person.birthDate', op: 'lt', value: '1960-01-01' };
    expect(run(before1960, { 'person.birthDate': '1959-12-31' }).outcome).toBe('eligible');
    expect(run(before1960, { 'person.birthDate': '1960-01-01' }).outcome).toBe('notEligible');
  });
});

describe('trace sentences', () => {
  it('read as plain Chinese, naming value, threshold, parameter date and reference', () => {
    const e = evaluateService(
      HIGH_AGE,
      params,
      { ...chengdu, 'person.birthDate': '1945-02-28' },
      '2025-02-28',
    );
    expect(e.trace.text).toBe('以下条件须全部满足：满足');
    expect(e.trace.children?.[0]?.text).toBe(
      '年龄（周岁）为 80，不低于 80（高龄津贴起始年龄，2020年1月1日起，川民发〔2019〕1号（示例））：满足',
    );
    expect(e.trace.children?.[0]?.label).toBe('年满80周岁');
    expect(e.trace.children?.[1]?.text).toBe('户籍所在地为 成都市，等于 成都市：满足');
  });

  it('say what is missing, and show the factor', () => {
    const unknown = evaluateService(LOW_INCOME, params, { 'household.memberCount': 2 }, '2025-08-01');
    expect(unknown.trace.text).toBe(
      '家庭月人均收入未知，不高于 最低生活保障标准（按户籍类型而定，2025年7月1日起，成民发〔2025〕2号（示例））：无法判断（缺少：家庭月收入合计、户籍类型）',
    );
    const known = evaluateService(
      LOW_INCOME,
      params,
      { 'household.memberCount': 3, 'household.incomeMonthly': 5000, 'person.hukouType': 'urban' },
      '2025-08-01',
    );
    expect(known.trace.text).toBe(
      '家庭月人均收入为 1666.67，不高于 1635（最低生活保障标准 1090 × 1.5，2025年7月1日起，成民发〔2025〕2号（示例））：不满足',
    );
  });

  it('name enum values by their labels and dates in Chinese', () => {
    const e = evaluateService(
      service('S-9-02', [['2020-01-01', { fact: 'person.birthDate', op: 'ge', value: '2022-03-01' }]]),
      params,
      { 'person.birthDate': '2021-12-05' },
      '2025-01-01',
    );
    expect(e.trace.text).toBe('出生日期为 2021年12月5日，不低于 2022年3月1日：不满足');
    const any = evaluateService(DIBAO, params, { 'household.assistanceStatus': 'dibao' }, '2025-08-01');
    expect(any.trace.text).toBe(
      '以下条件满足其一即可：无法判断（缺少：家庭月收入合计、共同生活的家庭成员人数、户籍类型、家庭金融资产合计）',
    );
    expect(any.trace.children?.[0]?.text).toBe('社会救助身份为 最低生活保障家庭，等于 特困供养：不满足');
  });
});

describe('trace sentences of groups', () => {
  it('say 须不成立 for not, and lead with the label', () => {
    const c: Condition = {
      not: { fact: 'person.veteranStatus', op: 'in', value: ['veteran', 'disabledVeteran'] },
      label: '非退役军人',
    };
    const e = evaluateService(
      service('S-8-01', [['2020-01-01', c]]),
      params,
      { 'person.veteranStatus': 'veteran' },
      '2025-01-01',
    );
    expect(e.trace.text).toBe('非退役军人：以下条件须不成立：不满足');
    expect(e.trace.children?.[0]?.text).toBe('优抚身份为 退役军人，属于 退役军人、残疾退役军人：满足');
    const unknown = evaluateService(service('S-8-01', [['2020-01-01', c]]), params, {}, '2025-01-01');
    expect(unknown.trace.text).toBe('非退役军人：以下条件须不成立：无法判断（缺少：优抚身份）');
  });
});

describe('input facts and the next question', () => {
  it('refuses an unknown fact, a derived fact and a wrong kind of value, naming the field', () => {
    const bad = (facts: Record<string, unknown>) => {
      try {
        evaluateService(HIGH_AGE, params, facts as Facts, '2025-01-01');
      } catch (e) {
        return (e as FuwuError).problems.map((p) => p.field);
      }
      return [];
    };
    expect(bad({ 'person.shoeSize': 42 })).toEqual(['facts.person.shoeSize']);
    expect(bad({ 'person.ageYears': 80 })).toEqual(['facts.person.ageYears']);
    expect(bad({ 'person.birthDate': '2025-02-29' })).toEqual(['facts.person.birthDate']);
    expect(bad({ 'household.memberCount': 0 })).toEqual(['facts.household.memberCount']);
    expect(bad({ 'person.childrenCount': 1.5 })).toEqual(['facts.person.childrenCount']);
    expect(bad({ 'person.childrenCount': 2 })).toEqual([]);
    expect(bad({ 'person.relationToHead': 'cousin' })).toEqual(['facts.person.relationToHead']);
    expect(bad({ 'person.spouseAgeYears': 49 })).toEqual(['facts.person.spouseAgeYears']);
    expect(bad({ 'person.sex': 'x' })).toEqual(['facts.person.sex']);
    expect(() => evaluateService(HIGH_AGE, params, {}, '2025-13-01')).toThrow(/date/);
  });

  it('asks first for the fact most undecided services need', () => {
    const evaluations = evaluateAll([HIGH_AGE, DIBAO, LOW_INCOME, CHANGING], params, {}, '2025-08-01');
    // birthDate: HIGH_AGE, CHANGING (2); hukouType: DIBAO, LOW_INCOME (2); incomeMonthly (2) …:
    // ties go to registry order, where person.birthDate comes first.
    expect(nextQuestion(evaluations)).toBe('person.birthDate');
    const afterBirth = evaluateAll(
      [HIGH_AGE, DIBAO, LOW_INCOME],
      params,
      { 'person.birthDate': '1990-01-01' },
      '2025-08-01',
    );
    // HIGH_AGE is now decided (35 < 80); DIBAO and LOW_INCOME both need the hukou type first.
    expect(afterBirth[0]?.outcome).toBe('notEligible');
    expect(nextQuestion(afterBirth)).toBe('person.hukouType');
    const decided: Evaluation[] = evaluateAll(
      [HIGH_AGE],
      params,
      { ...chengdu, 'person.birthDate': '1990-01-01' },
      '2025-08-01',
    );
    expect(nextQuestion(decided)).toBeNull();
  });
});
