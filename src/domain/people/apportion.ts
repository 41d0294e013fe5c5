/**
 * Integer apportionment by largest remainder (Hamilton): splits a whole number of people into
 * integer parts proportional to weights, with the parts summing exactly to the total. Rounding
 * each part on its own would not preserve totals, which districts and bands must.
 */
import { invalidField } from '../shared/errors.ts';

/**
 * Returns integers ≥ 0 summing to `total`, each within 1 of total·wᵢ/Σw. Ties in the remainders go
 * to the lower index, so the result is deterministic. All-zero weights split evenly.
 */
export function apportionLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw invalidField(
      'total',
      `应为非负整数，收到 ${total}`,
      `expected a non-negative integer, got ${total}`,
    );
  if (weights.length === 0) {
    if (total === 0) return [];
    throw invalidField('weights', '至少需要一个权重', 'at least one weight is needed');
  }
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w)))
    throw invalidField('weights', '权重应为有限的非负数', 'weights must be finite and non-negative');
  const sum = weights.reduce((s, w) => s + w, 0);
  const ws = sum > 0 ? weights : weights.map(() => 1);
  const wsum = sum > 0 ? sum : weights.length;
  const exact = ws.map((w) => (total * w) / wsum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ r: x - Math.floor(x), i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1;
  return parts;
}
