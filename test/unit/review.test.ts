/**
 * Reviews (src/domain/plan/review.ts): every indicator for the city and the districts where it
 * applies, counts, binding indicators off track first. Fixture: a city of two districts with known
 * populations (600 and 400) and one whose population is unknown, and indicators shaped like column 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Judgement, Observation } from '../../src/domain/plan/evaluate.ts';
import type { Area, Indicator } from '../../src/domain/plan/pack.schema.ts';
import { CATEGORIES, SECTORS, areaSchema, indicatorSchema } from '../../src/domain/plan/pack.schema.ts';
import type { ReviewInput, StatusCounts } from '../../src/domain/plan/review.ts';
import {
  REVIEW_KINDS,
  buildReview,
  emptyCounts,
  reviewYear,
  targetForArea,
} from '../../src/domain/plan/review.ts';
import { STATUSES, STATUS_SEVERITY, isOffTrack } from '../../src/domain/plan/status.ts';

const CITY = '510100';
const EAST = '510104';
const WEST = '510105';
const UNKNOWN = '510118';

function area(code: string, kind: Area['kind'], residentPopulation: number | null, name = code): Area {
  return areaSchema.parse({
    code,
    name,
    nameEn: name,
    kind,
    parent: kind === 'city' ? undefined : CITY,
    residentPopulation,
    residentPopulationYear: residentPopulation === null ? null : 2021,
    registeredPopulation: null,
    areaKm2: null,
    hasBoundary: false,
    provenance: 'test fixture',
  });
}

const AREAS: Area[] = [
  area(CITY, 'city', 2000, '成都市'),
  area(EAST, 'district', 600, '锦江区'),
  area(WEST, 'district', 400, '青羊区'),
  area(UNKNOWN, 'district', null, '新津区'),
  area('Z-tianfu-new-area', 'zone', null, '天府新区'),
];

function indicator(over: Record<string, unknown>): Indicator {
  return indicatorSchema.parse({
    name: '指标',
    nameEn: 'Indicator',
    headline: true,
    category: 'overall',
    sector: 'health',
    unit: '岁',
    unitEn: 'years',
    baseline: 81.5,
    baselineText: '81.5',
    target: { kind: 'equals', value: 82.4 },
    targetText: '82.4',
    nature: 'expected',
    natureStated: true,
    direction: 'increase',
    cumulativeOverPeriod: false,
    sourceRef: '专栏1',
    sourceText: '人均预期寿命（岁）\t81.5\t82.4\t预期性',
    ...over,
  });
}

/** Life expectancy: a rate, the same level for every district. */
const LIFE = indicator({ code: 'H04', districtRule: 'sameAsCity' });
/** Beds per 1,000: binding, rule left to the default (sameAsCity for a level). */
const BEDS = indicator({
  code: 'H13',
  category: 'basic',
  baseline: 7.34,
  target: { kind: 'equals', value: 8 },
  nature: 'binding',
});
/** New urban jobs: binding, cumulative, shared out by population. */
const JOBS = indicator({
  code: 'H11',
  category: 'basic',
  sector: 'employment',
  baseline: 134.9,
  target: { kind: 'equals', value: 115 },
  nature: 'binding',
  cumulativeOverPeriod: true,
  districtRule: 'populationShare',
});
/** Higher-education enrolment: city only. */
const UNIVERSITY = indicator({
  code: 'H28',
  category: 'inclusive',
  sector: 'education',
  baseline: 60,
  target: { kind: 'equals', value: 65 },
  districtRule: 'cityOnly',
});
/** A chapter-4 cumulative count with no rule: population share by default. */
const PLACES = indicator({
  code: 'T-childcare-03',
  headline: false,
  natureStated: false,
  category: 'basic',
  sector: 'childcare',
  baseline: null,
  target: { kind: 'equals', value: 10 },
  cumulativeOverPeriod: true,
});
/** Qualitative, binding. */
const BURSARY = indicator({
  code: 'H10',
  category: 'basic',
  sector: 'education',
  baseline: null,
  target: { kind: 'qualitative', description: '达到宏志助学金标准' },
  direction: 'maintain',
  nature: 'binding',
  districtRule: 'cityOnly',
});
const INDICATORS = [LIFE, BEDS, JOBS, UNIVERSITY, PLACES, BURSARY];

function o(ind: Indicator, areaCode: string, year: number, value: number, sample = false): Observation {
  return { indicatorCode: ind.code, areaCode, year, value, source: '统计公报', sample };
}

function review(observations: Observation[], judgements: Judgement[] = [], over: Partial<ReviewInput> = {}) {
  return buildReview({
    kind: 'midTerm',
    year: 2023,
    indicators: INDICATORS,
    areas: AREAS,
    cityCode: CITY,
    observations,
    judgements,
    ...over,
  });
}

/** City data for 2023: life expectancy lagging, beds at risk, jobs on track, university achieved. */
const CITY_2023: Observation[] = [
  o(LIFE, CITY, 2023, 81.7), // path expects 82.04: lagging (expected nature)
  o(BEDS, CITY, 2023, 7.4), // path expects 7.736: at risk (binding)
  ...[2021, 2022, 2023].map((y) => o(JOBS, CITY, y, 23)), // 69 of 69: on track
  o(UNIVERSITY, CITY, 2023, 66), // achieved
];

const sum = (c: StatusCounts) => STATUSES.reduce((s, k) => s + c[k], 0);

describe('buildReview', () => {
  it('evaluates every indicator once for the city, with the status each case calls for', () => {
    const r = review(CITY_2023);
    expect(r.kind).toBe('midTerm');
    expect(r.year).toBe(2023);
    expect(r.city).toHaveLength(INDICATORS.length);
    expect(new Set(r.city.map((e) => e.indicatorCode))).toEqual(new Set(INDICATORS.map((i) => i.code)));
    const status = Object.fromEntries(r.city.map((e) => [e.indicatorCode, e.status]));
    expect(status).toEqual({
      H04: 'lagging',
      H13: 'atRisk',
      H11: 'onTrack',
      H28: 'achieved',
      'T-childcare-03': 'noData',
      H10: 'noData',
    });
    for (const e of r.city) expect(e.areaCode).toBe(CITY);
  });

  it("gives the city the plan's baseline", () => {
    const life = review(CITY_2023).city.find((e) => e.indicatorCode === 'H04');
    expect(life?.baseline).toEqual({ year: 2020, value: 81.5, from: 'plan' });
  });

  it('counts sum to the number of indicators, overall, by category, by sector, and for the headline set', () => {
    const r = review(CITY_2023);
    expect(sum(r.counts.all)).toBe(INDICATORS.length);
    expect(r.counts.all).toEqual({ achieved: 1, onTrack: 1, lagging: 1, atRisk: 1, noData: 2 });
    expect(CATEGORIES.reduce((s, c) => s + sum(r.counts.byCategory[c]), 0)).toBe(INDICATORS.length);
    expect(SECTORS.reduce((s, c) => s + sum(r.counts.bySector[c]), 0)).toBe(INDICATORS.length);
    expect(sum(r.counts.headline)).toBe(INDICATORS.filter((i) => i.headline).length);
    expect(r.counts.byCategory.basic).toEqual({ achieved: 0, onTrack: 1, lagging: 0, atRisk: 1, noData: 2 });
    expect(r.counts.bySector.employment.onTrack).toBe(1);
    expect(r.counts.headline.noData).toBe(1); // H10; T-childcare-03 is not headline
  });

  it('puts binding indicators off track first, then orders by severity, headline before others', () => {
    const r = review(CITY_2023, [
      {
        indicatorCode: 'H10',
        areaCode: CITY,
        year: 2022,
        status: 'lagging',
        reason: '未达标',
        sample: false,
      },
    ]);
    // H10 (binding, lagging by judgement) and H13 (binding, at risk) lead; H13 first by severity.
    expect(r.city.map((e) => e.indicatorCode)).toEqual(['H13', 'H10', 'H04', 'T-childcare-03', 'H11', 'H28']);
    expect(r.bindingOffTrack).toEqual(['H13', 'H10']);
  });

  it('lists no binding indicator when none is off track', () => {
    const r = review([o(BEDS, CITY, 2023, 8.1), ...[2021, 2022, 2023].map((y) => o(JOBS, CITY, y, 25))]);
    expect(r.bindingOffTrack).toEqual([]);
  });

  it('evaluates districts with their own targets: same level, population share, or none', () => {
    const r = review(CITY_2023);
    // Same level: every district, the city target.
    expect(r.districts.H04?.map((e) => e.areaCode)).toEqual([EAST, WEST, UNKNOWN]);
    for (const e of r.districts.H04 ?? []) expect(e.target).toEqual(LIFE.target);
    expect(r.districts.H13?.map((e) => e.areaCode)).toEqual([EAST, WEST, UNKNOWN]);
    // Population share: 600 and 400 of the 1,000 known residents; unknown population: no target.
    const jobs = r.districts.H11 ?? [];
    expect(jobs.map((e) => e.areaCode)).toEqual([EAST, WEST]);
    expect(jobs[0]?.target).toEqual({ kind: 'equals', value: 115 * 0.6 });
    expect(jobs[1]?.target).toEqual({ kind: 'equals', value: 115 * 0.4 });
    expect(r.districts['T-childcare-03']?.map((e) => e.areaCode)).toEqual([EAST, WEST]);
    // City only: no district evaluations at all; zones are never evaluated.
    expect(r.districts.H28).toBeUndefined();
    expect(r.districts.H10).toBeUndefined();
    for (const evs of Object.values(r.districts)) for (const e of evs) expect(e.areaCode).not.toMatch(/^Z-/);
  });

  it("judges a district's running total against its share", () => {
    // East: 13.8 a year is on the path to 69 (= 0.6 · 115): 41.4 of 41.4 by 2023.
    const r = review([...[2021, 2022, 2023].map((y) => o(JOBS, EAST, y, 13.8)), o(JOBS, WEST, 2021, 1)]);
    const [east, west] = r.districts.H11 ?? [];
    expect(east?.status).toBe('onTrack');
    expect(east?.expected).toBeCloseTo(41.4, 9);
    expect(west?.status).toBe('atRisk');
  });

  it("does not give districts the city's plan baseline", () => {
    const r = review([o(LIFE, EAST, 2023, 81.7)]);
    const east = r.districts.H04?.find((e) => e.areaCode === EAST);
    expect(east?.baseline).toBeNull();
    expect(east?.reasons.map((x) => x.code)).toContain('no_baseline');
  });

  it('uses sample data when any city or district figure is sample data', () => {
    expect(review(CITY_2023).usesSampleData).toBe(false);
    expect(review([...CITY_2023, o(LIFE, WEST, 2023, 82.5, true)]).usesSampleData).toBe(true);
    expect(review([o(LIFE, CITY, 2023, 82.5, true)]).usesSampleData).toBe(true);
    const judged = review(CITY_2023, [
      { indicatorCode: 'H10', areaCode: CITY, year: 2022, status: 'onTrack', reason: '示例', sample: true },
    ]);
    expect(judged.usesSampleData).toBe(true);
  });

  it('passes the evaluation options through (growth rate instead of linear)', () => {
    // Beds 7.34 → 8, 7.7 in 2023: linear ratio 0.36 / 0.396 = 0.909 (at risk at 0.95, on track at
    // 0.9); growth-rate ratio (ln(7.7/7.34)/3) / (ln(8/7.34)/5) = 0.927.
    const obs = [o(BEDS, CITY, 2023, 7.7)];
    const linear = review(obs).city.find((e) => e.indicatorCode === 'H13');
    const growth = review(obs, [], { options: { method: 'growthRate', onTrackRatio: 0.95 } }).city.find(
      (e) => e.indicatorCode === 'H13',
    );
    expect(linear?.status).toBe('atRisk');
    expect(linear?.progressRatio).toBeCloseTo(0.36 / 0.396, 9);
    expect(growth?.progressRatio).toBeCloseTo(Math.log(7.7 / 7.34) / 3 / (Math.log(8 / 7.34) / 5), 9);
    expect(growth?.status).toBe('atRisk');
    const loose = review(obs, [], { options: { method: 'linear', onTrackRatio: 0.9 } }).city.find(
      (e) => e.indicatorCode === 'H13',
    );
    expect(loose?.status).toBe('onTrack');
  });

  it('refuses a city code that is not among the areas', () => {
    expect(() => review([], [], { cityCode: '999999' })).toThrow(/999999/);
  });

  it('property: for any data, counts add up and the city list is ordered as the review promises', () => {
    const statusObs = fc.array(
      fc.record({
        ind: fc.constantFrom(...INDICATORS),
        area: fc.constantFrom(CITY, EAST, WEST, UNKNOWN),
        year: fc.integer({ min: 2020, max: 2025 }),
        value: fc.double({ min: 0, max: 200, noNaN: true }),
        sample: fc.boolean(),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(statusObs, fc.integer({ min: 2021, max: 2025 }), (rows, year) => {
        // One figure per indicator, area and year, as the store keeps it.
        const seen = new Set<string>();
        const observations = rows
          .filter((x) => {
            const k = `${x.ind.code}|${x.area}|${x.year}`;
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          })
          .map((x) => o(x.ind, x.area, x.year, x.value, x.sample));
        const r = review(observations, [], { year });
        expect(sum(r.counts.all)).toBe(INDICATORS.length);
        expect(sum(r.counts.headline)).toBe(INDICATORS.filter((i) => i.headline).length);
        const byCode = new Map(INDICATORS.map((i) => [i.code, i]));
        const bindingOff = (e: (typeof r.city)[number]) =>
          byCode.get(e.indicatorCode)?.nature === 'binding' && isOffTrack(e.status);
        // Binding off-track first, then by severity within each group.
        for (let k = 1; k < r.city.length; k++) {
          const a = r.city[k - 1]!;
          const b = r.city[k]!;
          if (bindingOff(a) === bindingOff(b)) {
            expect(STATUS_SEVERITY[a.status]).toBeLessThanOrEqual(STATUS_SEVERITY[b.status]);
          } else {
            expect(bindingOff(a)).toBe(true);
          }
        }
        expect(r.bindingOffTrack).toEqual(r.city.filter(bindingOff).map((e) => e.indicatorCode));
        const anySample = observations.some((x) => x.sample);
        if (!anySample) expect(r.usesSampleData).toBe(false);
      }),
    );
  });
});

describe('targetForArea', () => {
  const city = AREAS[0]!;
  const east = AREAS[1]!;
  const unknown = AREAS[3]!;

  it("gives the city the plan's target whatever the rule", () => {
    for (const ind of INDICATORS) expect(targetForArea(ind, city, AREAS)).toEqual(ind.target);
  });

  it('sameAsCity: the same target; cityOnly: none', () => {
    expect(targetForArea(LIFE, east, AREAS)).toEqual(LIFE.target);
    expect(targetForArea(UNIVERSITY, east, AREAS)).toBeNull();
  });

  it('defaults: sameAsCity for a level, populationShare for a cumulative count', () => {
    expect(BEDS.districtRule).toBeUndefined();
    expect(targetForArea(BEDS, east, AREAS)).toEqual(BEDS.target);
    expect(PLACES.districtRule).toBeUndefined();
    const share = targetForArea(PLACES, east, AREAS) as { kind: string; value: number };
    expect(share.kind).toBe('equals');
    expect(share.value).toBeCloseTo(6, 9); // 10 · 600/1000
  });

  it('populationShare: none when the population is unknown, or when no district population is known', () => {
    expect(targetForArea(JOBS, unknown, AREAS)).toBeNull();
    const noPopulation = AREAS.map((a) => (a.kind === 'district' ? { ...a, residentPopulation: null } : a));
    expect(targetForArea(JOBS, { ...east, residentPopulation: null }, noPopulation)).toBeNull();
  });

  it('property: population-share targets of the districts add up to the city target', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 25 }),
        (pops) => {
          const districts = pops.map((p, k) => area(String(510200 + k), 'district', p));
          const areas = [AREAS[0]!, ...districts];
          const total = districts.reduce(
            (s, d) => s + ((targetForArea(JOBS, d, areas) as { value: number } | null)?.value ?? 0),
            0,
          );
          expect(total).toBeCloseTo(115, 6);
        },
      ),
    );
  });
});

describe('reviewYear', () => {
  const plan = { midTermYear: 2023, periodEnd: 2025 };
  it('mid-term and final are fixed by the plan; annual is the chosen year', () => {
    expect(reviewYear('midTerm', plan)).toBe(2023);
    expect(reviewYear('final', plan)).toBe(2025);
    expect(reviewYear('annual', plan, 2022)).toBe(2022);
    expect(reviewYear('midTerm', plan, 2021)).toBe(2023); // a year given for a fixed review is ignored
  });

  it('an annual evaluation needs a year', () => {
    expect(() => reviewYear('annual', plan)).toThrow();
  });

  it('knows the three kinds, and emptyCounts has every status at zero', () => {
    expect(REVIEW_KINDS).toEqual(['annual', 'midTerm', 'final']);
    expect(emptyCounts()).toEqual({ achieved: 0, onTrack: 0, lagging: 0, atRisk: 0, noData: 0 });
  });
});
