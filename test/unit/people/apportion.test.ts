/** Largest-remainder apportionment: exact totals, each part within 1 of its exact share. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionLargestRemainder } from '../../../src/domain/people/apportion.ts';

describe('apportionLargestRemainder', () => {
  it('gives remainders to the largest fractions: 10 by 1:1:1 → 4, 3, 3 (tie to the first)', () => {
    expect(apportionLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 × (0.15, 0.35, 0.5) = 1.05, 2.45, 3.5 → floors 1, 2, 3; the one left goes to 3.5.
    expect(apportionLargestRemainder(7, [0.15, 0.35, 0.5])).toEqual([1, 2, 4]);
  });

  it('splits evenly when all weights are zero, and handles empty input', () => {
    expect(apportionLargestRemainder(5, [0, 0])).toEqual([3, 2]);
    expect(apportionLargestRemainder(0, [])).toEqual([]);
  });

  it('rejects a fractional total and negative weights', () => {
    expect(() => apportionLargestRemainder(1.5, [1])).toThrow(/non-negative integer/);
    expect(() => apportionLargestRemainder(3, [1, -1])).toThrow(/non-negative/);
    expect(() => apportionLargestRemainder(3, [])).toThrow(/at least one/);
  });

  it('property: parts sum to the total and each is within 1 of total·w/Σw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (total, weights) => {
          const parts = apportionLargestRemainder(total, weights);
          const sum = weights.reduce((s, w) => s + w, 0);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});
