/**
 * A rule read as Chinese sentences (condition-text.ts), as the catalog page shows it: groups as
 * "all / any / not" sentences with their parts nested, comparisons with the fact's label, the
 * threshold in words (enum labels, parameters by name and factor), and labels kept. Property: the
 * sentence tree has exactly the shape of the condition tree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../src/domain/entitlements/catalog.schema.ts';
import type { ConditionSentence } from '../../../src/domain/entitlements/condition-text.ts';
import { describeCondition } from '../../../src/domain/entitlements/condition-text.ts';
import { PROPERTY_PARAMS, conditionArb } from './arbitraries.ts';
import { DIBAO_LINE, PARAMS } from './fixtures.ts';

const params = new Map([...PARAMS, ...PROPERTY_PARAMS].map((p) => [p.code, p]));

describe('describeCondition', () => {
  it('reads a rule as nested sentences', () => {
    const rule: Condition = {
      all: [
        { fact: 'person.ageYears', op: 'ge', value: 80, label: '年满80周岁' },
        {
          any: [
            { fact: 'person.hukouPlace', op: 'eq', value: 'chengdu' },
            { fact: 'person.hasResidencePermit', op: 'eq', value: true },
          ],
        },
        { not: { fact: 'household.assistanceStatus', op: 'in', value: ['dibao', 'tekun'] } },
        { fact: 'household.incomePerCapitaMonthly', op: 'le', param: DIBAO_LINE.code, factor: 1.5 },
      ],
    };
    const s = describeCondition(rule, params);
    expect(s.text).toBe('同时满足以下全部条件');
    expect(s.children.map((c) => c.text)).toEqual([
      '年满80周岁：年龄（周岁）不低于 80 周岁',
      '满足以下任一条件',
      '不符合以下条件',
      `家庭月人均收入不高于 ${DIBAO_LINE.name}的 1.5 倍`,
    ]);
    expect(s.children[1]?.children.map((c) => c.text)).toEqual(['户籍所在地为 成都市', '持有成都市居住证']);
    expect(s.children[2]?.children[0]?.text).toBe('社会救助身份为下列之一： 最低生活保障家庭、特困供养');
  });

  it('says a yes/no fact plainly, and its negation', () => {
    expect(describeCondition({ fact: 'person.pregnant', op: 'eq', value: true }, params).text).toBe(
      '正在怀孕',
    );
    expect(describeCondition({ fact: 'person.pregnant', op: 'eq', value: false }, params).text).toBe(
      '并非正在怀孕',
    );
  });

  it('has the shape of the condition tree (property)', () => {
    const size = (c: Condition): number =>
      'all' in c
        ? 1 + c.all.reduce((n, x) => n + size(x), 0)
        : 'any' in c
          ? 1 + c.any.reduce((n, x) => n + size(x), 0)
          : 'not' in c
            ? 1 + size(c.not)
            : 1;
    const count = (s: ConditionSentence): number => 1 + s.children.reduce((n, c) => n + count(c), 0);
    fc.assert(
      fc.property(conditionArb, (c) => {
        const s = describeCondition(c, params);
        expect(count(s)).toBe(size(c));
        expect(s.text.length).toBeGreaterThan(0);
      }),
    );
  });
});
