/**
 * What a target means as numbers (src/domain/plan/target.ts): meetsTarget for every kind in every
 * direction, the goal a trajectory aims at, scaling a city target to a district, and the short text.
 * Examples are the plan's own targets (column 1 unless said otherwise).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator, Target } from '../../src/domain/plan/pack.schema.ts';
import { targetSchema } from '../../src/domain/plan/pack.schema.ts';
import { describeTarget, goalValue, meetsTarget, scaleTarget } from '../../src/domain/plan/target.ts';

type Direction = Indicator['direction'];
const DIRECTIONS: readonly Direction[] = ['increase', 'decrease', 'maintain'];

/** Finite numbers of the size plan figures have (a few decimals, up to a million). */
const figure = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const positive = fc.double({ min: 1e-3, max: 1e6, noNaN: true, noDefaultInfinity: true });
const direction = fc.constantFrom(...DIRECTIONS);

/** Any numeric target the schema accepts (qualitative excluded: it has no number). */
const numericTarget: fc.Arbitrary<Target> = fc.oneof(
  fc.record({ kind: fc.constant('atLeast' as const), value: figure }),
  fc.record({ kind: fc.constant('greaterThan' as const), value: figure }),
  fc.record({ kind: fc.constant('atMost' as const), value: figure }),
  fc.record({ kind: fc.constant('lessThan' as const), value: figure }),
  fc.record({ kind: fc.constant('equals' as const), value: figure }),
  fc.record({
    kind: fc.constant('approximately' as const),
    value: figure,
    tolerance: fc.double({ min: 0, max: 1e3, noNaN: true }),
  }),
  fc
    .tuple(figure, figure)
    .map(([a, b]): Target => ({ kind: 'range', min: Math.min(a, b), max: Math.max(a, b) })),
  fc.constant<Target>({ kind: 'zero' }),
);
const anyTarget: fc.Arbitrary<Target> = fc.oneof(
  numericTarget,
  fc.constant<Target>({ kind: 'qualitative', description: '达到宏志助学金标准' }),
);

describe('meetsTarget', () => {
  it('atLeast (≥4.5 nurses per 1,000, H14): the figure itself and anything above', () => {
    const t: Target = { kind: 'atLeast', value: 4.5 };
    expect(meetsTarget(t, 'increase', 4.5)).toBe(true);
    expect(meetsTarget(t, 'increase', 4.51)).toBe(true);
    expect(meetsTarget(t, 'increase', 4.49)).toBe(false);
    expect(meetsTarget(t, 'increase', 4.18)).toBe(false);
    // Figures with a float representation error still meet it (0.1 + 0.2 style sums).
    expect(meetsTarget({ kind: 'atLeast', value: 0.3 }, 'increase', 0.1 + 0.2)).toBe(true);
  });

  it('greaterThan (>95 medical insurance coverage, H15): strictly above', () => {
    const t: Target = { kind: 'greaterThan', value: 95 };
    expect(meetsTarget(t, 'increase', 95)).toBe(false);
    expect(meetsTarget(t, 'increase', 95.01)).toBe(true);
    expect(meetsTarget(t, 'increase', 94)).toBe(false);
  });

  it('atMost (maternal mortality 8.5/10万以下): the figure itself and anything below', () => {
    const t: Target = { kind: 'atMost', value: 8.5 };
    expect(meetsTarget(t, 'decrease', 8.5)).toBe(true);
    expect(meetsTarget(t, 'decrease', 6)).toBe(true);
    expect(meetsTarget(t, 'decrease', 8.51)).toBe(false);
  });

  it('lessThan: strictly below', () => {
    const t: Target = { kind: 'lessThan', value: 2.8 };
    expect(meetsTarget(t, 'decrease', 2.8)).toBe(false);
    expect(meetsTarget(t, 'decrease', 2.79)).toBe(true);
    expect(meetsTarget(t, 'decrease', 3)).toBe(false);
  });

  it('equals, increase (12 years of schooling, H02): the figure or beyond', () => {
    const t: Target = { kind: 'equals', value: 12 };
    expect(meetsTarget(t, 'increase', 12)).toBe(true);
    expect(meetsTarget(t, 'increase', 12.1)).toBe(true);
    expect(meetsTarget(t, 'increase', 11.9)).toBe(false);
  });

  it('equals, decrease: the figure or below', () => {
    const t: Target = { kind: 'equals', value: 5 };
    expect(meetsTarget(t, 'decrease', 5)).toBe(true);
    expect(meetsTarget(t, 'decrease', 4.2)).toBe(true);
    expect(meetsTarget(t, 'decrease', 5.1)).toBe(false);
  });

  it('equals, maintain (100% resettlement of veterans, H21): only the ceiling itself', () => {
    const t: Target = { kind: 'equals', value: 100 };
    expect(meetsTarget(t, 'maintain', 100)).toBe(true);
    expect(meetsTarget(t, 'maintain', 99.9)).toBe(false);
  });

  it('approximately (unemployment 5左右 ±0.25, H01): in the better direction up to the tolerance', () => {
    const t: Target = { kind: 'approximately', value: 5, tolerance: 0.25 };
    // Lower is better: 4.8 meets it, and so does anything up to 5.25.
    expect(meetsTarget(t, 'decrease', 4.8)).toBe(true);
    expect(meetsTarget(t, 'decrease', 5.25)).toBe(true);
    expect(meetsTarget(t, 'decrease', 5.26)).toBe(false);
    // Higher is better: 4.75 and above.
    expect(meetsTarget(t, 'increase', 4.75)).toBe(true);
    expect(meetsTarget(t, 'increase', 9)).toBe(true);
    expect(meetsTarget(t, 'increase', 4.74)).toBe(false);
    // Maintain: inside the band only.
    expect(meetsTarget(t, 'maintain', 4.75)).toBe(true);
    expect(meetsTarget(t, 'maintain', 5.25)).toBe(true);
    expect(meetsTarget(t, 'maintain', 5.3)).toBe(false);
    expect(meetsTarget(t, 'maintain', 4.7)).toBe(false);
  });

  it('range (6.5-8 childcare places per 1,000, H06): inside, or beyond in the better direction', () => {
    const t: Target = { kind: 'range', min: 6.5, max: 8 };
    expect(meetsTarget(t, 'increase', 6.5)).toBe(true);
    expect(meetsTarget(t, 'increase', 7.2)).toBe(true);
    expect(meetsTarget(t, 'increase', 8.5)).toBe(true);
    expect(meetsTarget(t, 'increase', 6.4)).toBe(false);
    expect(meetsTarget(t, 'decrease', 8)).toBe(true);
    expect(meetsTarget(t, 'decrease', 2)).toBe(true);
    expect(meetsTarget(t, 'decrease', 8.1)).toBe(false);
    expect(meetsTarget(t, 'maintain', 6.5)).toBe(true);
    expect(meetsTarget(t, 'maintain', 8)).toBe(true);
    expect(meetsTarget(t, 'maintain', 8.1)).toBe(false);
    expect(meetsTarget(t, 'maintain', 6.4)).toBe(false);
  });

  it('zero (零就业家庭动态清零, H12): only zero', () => {
    const t: Target = { kind: 'zero' };
    for (const d of DIRECTIONS) {
      expect(meetsTarget(t, d, 0)).toBe(true);
      expect(meetsTarget(t, d, 1)).toBe(false);
      expect(meetsTarget(t, d, -1)).toBe(false);
    }
  });

  it('qualitative (宏志助学金标准, H10): never met by a number', () => {
    const t: Target = { kind: 'qualitative', description: '达到宏志助学金标准' };
    for (const d of DIRECTIONS) for (const v of [-1, 0, 100, 1e9]) expect(meetsTarget(t, d, v)).toBe(false);
  });

  it('property: atLeast v is met by x iff x ≥ v (beyond float noise)', () => {
    fc.assert(
      fc.property(figure, figure, direction, (v, x, d) => {
        fc.pre(Math.abs(x - v) > 1e-6);
        expect(meetsTarget({ kind: 'atLeast', value: v }, d, x)).toBe(x >= v);
      }),
    );
  });

  it('property: atMost v is met by x iff x ≤ v; greaterThan and lessThan are strict', () => {
    fc.assert(
      fc.property(figure, figure, direction, (v, x, d) => {
        fc.pre(Math.abs(x - v) > 1e-6);
        expect(meetsTarget({ kind: 'atMost', value: v }, d, x)).toBe(x <= v);
        expect(meetsTarget({ kind: 'greaterThan', value: v }, d, x)).toBe(x > v);
        expect(meetsTarget({ kind: 'lessThan', value: v }, d, x)).toBe(x < v);
        expect(meetsTarget({ kind: 'greaterThan', value: v }, d, v)).toBe(false);
        expect(meetsTarget({ kind: 'lessThan', value: v }, d, v)).toBe(false);
      }),
    );
  });

  it('property: a range contains its min and max, and every value between, in every direction', () => {
    fc.assert(
      fc.property(figure, figure, fc.double({ min: 0, max: 1, noNaN: true }), direction, (a, b, t, d) => {
        const min = Math.min(a, b);
        const max = Math.max(a, b);
        const target: Target = { kind: 'range', min, max };
        expect(meetsTarget(target, d, min)).toBe(true);
        expect(meetsTarget(target, d, max)).toBe(true);
        expect(meetsTarget(target, d, min + (max - min) * t)).toBe(true);
      }),
    );
  });

  it('property: the goal value always meets its own target (numeric kinds except strict ones)', () => {
    fc.assert(
      fc.property(numericTarget, direction, (target, d) => {
        fc.pre(target.kind !== 'greaterThan' && target.kind !== 'lessThan');
        const goal = goalValue(target, d) as number;
        expect(meetsTarget(target, d, goal)).toBe(true);
      }),
    );
  });

  it('property: increase and decrease are monotone: a better value never stops meeting the target', () => {
    fc.assert(
      fc.property(
        numericTarget,
        fc.constantFrom<Direction>('increase', 'decrease'),
        figure,
        positive,
        (t, d, x, step) => {
          // Only targets that agree with the direction (the pack never pairs atMost with increase).
          fc.pre(t.kind !== 'zero');
          fc.pre(
            d === 'increase'
              ? t.kind !== 'atMost' && t.kind !== 'lessThan'
              : t.kind !== 'atLeast' && t.kind !== 'greaterThan',
          );
          const better = d === 'increase' ? x + step : x - step;
          if (meetsTarget(t, d, x)) expect(meetsTarget(t, d, better)).toBe(true);
        },
      ),
    );
  });
});

describe('goalValue', () => {
  it('is the figure for single-figure kinds', () => {
    expect(goalValue({ kind: 'atLeast', value: 4.5 }, 'increase')).toBe(4.5);
    expect(goalValue({ kind: 'greaterThan', value: 95 }, 'increase')).toBe(95);
    expect(goalValue({ kind: 'atMost', value: 8.5 }, 'decrease')).toBe(8.5);
    expect(goalValue({ kind: 'lessThan', value: 2.8 }, 'decrease')).toBe(2.8);
    expect(goalValue({ kind: 'equals', value: 12 }, 'increase')).toBe(12);
    expect(goalValue({ kind: 'equals', value: 100 }, 'maintain')).toBe(100);
    expect(goalValue({ kind: 'approximately', value: 5, tolerance: 0.25 }, 'decrease')).toBe(5);
  });

  it('is the nearer bound of a range: min when increasing (2.7 → 6.5 of 6.5-8), max when decreasing', () => {
    const t: Target = { kind: 'range', min: 6.5, max: 8 };
    expect(goalValue(t, 'increase')).toBe(6.5);
    expect(goalValue(t, 'maintain')).toBe(6.5);
    expect(goalValue(t, 'decrease')).toBe(8);
  });

  it('is 0 for zero and null for qualitative', () => {
    expect(goalValue({ kind: 'zero' }, 'decrease')).toBe(0);
    expect(goalValue({ kind: 'qualitative', description: '达到宏志助学金标准' }, 'maintain')).toBeNull();
  });
});

describe('scaleTarget', () => {
  it('scales the figure of single-figure kinds (115万 new urban jobs × a 4.34% population share)', () => {
    const scaled = scaleTarget({ kind: 'equals', value: 115 }, 0.0434);
    expect(scaled.kind).toBe('equals');
    expect((scaled as { value: number }).value).toBeCloseTo(4.991, 9);
    expect(scaleTarget({ kind: 'atLeast', value: 10 }, 0.5)).toEqual({ kind: 'atLeast', value: 5 });
    expect(scaleTarget({ kind: 'greaterThan', value: 10 }, 0.5)).toEqual({ kind: 'greaterThan', value: 5 });
    expect(scaleTarget({ kind: 'atMost', value: 10 }, 0.5)).toEqual({ kind: 'atMost', value: 5 });
    expect(scaleTarget({ kind: 'lessThan', value: 10 }, 0.5)).toEqual({ kind: 'lessThan', value: 5 });
  });

  it('scales both bounds of a range and both figure and tolerance of approximately', () => {
    expect(scaleTarget({ kind: 'range', min: 6.5, max: 8 }, 2)).toEqual({ kind: 'range', min: 13, max: 16 });
    expect(scaleTarget({ kind: 'approximately', value: 5, tolerance: 0.25 }, 2)).toEqual({
      kind: 'approximately',
      value: 10,
      tolerance: 0.5,
    });
  });

  it('leaves zero and qualitative targets as they are', () => {
    expect(scaleTarget({ kind: 'zero' }, 0.3)).toEqual({ kind: 'zero' });
    const q: Target = { kind: 'qualitative', description: '达到宏志助学金标准' };
    expect(scaleTarget(q, 0.3)).toEqual(q);
  });

  it('does not change its argument', () => {
    const t: Target = { kind: 'range', min: 1, max: 2 };
    scaleTarget(t, 3);
    expect(t).toEqual({ kind: 'range', min: 1, max: 2 });
  });

  it('property: scaling by 1 is the identity', () => {
    fc.assert(
      fc.property(anyTarget, (t) => {
        expect(scaleTarget(t, 1)).toEqual(t);
      }),
    );
  });

  it('property: scaling by a then by b is scaling by a·b (to float precision), and stays schema-valid', () => {
    fc.assert(
      fc.property(numericTarget, positive, positive, (t, a, b) => {
        const twice = scaleTarget(scaleTarget(t, a), b);
        const once = scaleTarget(t, a * b);
        expect(twice.kind).toBe(once.kind);
        const nums = (x: Target) => Object.values(x).filter((v): v is number => typeof v === 'number');
        nums(twice).forEach((v, i) => {
          const w = nums(once)[i] as number;
          expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
        });
        expect(targetSchema.safeParse(twice).success).toBe(true);
      }),
    );
  });

  it('property: for a positive share, a scaled target is met by the scaled value exactly when the original is', () => {
    fc.assert(
      fc.property(
        numericTarget,
        direction,
        figure,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (t, d, x, share) => {
          fc.pre(t.kind !== 'zero');
          // Stay clear of the boundaries, where the 1e-9 tolerance is not scaled.
          const bounds = Object.values(t).filter((v): v is number => typeof v === 'number');
          const edges = t.kind === 'approximately' ? [t.value - t.tolerance, t.value + t.tolerance] : bounds;
          fc.pre(edges.every((e) => Math.abs(x - e) > 1e-6 * Math.max(1, Math.abs(e))));
          expect(meetsTarget(scaleTarget(t, share), d, x * share)).toBe(meetsTarget(t, d, x));
        },
      ),
    );
  });
});

describe('describeTarget', () => {
  it('writes each kind in short form', () => {
    expect(describeTarget({ kind: 'atLeast', value: 4.5 })).toBe('≥ 4.5');
    expect(describeTarget({ kind: 'greaterThan', value: 95 })).toBe('> 95');
    expect(describeTarget({ kind: 'atMost', value: 8.5 })).toBe('≤ 8.5');
    expect(describeTarget({ kind: 'lessThan', value: 2.8 })).toBe('< 2.8');
    expect(describeTarget({ kind: 'equals', value: 12 })).toBe('12');
    expect(describeTarget({ kind: 'approximately', value: 5, tolerance: 0.25 })).toBe('≈ 5 (±0.25)');
    expect(describeTarget({ kind: 'range', min: 6.5, max: 8 })).toBe('6.5–8');
    expect(describeTarget({ kind: 'zero' })).toBe('0');
    expect(describeTarget({ kind: 'qualitative', description: '达到宏志助学金标准' })).toBe(
      '达到宏志助学金标准',
    );
  });

  it('rounds to four decimals (a scaled district target stays readable)', () => {
    expect(describeTarget({ kind: 'equals', value: 115 * 0.0434 })).toBe('4.991');
    expect(describeTarget({ kind: 'atLeast', value: 1 / 3 })).toBe('≥ 0.3333');
    expect(describeTarget({ kind: 'range', min: 2 / 3, max: 4 / 3 })).toBe('0.6667–1.3333');
  });

  it('property: never empty, and never prints NaN or a long float tail', () => {
    fc.assert(
      fc.property(anyTarget, (t) => {
        const s = describeTarget(t);
        expect(s.length).toBeGreaterThan(0);
        expect(s).not.toContain('NaN');
        expect(s).not.toMatch(/\d\.\d{5,}/);
      }),
    );
  });
});
