/**
 * The plain Chinese sentences of a trace: one per condition, naming the fact, its value, the
 * threshold (with the parameter's name, the date its value took effect and its legal reference) and
 * whether it is met. Kept apart from evaluate.ts so wording changes touch one file.
 */
import type { ComparisonOp, Literal } from './catalog.schema.ts';
import { civilOf } from './derive.ts';
import type { FactKey, FactValue } from './facts.ts';
import { FACTS } from './facts.ts';
import type { ParameterReading } from './parameters.ts';

export type TruthValue = 'true' | 'false' | 'unknown';

const OP_TEXT: Record<ComparisonOp, string> = {
  eq: '等于',
  ne: '不等于',
  lt: '低于',
  le: '不高于',
  gt: '高于',
  ge: '不低于',
  in: '属于',
  notIn: '不属于',
};

/** 2025-02-28 → 2025年2月28日. */
export function dateText(iso: string): string {
  const { y, m, d } = civilOf(iso);
  return `${y}年${m}月${d}日`;
}

/** A number as people write it: at most two decimals, no trailing zeros. */
export function numberText(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A fact's value in words: enum values by their labels, booleans as 是/否, dates in Chinese. */
export function valueText(key: FactKey, value: FactValue): string {
  const def = FACTS[key];
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return numberText(value);
  if (def.type === 'date') return dateText(value);
  const i = def.values?.indexOf(value) ?? -1;
  return i >= 0 ? (def.valueLabels?.[i] ?? value) : value;
}

export function resultText(result: TruthValue, missing: readonly FactKey[]): string {
  if (result === 'true') return '满足';
  if (result === 'false') return '不满足';
  return `无法判断（缺少：${missing.map((k) => FACTS[k].label).join('、')}）`;
}

export interface CompareParts {
  fact: FactKey;
  op: ComparisonOp;
  value: FactValue | null;
  /** The literal threshold, or the parameter's value × factor. */
  threshold: Literal | Literal[] | null;
  parameter?: ParameterReading;
  factor?: number;
  byFact?: FactKey;
}

/** 年龄（周岁）为 80，不低于 80（高龄津贴起始年龄，2025年1月1日起，川府发〔2024〕1号）：满足 */
export function compareText(p: CompareParts, result: TruthValue, missing: readonly FactKey[]): string {
  const label = FACTS[p.fact].label;
  const subject = p.value === null ? `${label}未知` : `${label}为 ${valueText(p.fact, p.value)}`;
  return `${subject}，${OP_TEXT[p.op]} ${thresholdText(p)}：${resultText(result, missing)}`;
}

function thresholdText(p: CompareParts): string {
  const param = p.parameter;
  if (param === undefined) {
    const list = Array.isArray(p.threshold) ? p.threshold : [p.threshold ?? ''];
    return list.map((v) => (typeof v === 'string' && v === '' ? '' : valueText(p.fact, v))).join('、');
  }
  const source = `${dateText(param.from)}起，${param.reference}`;
  if (param.value === null) {
    const by = p.byFact === undefined ? '' : `按${FACTS[p.byFact].label}而定`;
    return `${param.name}（${by}，${source}）`;
  }
  const shown = typeof p.threshold === 'number' ? numberText(p.threshold) : String(p.threshold);
  const factor = p.factor === undefined ? '' : ` ${numberText(param.value)} × ${p.factor}`;
  return `${shown}（${param.name}${factor}，${source}）`;
}

export function groupText(
  kind: 'all' | 'any' | 'not',
  result: TruthValue,
  missing: readonly FactKey[],
  label?: string,
): string {
  const head =
    kind === 'all' ? '以下条件须全部满足' : kind === 'any' ? '以下条件满足其一即可' : '以下条件须不成立';
  return `${label === undefined ? '' : `${label}：`}${head}：${resultText(result, missing)}`;
}

export function noRuleText(date: string): string {
  return `${dateText(date)}该服务尚无生效的规则：不满足`;
}
