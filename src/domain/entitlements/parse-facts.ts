/**
 * Facts as a resident or an officer sends them (JSON) into typed Facts: every name must be an input
 * fact of the registry (derived facts such as the age are computed, never given), every value of the
 * fact's type. Empty, null or absent means unknown ("not sure"), never zero. Problems name the field
 * (`facts.<name>`) and the reason in both languages.
 */
import { isIsoDate } from '../projects/project.ts';
import type { FieldProblem } from '../shared/errors.ts';
import type { FactKey, Facts } from './facts.ts';
import { FACTS, INPUT_FACT_KEYS, isFactKey } from './facts.ts';

/**
 * @param districtCodes the values person.residenceDistrict may take (the pack's districts); the
 *   registry leaves them open because they are the pack's.
 */
export function parseFacts(
  input: Readonly<Record<string, unknown>>,
  districtCodes: readonly string[],
): { facts: Facts; problems: FieldProblem[] } {
  const facts: Facts = {};
  const problems: FieldProblem[] = [];
  const inputKeys = new Set<string>(INPUT_FACT_KEYS);
  for (const [name, raw] of Object.entries(input)) {
    const field = `facts.${name}`;
    if (!isFactKey(name)) {
      problems.push({ field, zh: '没有这个事实项', en: 'no such fact' });
      continue;
    }
    if (!inputKeys.has(name)) {
      const from = (FACTS[name].derivedFrom ?? []).join('、');
      problems.push({
        field,
        zh: `这是推算出的事实项，请提供 ${from}`,
        en: `a derived fact; give ${from} instead`,
      });
      continue;
    }
    if (raw === null || raw === undefined || raw === '') continue;
    const value = checkValue(name, raw, districtCodes);
    if (typeof value === 'object') problems.push({ field, ...value });
    else facts[name] = value;
  }
  return { facts, problems };
}

function checkValue(
  key: FactKey,
  raw: unknown,
  districtCodes: readonly string[],
): number | boolean | string | { zh: string; en: string } {
  const def = FACTS[key];
  switch (def.type) {
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
      return {
        zh: `应为不小于 0 的数，收到 ${JSON.stringify(raw)}`,
        en: `expected a number ≥ 0, got ${JSON.stringify(raw)}`,
      };
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return {
        zh: `应为 true 或 false，收到 ${JSON.stringify(raw)}`,
        en: `expected true or false, got ${JSON.stringify(raw)}`,
      };
    case 'date':
      if (typeof raw === 'string' && isIsoDate(raw)) return raw;
      return {
        zh: `应为日期 YYYY-MM-DD，收到 ${JSON.stringify(raw)}`,
        en: `expected a date YYYY-MM-DD, got ${JSON.stringify(raw)}`,
      };
    case 'enum': {
      const allowed = def.values ?? (key === 'person.residenceDistrict' ? districtCodes : []);
      if (typeof raw === 'string' && allowed.includes(raw)) return raw;
      return {
        zh: `应为 ${allowed.join('/')} 之一，收到 ${JSON.stringify(raw)}`,
        en: `expected one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`,
      };
    }
  }
}
