/**
 * The entitlement engine for one person (issue 5 §2): a service's rule in force on a date, evaluated
 * over what is known about the person in three-valued (Kleene) logic, with a trace that says in plain
 * Chinese why, and the input facts still needed when it cannot decide.
 *
 * - all: false if a child is false, else unknown if a child is unknown, else true (empty: true);
 *   any: true if a child is true, else unknown if one is unknown, else false; not swaps true/false.
 * - A comparison with an unknown fact, or with a parameter whose `by` fact is unknown, is unknown.
 * - le/ge count the threshold itself as met (income exactly at the line qualifies).
 * - A parameter with no value on the date is a catalog error: the engine throws, it does not guess.
 *
 * compile.ts computes the same outcomes over a whole population at once; a property test holds them
 * equal.
 */
import type { ComparisonOp, Condition, Literal, Outcome, RuleVersion, Service } from './catalog.schema.ts';
import { assertFacts } from './check-facts.ts';
import { deriveFact, inputsOf, isDerivedFact, isIsoDate } from './derive.ts';
import type { FactKey, FactValue, Facts } from './facts.ts';
import { FACT_KEYS, isFactKey } from './facts.ts';
import type { ParameterIndex, ParameterReading } from './parameters.ts';
import { parameterNotInForce, parameterOn } from './parameters.ts';
import type { TruthValue } from './trace-text.ts';
import { compareText, groupText, noRuleText } from './trace-text.ts';
import { FuwuError, invalidField } from '../shared/errors.ts';

export type { TruthValue } from './trace-text.ts';

export interface TraceNode {
  kind: 'all' | 'any' | 'not' | 'compare';
  result: TruthValue;
  /** One plain Chinese sentence, e.g. "年龄（周岁）为 80，不低于 80（高龄津贴起始年龄）：满足". */
  text: string;
  label?: string;
  fact?: FactKey;
  value?: FactValue | null;
  op?: ComparisonOp;
  threshold?: Literal | Literal[];
  parameter?: ParameterReading;
  children?: TraceNode[];
  /** For an unknown node: the input facts that would decide it, in asking order. */
  missing?: FactKey[];
}

export interface Evaluation {
  service: string;
  date: string;
  outcome: Outcome;
  ruleFrom: string;
  ruleReference: string;
  trace: TraceNode;
  /** Input facts still needed to decide (derived facts mapped to their inputs), in asking order. */
  missing: FactKey[];
}

/** The rule version in force on `date`: the latest `from` ≤ date; null before the first. */
export function ruleInForce(service: Service, date: string): RuleVersion | null {
  let best: RuleVersion | null = null;
  for (const r of service.rules) if (r.from <= date && (best === null || r.from > best.from)) best = r;
  return best;
}

const OUTCOME: Record<TruthValue, Outcome> = {
  true: 'eligible',
  false: 'notEligible',
  unknown: 'cannotDecide',
};

export function evaluateService(
  service: Service,
  params: ParameterIndex,
  facts: Facts,
  date: string,
): Evaluation {
  if (!isIsoDate(date))
    throw invalidField('date', '应为有效日期（YYYY-MM-DD）', 'must be a valid date (YYYY-MM-DD)');
  return evaluateChecked(service, params, assertFacts(facts), date);
}

/** Every service for one person on one date, in catalog order (the facts are checked once). */
export function evaluateAll(
  services: readonly Service[],
  params: ParameterIndex,
  facts: Facts,
  date: string,
): Evaluation[] {
  if (!isIsoDate(date))
    throw invalidField('date', '应为有效日期（YYYY-MM-DD）', 'must be a valid date (YYYY-MM-DD)');
  const checked = assertFacts(facts);
  return services.map((s) => evaluateChecked(s, params, checked, date));
}

function evaluateChecked(service: Service, params: ParameterIndex, facts: Facts, date: string): Evaluation {
  const rule = ruleInForce(service, date);
  if (rule === null) {
    const trace: TraceNode = { kind: 'all', result: 'false', text: noRuleText(date), children: [] };
    return {
      service: service.code,
      date,
      outcome: 'notEligible',
      ruleFrom: '',
      ruleReference: '',
      trace,
      missing: [],
    };
  }
  const trace = evaluateCondition(rule.eligibility, { params, facts, date });
  return {
    service: service.code,
    date,
    outcome: OUTCOME[trace.result],
    ruleFrom: rule.from,
    ruleReference: rule.reference,
    trace,
    missing: trace.missing ?? [],
  };
}

interface Context {
  params: ParameterIndex;
  facts: Facts;
  date: string;
}

function evaluateCondition(c: Condition, ctx: Context): TraceNode {
  if ('all' in c)
    return group(
      'all',
      c.all.map((x) => evaluateCondition(x, ctx)),
      c.label,
    );
  if ('any' in c)
    return group(
      'any',
      c.any.map((x) => evaluateCondition(x, ctx)),
      c.label,
    );
  if ('not' in c) return group('not', [evaluateCondition(c.not, ctx)], c.label);
  return compare(c, ctx);
}

function group(kind: 'all' | 'any' | 'not', children: TraceNode[], label: string | undefined): TraceNode {
  const results = children.map((n) => n.result);
  let result: TruthValue;
  if (kind === 'not') result = results[0] === 'true' ? 'false' : results[0] === 'false' ? 'true' : 'unknown';
  else {
    const decisive = kind === 'all' ? 'false' : 'true';
    const otherwise = kind === 'all' ? 'true' : 'false';
    result = results.includes(decisive) ? decisive : results.includes('unknown') ? 'unknown' : otherwise;
  }
  // A decided node needs nothing more; an undecided one needs what its undecided children need.
  const missing = result === 'unknown' ? dedupe(children.flatMap((n) => n.missing ?? [])) : undefined;
  const node: TraceNode = { kind, result, text: groupText(kind, result, missing ?? [], label), children };
  if (label !== undefined) node.label = label;
  if (missing !== undefined) node.missing = missing;
  return node;
}

type CompareCondition = Extract<Condition, { fact: string }>;

function compare(c: CompareCondition, ctx: Context): TraceNode {
  if (!isFactKey(c.fact)) {
    throw new FuwuError(
      'pack_invalid',
      `规则引用了不存在的事实项：${c.fact}`,
      `A rule names no such fact: ${c.fact}`,
    );
  }
  const fact = c.fact;
  const value = isDerivedFact(fact) ? deriveFact(fact, ctx.facts, ctx.date) : (ctx.facts[fact] ?? null);
  const missing = value === null ? inputsOf(fact).filter((k) => ctx.facts[k] === undefined) : [];

  let threshold: Literal | Literal[] | null = c.value ?? null;
  let parameter: ParameterReading | undefined;
  let byFact: FactKey | undefined;
  if (c.param !== undefined) {
    const param = ctx.params.get(c.param);
    if (param === undefined) throw parameterNotInForce(c.param, ctx.date, false);
    parameter = parameterOn(param, ctx.date, ctx.facts) ?? undefined;
    if (parameter === undefined) throw parameterNotInForce(c.param, ctx.date, true);
    if (parameter.value === null) {
      byFact = param.by as FactKey;
      missing.push(byFact);
      threshold = null;
    } else threshold = c.factor === undefined ? parameter.value : parameter.value * c.factor;
  }

  const result: TruthValue =
    value === null || threshold === null
      ? 'unknown'
      : compareValues(c.op, value, threshold)
        ? 'true'
        : 'false';
  const need = result === 'unknown' ? dedupe(missing) : [];
  const parts = { fact, op: c.op, value, threshold, byFact };
  const text = compareText(
    { ...parts, ...(parameter && { parameter }), ...(c.factor !== undefined && { factor: c.factor }) },
    result,
    need,
  );
  const node: TraceNode = { kind: 'compare', result, text, fact, value, op: c.op };
  if (threshold !== null) node.threshold = threshold;
  if (parameter !== undefined) node.parameter = parameter;
  if (c.label !== undefined) node.label = c.label;
  if (result === 'unknown') node.missing = need;
  return node;
}

/** Compares a known value with a known threshold (numbers numerically, ISO dates as strings). */
export function compareValues(op: ComparisonOp, value: FactValue, threshold: Literal | Literal[]): boolean {
  if (Array.isArray(threshold) || op === 'in' || op === 'notIn') {
    const list = Array.isArray(threshold) ? threshold : [threshold];
    const found = list.some((t) => t === value);
    return op === 'notIn' || op === 'ne' ? !found : found;
  }
  switch (op) {
    case 'eq':
      return value === threshold;
    case 'ne':
      return value !== threshold;
  }
  if (typeof value !== typeof threshold || typeof value === 'boolean') return false;
  switch (op) {
    case 'lt':
      return value < threshold;
    case 'le':
      return value <= threshold;
    case 'gt':
      return value > threshold;
    case 'ge':
      return value >= threshold;
  }
}

function dedupe(keys: readonly FactKey[]): FactKey[] {
  return [...new Set(keys)];
}

const REGISTRY_ORDER = new Map(FACT_KEYS.map((k, i) => [k, i]));

/** The one input fact to ask next: the one needed by the most undecided services (ties: registry order). */
export function nextQuestion(evaluations: readonly Evaluation[]): FactKey | null {
  const counts = new Map<FactKey, number>();
  for (const e of evaluations) {
    if (e.outcome !== 'cannotDecide') continue;
    for (const k of e.missing) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: FactKey | null = null;
  for (const [k, n] of counts) {
    const bestN = best === null ? -1 : counts.get(best)!;
    if (n > bestN || (n === bestN && REGISTRY_ORDER.get(k)! < REGISTRY_ORDER.get(best!)!)) best = k;
  }
  return best;
}
