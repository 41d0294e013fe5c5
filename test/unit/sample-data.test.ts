/**
 * Generated demonstration data (src/domain/plan/sample-data.ts): seeded and reproducible, always
 * labelled as sample data, plausible (percentages within 0–100), and varied enough over the Chengdu
 * pack that a review shows several statuses.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanPack } from '../../src/domain/plan/pack.schema.ts';
import { buildReview } from '../../src/domain/plan/review.ts';
import { SAMPLE_SOURCE, generateSampleData } from '../../src/domain/plan/sample-data.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../src/store/pack/pack-loader.ts';

let pack: PlanPack;

beforeAll(async () => {
  pack = await loadPackFromDir(DEFAULT_PACK_DIR);
});

const generate = (seed: number, lastYear = 2023) =>
  generateSampleData(pack.indicators, pack.areas, seed, lastYear);

describe('generateSampleData over the Chengdu pack', () => {
  it('is reproducible: the same seed gives the same data', () => {
    expect(generate(20231)).toEqual(generate(20231));
  });

  it('differs for another seed', () => {
    const a = generate(1);
    const b = generate(2);
    expect(a.observations.length).toBe(b.observations.length);
    const differing = a.observations.filter((o, k) => o.value !== b.observations[k]?.value).length;
    expect(differing).toBeGreaterThan(a.observations.length / 2);
  });

  it('labels every observation and judgement as sample data with the sample source', () => {
    const { observations, judgements } = generate(7);
    expect(observations.length).toBeGreaterThan(0);
    expect(judgements.length).toBeGreaterThan(0);
    for (const o of observations) {
      expect(o.sample).toBe(true);
      expect(o.source).toBe(SAMPLE_SOURCE);
    }
    for (const j of judgements) expect(j.sample).toBe(true);
    expect(SAMPLE_SOURCE).toContain('示例数据');
    expect(SAMPLE_SOURCE).toContain('sample data');
  });

  it('covers the years after the baseline through the last year, for the city and the districts', () => {
    const { observations } = generate(7, 2024);
    const years = new Set(observations.map((o) => o.year));
    expect([...years].sort()).toEqual([2021, 2022, 2023, 2024]);
    const cityCode = pack.meta.city.code;
    const areas = new Set(observations.map((o) => o.areaCode));
    expect(areas.has(cityCode)).toBe(true);
    expect([...areas].filter((c) => c !== cityCode).length).toBeGreaterThan(10);
    // One figure per indicator, area and year.
    const keys = observations.map((o) => `${o.indicatorCode}|${o.areaCode}|${o.year}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives qualitative targets judgements, not observations, and city-only indicators no district data', () => {
    const { observations, judgements } = generate(7);
    const byCode = new Map(pack.indicators.map((i) => [i.code, i]));
    for (const o of observations) {
      const ind = byCode.get(o.indicatorCode);
      expect(ind?.target.kind).not.toBe('qualitative');
      if (ind?.districtRule === 'cityOnly') expect(o.areaCode).toBe(pack.meta.city.code);
    }
    for (const j of judgements) expect(byCode.get(j.indicatorCode)?.target.kind).toBe('qualitative');
  });

  it('keeps percentages within 0–100 and every value finite and non-negative', () => {
    const byCode = new Map(pack.indicators.map((i) => [i.code, i]));
    for (const seed of [1, 2, 3, 20231]) {
      const bad = generate(seed, 2025).observations.filter(
        (o) =>
          !Number.isFinite(o.value) ||
          o.value < 0 ||
          (byCode.get(o.indicatorCode)?.unit.includes('%') === true && o.value > 100),
      );
      expect(bad).toEqual([]);
    }
  });

  it('produces at least three distinct statuses in a review, and the review says it uses sample data', () => {
    for (const [year, kind] of [
      [2023, 'midTerm'],
      [2025, 'final'],
    ] as const) {
      const { observations, judgements } = generate(20231, year);
      const review = buildReview({
        kind,
        year,
        indicators: pack.indicators,
        areas: pack.areas,
        cityCode: pack.meta.city.code,
        observations,
        judgements,
      });
      const statuses = new Set(review.city.map((e) => e.status));
      expect(statuses.size).toBeGreaterThanOrEqual(3);
      expect(review.usesSampleData).toBe(true);
      expect(review.city.filter((e) => e.status !== 'noData').every((e) => e.usesSampleData)).toBe(true);
    }
  });

  it('property: any seed is reproducible and labelled, and its review has at least three statuses', () => {
    const headline = () => pack.indicators.filter((i) => i.headline);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        const a = generateSampleData(headline(), pack.areas, seed, 2023);
        expect(generateSampleData(headline(), pack.areas, seed, 2023)).toEqual(a);
        expect(a.observations.every((o) => o.sample && o.source === SAMPLE_SOURCE)).toBe(true);
        const review = buildReview({
          kind: 'midTerm',
          year: 2023,
          indicators: headline(),
          areas: pack.areas,
          cityCode: pack.meta.city.code,
          ...a,
        });
        expect(new Set(review.city.map((e) => e.status)).size).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 20 },
    );
  });

  it('gives nothing without a city among the areas', () => {
    const districts = pack.areas.filter((a) => a.kind !== 'city');
    expect(generateSampleData(pack.indicators, districts, 1, 2023)).toEqual({
      observations: [],
      judgements: [],
    });
  });
});
