/** Schema failures in Chinese, from the issues zod really produces. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaReasonZh } from '../../../src/api/schema-error-text.ts';

/** The Chinese reason of the first issue `schema` reports for `input`, as the API builds it. */
function reasonOf(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  const issue = r.error.issues[0]!;
  // The API passes the issue without its code, path and message as the parameters.
  const params = Object.fromEntries(
    Object.entries(issue).filter(([k]) => !['code', 'path', 'message'].includes(k)),
  );
  return schemaReasonZh(issue.code, params, issue.message);
}

describe('schema failures in Chinese', () => {
  it('says what type was expected, or that the field is missing', () => {
    expect(reasonOf(z.object({ k: z.number() }), { k: 'x' })).toBe('应为数字');
    expect(reasonOf(z.object({ k: z.number() }), {})).toBe('缺少该字段');
    expect(reasonOf(z.object({ ok: z.boolean() }), { ok: 1 })).toBe('应为布尔值（true/false）');
  });
  it('gives the bound with its unit', () => {
    expect(reasonOf(z.string().max(3), 'abcd')).toBe('长度不能大于 3 个字符');
    expect(reasonOf(z.number().min(1), 0)).toBe('数值不能小于 1');
    expect(reasonOf(z.number().gt(0), 0)).toBe('数值应大于 0');
    expect(reasonOf(z.array(z.string()).max(1), ['a', 'b'])).toBe('项数不能大于 1 项');
  });
  it('lists the allowed values and names unknown keys', () => {
    expect(reasonOf(z.enum(['admin', 'viewer']), 'root')).toBe('应为以下之一：admin、viewer');
    expect(reasonOf(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toBe('含有不认识的字段：b');
    expect(reasonOf(z.email(), 'nope')).toBe('格式不正确，应为电子邮件地址');
  });
});
