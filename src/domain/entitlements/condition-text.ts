/**
 * A rule read aloud: the Condition tree as nested plain-Chinese sentences, for the catalog page
 * (what the rule says, before any person's facts). The trace (trace-text.ts) says the same about one
 * person with values and results; this says it with the thresholds only, parameters by name.
 */
import type { Condition, Literal, Parameter } from './catalog.schema.ts';
import type { FactKey } from './facts.ts';
import { FACTS, isFactKey } from './facts.ts';
import { numberText, valueText } from './trace-text.ts';

export interface ConditionSentence {
  text: string;
  children: ConditionSentence[];
}

/** The comparison in a rule, read as "the fact … the threshold" (e.g. 年龄（周岁） 不低于 80). */
const RULE_OP_TEXT = {
  eq: '为',
  ne: '不为',
  lt: '低于',
  le: '不高于',
  gt: '高于',
  ge: '不低于',
  in: '为下列之一：',
  notIn: '不为下列任何一项：',
} as const;

function literalText(fact: string, v: Literal): string {
  return isFactKey(fact) ? valueText(fact, v) : String(v);
}

function thresholdText(
  c: Extract<Condition, { fact: string }>,
  params: ReadonlyMap<string, Parameter>,
): string {
  if (c.param !== undefined) {
    const p = params.get(c.param);
    const name = p ? p.name : c.param;
    return c.factor === undefined ? name : `${name}的 ${numberText(c.factor)} 倍`;
  }
  const list = Array.isArray(c.value) ? c.value : [c.value as Literal];
  return list.map((v) => literalText(c.fact, v)).join('、');
}

export function describeCondition(c: Condition, params: ReadonlyMap<string, Parameter>): ConditionSentence {
  const label = c.label === undefined ? '' : `${c.label}：`;
  if ('all' in c)
    return {
      text: `${label}同时满足以下全部条件`,
      children: c.all.map((x) => describeCondition(x, params)),
    };
  if ('any' in c)
    return { text: `${label}满足以下任一条件`, children: c.any.map((x) => describeCondition(x, params)) };
  if ('not' in c) return { text: `${label}不符合以下条件`, children: [describeCondition(c.not, params)] };
  const factLabel = isFactKey(c.fact) ? FACTS[c.fact as FactKey].label : c.fact;
  const unit = isFactKey(c.fact) && c.param === undefined ? (FACTS[c.fact as FactKey].unit ?? '') : '';
  const isBool = isFactKey(c.fact) && FACTS[c.fact as FactKey].type === 'boolean';
  if (isBool && (c.op === 'eq' || c.op === 'ne') && typeof c.value === 'boolean') {
    const yes = (c.op === 'eq') === c.value;
    return { text: `${label}${yes ? '' : '并非'}${factLabel}`, children: [] };
  }
  return {
    text: `${label}${factLabel}${RULE_OP_TEXT[c.op]} ${thresholdText(c, params)}${unit === '' ? '' : ` ${unit}`}`,
    children: [],
  };
}
