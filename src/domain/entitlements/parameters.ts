/**
 * Dated parameters of the catalog (e.g. the minimum-living-allowance line of each year): which value
 * holds on a date, and for whom when it varies by an enum fact (`by`, e.g. per hukou type).
 * A value holds from its `from` until the next value's `from`.
 */
import type { Parameter } from './catalog.schema.ts';
import type { FactKey, Facts } from './facts.ts';
import { FuwuError } from '../shared/errors.ts';

export type ParameterIndex = ReadonlyMap<string, Parameter>;

/** Parameters by code; a code given twice is a catalog error. */
export function indexParameters(params: readonly Parameter[]): ParameterIndex {
  const index = new Map<string, Parameter>();
  for (const p of params) {
    if (index.has(p.code)) {
      throw new FuwuError(
        'pack_invalid',
        `参数代码重复：${p.code}`,
        `Parameter code given twice: ${p.code}`,
        [{ field: `parameters[${p.code}]`, zh: '参数代码重复', en: 'code given twice' }],
      );
    }
    index.set(p.code, p);
  }
  return index;
}

export interface ParameterReading {
  code: string;
  name: string;
  /** null: the parameter varies by a fact (`by`) that is unknown for this person. */
  value: number | null;
  /** The date the value in force took effect. */
  from: string;
  reference: string;
  unit: string;
}

/** The value record in force on `date` (the latest `from` ≤ date), in any order of `values`. */
export function valueInForce(param: Parameter, date: string): Parameter['values'][number] | null {
  let best: Parameter['values'][number] | null = null;
  for (const v of param.values) if (v.from <= date && (best === null || v.from > best.from)) best = v;
  return best;
}

/**
 * The parameter's value for these facts on `date`; null when it has no value yet on that date (the
 * catalog is then wrong: validateCatalog reports it, the evaluator refuses to guess).
 */
export function parameterOn(param: Parameter, date: string, facts: Facts): ParameterReading | null {
  const inForce = valueInForce(param, date);
  if (inForce === null) return null;
  const reading = { code: param.code, name: param.name, from: inForce.from, reference: inForce.reference };
  if (typeof inForce.value === 'number') return { ...reading, value: inForce.value, unit: param.unit };
  const byValue = param.by === undefined ? undefined : facts[param.by as FactKey];
  if (byValue === undefined) return { ...reading, value: null, unit: param.unit };
  const value = inForce.value[String(byValue)];
  if (value === undefined) throw parameterHasNoValueFor(param, inForce.from, String(byValue));
  return { ...reading, value, unit: param.unit };
}

export function parameterHasNoValueFor(param: Parameter, from: string, key: string): FuwuError {
  const field = `parameters[${param.code}].values[${from}].value.${key}`;
  return new FuwuError(
    'pack_invalid',
    `参数“${param.name}”（${param.code}）自 ${from} 起的取值缺少 ${key} 对应的值`,
    `Parameter ${param.code} from ${from} has no value for ${key}`,
    [{ field, zh: `缺少 ${key} 对应的值`, en: `no value for ${key}` }],
  );
}

export function parameterNotInForce(code: string, date: string, known: boolean): FuwuError {
  const zh = known ? `参数 ${code} 在 ${date} 尚无取值，规则无法适用` : `参数 ${code} 不存在`;
  const en = known
    ? `Parameter ${code} has no value on ${date}: the rule cannot be applied`
    : `Parameter ${code} does not exist`;
  return new FuwuError('pack_invalid', zh, en, [{ field: `parameters[${code}]`, zh, en }]);
}
