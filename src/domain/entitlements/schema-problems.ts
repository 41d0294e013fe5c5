/**
 * A catalog edit's schema failures as field problems in both languages: the field is the path
 * inside the edit (e.g. `eligibility.all.1.op`), the reason zod's English and a Chinese one from the
 * failure kind. Pure: the edit use cases parse with the catalog schemas and report through here.
 */
import type { z } from 'zod';
import type { FieldProblem } from '../shared/errors.ts';

function reasonZh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少该字段' : `应为 ${issue.expected}`;
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式不正确（日期应为 YYYY-MM-DD）';
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_union':
      return '不是有效的条件：应为 all / any / not，或 fact + op + value（或 param）';
    case 'custom':
      return issue.message === 'give exactly one of value or param'
        ? 'value 与 param 须且只须给出一个'
        : issue.message;
    default:
      return '输入无效';
  }
}

export function schemaProblems(prefix: string, error: z.ZodError): FieldProblem[] {
  const field = (path: readonly PropertyKey[]) =>
    [prefix, ...path.map(String)].filter((p) => p !== '').join('.') || 'body';
  return error.issues.flatMap((issue) =>
    // A field that may not be given is named itself, not its parent.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => ({
          field: field([...issue.path, k]),
          zh: '不能在此修改或不认识的字段',
          en: 'not a field that can be given here',
        }))
      : [{ field: field(issue.path), zh: reasonZh(issue), en: issue.message }],
  );
}
