/** One page of a long list, from the query's offset and limit (text or numbers), checked by name. */
import { invalidField } from './errors.ts';

export function pageQuery(
  q: { offset?: number | string; limit?: number | string },
  opts: { defaultLimit: number; maxLimit: number },
): { offset: number; limit: number } {
  const offset = Number(q.offset ?? 0);
  const limit = Number(q.limit ?? opts.defaultLimit);
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidField('offset', '应为非负整数', 'must be a whole number ≥ 0');
  if (!Number.isInteger(limit) || limit < 1 || limit > opts.maxLimit)
    throw invalidField(
      'limit',
      `应为 1 到 ${opts.maxLimit} 之间的整数`,
      `must be a whole number from 1 to ${opts.maxLimit}`,
    );
  return { offset, limit };
}
