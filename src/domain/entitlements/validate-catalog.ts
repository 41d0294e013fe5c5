/**
 * What the catalog schemas (catalog.schema.ts) cannot check: that every rule names facts that exist
 * and compares them with values of their kind, that every parameter it reads has a value on the
 * day the rule takes effect (and so on every later day), that a parameter varying by an enum fact
 * has a value for every value of that fact, and that codes and dates are unique and in order.
 * A catalog with problems is refused on load and on edit: the engine never guesses around them.
 *
 * Each problem names the field path, e.g. `services[S-7-01].rules[0].eligibility.all[2].param`.
 */
import type { FieldProblem } from '../shared/errors.ts';
import type { Condition, Parameter, Service } from './catalog.schema.ts';
import { isIsoDate } from './derive.ts';
import type { FactKey } from './facts.ts';
import { FACTS, isFactKey } from './facts.ts';
import { valueInForce } from './parameters.ts';

type Report = (field: string, zh: string, en: string) => void;

export function validateCatalog(
  services: readonly Service[],
  params: readonly Parameter[],
  districtCodes: readonly string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const report: Report = (field, zh, en) => problems.push({ field, zh, en });
  const byCode = new Map<string, Parameter>();
  const readByRules = new Set(services.flatMap((s) => s.rules.flatMap((r) => paramsIn(r.eligibility))));
  for (const p of params) {
    if (byCode.has(p.code))
      report(`parameters[${p.code}].code`, '参数代码重复', 'parameter code given twice');
    else byCode.set(p.code, p);
    checkParameter(p, districtCodes, readByRules.has(p.code), report);
  }
  const seen = new Set<string>();
  for (const s of services) {
    const at = `services[${s.code}]`;
    if (seen.has(s.code)) report(`${at}.code`, '服务代码重复', 'service code given twice');
    seen.add(s.code);
    s.parameters.forEach((code, k) => {
      if (!byCode.has(code)) report(`${at}.parameters[${k}]`, `参数 ${code} 不存在`, `no parameter ${code}`);
    });
    checkDates(
      s.rules.map((r) => r.from),
      (k) => `${at}.rules[${k}].from`,
      report,
    );
    s.rules.forEach((r, k) =>
      checkCondition(r.eligibility, `${at}.rules[${k}].eligibility`, {
        from: r.from,
        byCode,
        districtCodes,
        report,
      }),
    );
  }
  return problems;
}

/** Dates real, unique and in increasing order (a version holds until the next one's date). */
function checkDates(dates: readonly string[], field: (k: number) => string, report: Report): void {
  dates.forEach((d, k) => {
    if (!isIsoDate(d)) report(field(k), `不是有效日期：${d}`, `not a valid date: ${d}`);
    const prev = dates[k - 1];
    if (prev === undefined) return;
    if (d === prev) report(field(k), `日期 ${d} 重复`, `date ${d} given twice`);
    else if (d < prev)
      report(
        field(k),
        `日期应按先后排列（${d} 早于 ${prev}）`,
        `dates must be in order (${d} is before ${prev})`,
      );
  });
}

/** The values an enum fact takes (the pack's districts for the district of residence). */
function enumValues(fact: FactKey, districtCodes: readonly string[]): readonly string[] {
  return fact === 'person.residenceDistrict' ? districtCodes : (FACTS[fact].values ?? []);
}

/** The parameters a condition reads. */
function paramsIn(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(paramsIn);
  if ('any' in c) return c.any.flatMap(paramsIn);
  if ('not' in c) return paramsIn(c.not);
  return c.param === undefined ? [] : [c.param];
}

/**
 * A parameter's dates, its `by` fact, and its per-value records. A parameter a rule reads must have
 * a value for every value of its `by` fact (the engine would otherwise meet a person it cannot
 * place); one that only states an amount (e.g. a subsidy for primary and junior-secondary pupils)
 * may leave the others out, as not applicable.
 */
function checkParameter(
  p: Parameter,
  districtCodes: readonly string[],
  readByRule: boolean,
  report: Report,
): void {
  const at = `parameters[${p.code}]`;
  checkDates(
    p.values.map((v) => v.from),
    (k) => `${at}.values[${k}].from`,
    report,
  );
  let keys: readonly string[] | null = null;
  if (p.by !== undefined) {
    if (!isFactKey(p.by)) report(`${at}.by`, `没有事实项 ${p.by}`, `no such fact: ${p.by}`);
    else if (FACTS[p.by].type !== 'enum')
      report(`${at}.by`, `${p.by} 不是枚举型事实项`, `${p.by} is not an enum fact`);
    else keys = enumValues(p.by, districtCodes);
  }
  p.values.forEach((v, k) => {
    const field = `${at}.values[${k}].value`;
    if (typeof v.value === 'number') return;
    if (p.by === undefined) {
      report(field, '参数未设 by，取值应为一个数', 'the parameter has no `by`: give one number');
      return;
    }
    if (keys === null) return;
    const given = Object.keys(v.value);
    const absent = keys.filter((key) => !given.includes(key));
    const extra = given.filter((key) => !keys.includes(key));
    if (absent.length > 0 && readByRule)
      report(field, `缺少 ${absent.join('、')} 的取值`, `no value for ${absent.join(', ')}`);
    if (extra.length > 0)
      report(field, `${extra.join('、')} 不是 ${p.by} 的取值`, `${extra.join(', ')} not values of ${p.by}`);
  });
}

interface ConditionContext {
  /** The rule version's start: every parameter it reads must have a value from then on. */
  from: string;
  byCode: ReadonlyMap<string, Parameter>;
  districtCodes: readonly string[];
  report: Report;
}

function checkCondition(c: Condition, at: string, ctx: ConditionContext): void {
  if ('all' in c) c.all.forEach((x, k) => checkCondition(x, `${at}.all[${k}]`, ctx));
  else if ('any' in c) c.any.forEach((x, k) => checkCondition(x, `${at}.any[${k}]`, ctx));
  else if ('not' in c) checkCondition(c.not, `${at}.not`, ctx);
  else checkCompare(c, at, ctx);
}

const ORDER_OPS = new Set(['lt', 'le', 'gt', 'ge']);

function checkCompare(c: Extract<Condition, { fact: string }>, at: string, ctx: ConditionContext): void {
  const { report } = ctx;
  if (!isFactKey(c.fact)) {
    report(`${at}.fact`, `没有事实项 ${c.fact}`, `no such fact: ${c.fact}`);
    return;
  }
  const type = FACTS[c.fact].type;
  if ((c.value === undefined) === (c.param === undefined)) {
    report(at, '须给出 value 或 param 之一（且只给一个）', 'give exactly one of value or param');
  }
  if (ORDER_OPS.has(c.op) && type !== 'number' && type !== 'date') {
    report(`${at}.op`, `${c.op} 只能用于数值或日期`, `${c.op} applies only to numbers and dates`);
  }
  if (c.value !== undefined) {
    const list = c.op === 'in' || c.op === 'notIn';
    if (list !== Array.isArray(c.value)) {
      report(
        `${at}.value`,
        list ? `${c.op} 的取值应为列表` : `${c.op} 的取值应为单个值`,
        list ? `${c.op} takes a list` : `${c.op} takes a single value`,
      );
    }
    const values = Array.isArray(c.value) ? c.value : [c.value];
    values.forEach((v, k) => {
      const field = Array.isArray(c.value) ? `${at}.value[${k}]` : `${at}.value`;
      const why = kindProblem(c.fact as FactKey, v, ctx.districtCodes);
      if (why !== null) report(field, why.zh, why.en);
    });
    if (c.factor !== undefined)
      report(`${at}.factor`, 'factor 只能与参数一起使用', 'factor applies only with a param');
  }
  if (c.param !== undefined) checkParamUse(c.param, c.fact as FactKey, `${at}.param`, ctx);
}

/** Why a literal does not fit the fact's kind, or null when it does. */
function kindProblem(
  fact: FactKey,
  v: unknown,
  districtCodes: readonly string[],
): { zh: string; en: string } | null {
  const type = FACTS[fact].type;
  const shown = JSON.stringify(v);
  if (type === 'number')
    return typeof v === 'number'
      ? null
      : { zh: `应为数值，收到 ${shown}`, en: `expected a number, got ${shown}` };
  if (type === 'boolean')
    return typeof v === 'boolean'
      ? null
      : { zh: `应为 true 或 false，收到 ${shown}`, en: `expected true or false, got ${shown}` };
  if (type === 'date')
    return isIsoDate(v)
      ? null
      : { zh: `应为日期 YYYY-MM-DD，收到 ${shown}`, en: `expected a date YYYY-MM-DD, got ${shown}` };
  const values = enumValues(fact, districtCodes);
  return typeof v === 'string' && values.includes(v)
    ? null
    : {
        zh: `应为 ${values.join('/')} 之一，收到 ${shown}`,
        en: `expected one of ${values.join(', ')}, got ${shown}`,
      };
}

function checkParamUse(code: string, fact: FactKey, field: string, ctx: ConditionContext): void {
  const { report } = ctx;
  if (FACTS[fact].type !== 'number') {
    report(
      field,
      `${fact} 不是数值，不能与参数比较`,
      `${fact} is not a number and cannot be compared with a parameter`,
    );
  }
  const param = ctx.byCode.get(code);
  if (param === undefined) {
    report(field, `参数 ${code} 不存在`, `no parameter ${code}`);
    return;
  }
  if (valueInForce(param, ctx.from) === null) {
    report(
      field,
      `参数 ${code} 在规则生效日 ${ctx.from} 尚无取值`,
      `parameter ${code} has no value on the rule's start date ${ctx.from}`,
    );
  }
}
