/** Age shares: disjoint bands add to 1 and reproduce the census figures they came from. */
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  ASSUMED_80_PLUS_PERCENT,
  CHENGDU_AGE_SHARES_2020,
  CHENGDU_CENSUS_2020,
  deriveBandShares,
  namedBandTotals,
} from '../../../src/domain/people/age-bands.ts';

describe('CHENGDU_AGE_SHARES_2020', () => {
  const { shares } = CHENGDU_AGE_SHARES_2020;

  it('has a positive share for every disjoint band, summing to 1', () => {
    for (const b of AGE_BANDS) expect(shares[b]).toBeGreaterThan(0);
    expect(AGE_BANDS.reduce((s, b) => s + shares[b], 0)).toBeCloseTo(1, 12);
  });

  it('reproduces the 2020 census: 0–14 13.28%, 15–59 68.74%, 60+ 17.98%, 65+ 13.62%', () => {
    const n = namedBandTotals(shares);
    expect((n.age0to2 + n.age3to5 + n.age6to14) * 100).toBeCloseTo(13.28, 10);
    expect(n.age15to59 * 100).toBeCloseTo(68.74, 10);
    expect(n.age60plus * 100).toBeCloseTo(17.98, 10);
    expect(n.age65plus * 100).toBeCloseTo(13.62, 10);
    expect(n.age80plus * 100).toBeCloseTo(ASSUMED_80_PLUS_PERCENT, 10);
  });

  it('splits 0–14 by single years: 3/15, 3/15, 9/15', () => {
    expect(shares['0-2'] * 100).toBeCloseTo((13.28 * 3) / 15, 10);
    expect(shares['3-5']).toBeCloseTo(shares['0-2'], 15);
    expect(shares['6-14'] * 100).toBeCloseTo((13.28 * 9) / 15, 10);
  });

  it('says where the figures come from and what was assumed', () => {
    expect(CHENGDU_AGE_SHARES_2020.source).toMatch(/2020 census/);
    expect(CHENGDU_AGE_SHARES_2020.assumptions.some((a) => a.includes('80+'))).toBe(true);
    expect(CHENGDU_AGE_SHARES_2020.assumptions.some((a) => a.includes('0–14'))).toBe(true);
  });
});

describe('deriveBandShares', () => {
  it('normalises rounded census percentages that do not add to exactly 100', () => {
    const s = deriveBandShares({ ...CHENGDU_CENSUS_2020, age15to59: 68.84 }, 2.5);
    expect(AGE_BANDS.reduce((t, b) => t + s[b], 0)).toBeCloseTo(1, 12);
  });
});

describe('namedBandTotals', () => {
  it('nests 80+ in 65+ in 60+', () => {
    const n = namedBandTotals({
      '0-2': 1,
      '3-5': 2,
      '6-14': 3,
      '15-59': 4,
      '60-64': 5,
      '65-79': 6,
      '80+': 7,
    });
    expect(n).toEqual({
      age0to2: 1,
      age3to5: 2,
      age6to14: 3,
      age15to59: 4,
      age60plus: 18,
      age65plus: 13,
      age80plus: 7,
    });
  });
});
