/** How every use case turns bad input into one clear error, and asks why a figure is changed. */
import type { FieldProblem } from '../domain/shared/errors.ts';
import { FuwuError, invalidField } from '../domain/shared/errors.ts';

/** Turn field problems into one error that names every field at fault. */
export function invalidInput(problems: FieldProblem[]): FuwuError {
  const zh = problems.map((p) => `${p.field}：${p.zh}`).join('；');
  const en = problems.map((p) => `${p.field}: ${p.en}`).join('; ');
  return new FuwuError('invalid_input', zh, en, problems);
}

/** A correction or deletion must say why; the reason is kept in the revision history. */
export function requireReason(reason: string | null | undefined): string {
  const r = (reason ?? '').trim();
  if (r.length === 0)
    throw invalidField('reason', '更正或删除数据须说明原因', 'a correction or deletion needs a reason');
  if (r.length > 500)
    throw invalidField(
      'reason',
      `原因不超过 500 字，收到 ${r.length} 字`,
      `at most 500 characters, got ${r.length}`,
    );
  return r;
}
