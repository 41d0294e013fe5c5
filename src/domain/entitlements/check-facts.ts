/**
 * The engine's guard on the facts it is given (a self-check form, a rule test, an API call): a fact
 * the registry does not know, a value of the wrong kind, or a derived fact given directly (it would
 * disagree with the birth date or totals it comes from) is refused with the field named, never read
 * as something else. Parsing is parse-facts.ts's job; this adds what the engine itself relies on
 * (a household has at least one member, so per-capita figures are defined; children are counted
 * in whole numbers, as the family-planning rules compare them with 0, 1 and 2).
 */
import { FuwuError } from '../shared/errors.ts';
import type { Facts } from './facts.ts';
import { parseFacts } from './parse-facts.ts';

/** The facts, typed, with empty values dropped (unknown), or a FuwuError listing every field at fault. */
export function assertFacts(input: Readonly<Record<string, unknown>>): Facts {
  // The engine does not know the pack's district list; the district's validity is the caller's check.
  const district = input['person.residenceDistrict'];
  const { facts, problems } = parseFacts(input, typeof district === 'string' ? [district] : []);
  const members = facts['household.memberCount'];
  if (typeof members === 'number' && (members < 1 || !Number.isInteger(members))) {
    problems.push({
      field: 'facts.household.memberCount',
      zh: '家庭人数应为不小于 1 的整数',
      en: 'must be a whole number of at least 1',
    });
  }
  const children = facts['person.childrenCount'];
  if (typeof children === 'number' && !Number.isInteger(children)) {
    problems.push({
      field: 'facts.person.childrenCount',
      zh: '子女数应为整数',
      en: 'must be a whole number',
    });
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length - 1;
    throw new FuwuError(
      'invalid_input',
      `${first.field}：${first.zh}${more > 0 ? `（另有 ${more} 处）` : ''}`,
      `${first.field}: ${first.en}${more > 0 ? ` (and ${more} more)` : ''}`,
      problems,
    );
  }
  return facts;
}
