/** A purpose the reader states before reading personal data (a person's trace, an export). */
import { invalidField } from '../../domain/shared/errors.ts';

export function requirePurpose(purpose: unknown): string {
  const why = typeof purpose === 'string' ? purpose.trim() : '';
  if (why.length < 2 || why.length > 200)
    throw invalidField(
      'purpose',
      '查看或导出个人信息须说明用途（2 到 200 字）',
      'reading or exporting personal data needs a stated purpose (2–200 characters)',
    );
  return why;
}
