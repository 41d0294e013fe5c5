/**
 * Indicator evaluation (src/domain/plan/evaluate.ts), branch by branch, on indicators shaped like the
 * plan's own (life expectancy 81.5 → 82.4, maternal mortality ≤ 8.5/10万, new urban jobs 115万 over
 * 2021–2025 …), then properties over generated paths. Expected values are worked out by arithmetic
 * in the comments: a linear path from (2020, b) to (2025, g) expects b + (g − b)·(y − 2020)/5 in y.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluationInput, Judgement, Observation } from '../../src/domain/plan/evaluate.ts';
import { DEFAULT_OPTIONS, evaluateIndicator, trajectoryValue } from '../../src/domain/plan/evaluate.ts';
import type { Indicator, Target } from '../../src/domain/plan/pack.schema.ts';
import { indicatorSchema } from '../../src/domain/plan/pack.schema.ts';
import type { Status } from '../../src/domain/plan/status.ts';
import { STATUSES } from '../../src/domain/plan/status.ts';

const CITY = '510100';

/** An indicator through the pack schema, so defaults (baselineYear 2020, targetYear 2025) apply. */
function indicator(over: Record<string, unknown> = {}): Indicator {
  return indicatorSchema.parse({
    code: 'H04',
    name: '人均预期寿命',
    nameEn: 'Life expectancy at birth',
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

const LIFE = indicator();
const LIFE_BINDING = indicator({ nature: 'binding' });
/** 孕产妇死亡率 (第四章第一节): plan prints no baseline; 8.5/10万以下 (atMost, decrease). */
const MATERNAL = indicator({
  code: 'T-childcare-01',
  name: '孕产妇死亡率',
  nameEn: 'Maternal mortality ratio',
  headline: false,
  category: 'basic',
  sector: 'childcare',
  unit: '1/10万',
  unitEn: 'per 100,000 live births',
  baseline: null,
  baselineText: '—',
  target: { kind: 'atMost', value: 8.5 },
  targetText: '8.5/10万以下',
  natureStated: false,
  direction: 'decrease',
  sourceRef: '第四章第一节（二）',
  sourceText: '实现孕产妇死亡率控制在8.5/10万以下',
});
/** 城镇新增就业人数 (H11): 134.9 is the 2016–2020 total; 115 is the 2021–2025 total. */
const JOBS = indicator({
  code: 'H11',
  name: '城镇新增就业人数',
  nameEn: 'New urban jobs',
  category: 'basic',
  sector: 'employment',
  unit: '万人',
  unitEn: '10,000 persons',
  baseline: 134.9,
  baselineText: '134.9',
  target: { kind: 'atLeast', value: 115 },
  targetText: '115',
  nature: 'binding',
  cumulativeOverPeriod: true,
  sourceText: '城镇新增就业人数（万人）\t134.9\t115\t约束性',
});
/** 每千人口拥有3岁以下婴幼儿托位数 (H06): 2.7 → 6.5-8. */
const CHILDCARE = indicator({
  code: 'H06',
  name: '每千人口拥有3岁以下婴幼儿托位数',
  nameEn: 'Childcare places for under-3s per 1,000 residents',
  sector: 'childcare',
  unit: '个',
  unitEn: 'places',
  baseline: 2.7,
  baselineText: '2.7',
  target: { kind: 'range', min: 6.5, max: 8 },
  targetText: '6.5-8',
});
/** 城镇调查失业率 (H01): 4.8 → 5左右 (±0.25 assumed), lower is better. */
const UNEMPLOYMENT = indicator({
  code: 'H01',
  name: '城镇调查失业率',
  nameEn: 'Surveyed urban unemployment rate',
  sector: 'employment',
  unit: '%',
  unitEn: '%',
  baseline: 4.8,
  baselineText: '4.8',
  target: { kind: 'approximately', value: 5, tolerance: 0.25 },
  targetText: '5左右',
  direction: 'decrease',
});
/** 零就业家庭动态清零 (H12). */
const ZERO_JOBLESS = indicator({
  code: 'H12',
  name: '零就业家庭动态清零',
  nameEn: 'Zero-employment households cleared',
  category: 'basic',
  sector: 'employment',
  unit: '户',
  unitEn: 'households',
  baseline: null,
  baselineText: '—',
  target: { kind: 'zero' },
  targetText: '动态清零',
  nature: 'binding',
  direction: 'decrease',
});
/** 宏志助学金标准 (H10). */
const BURSARY = indicator({
  code: 'H10',
  name: '符合条件的义务教育阶段城乡低保家庭学生及特困供养人员学生补助',
  nameEn: 'Allowance for eligible compulsory-education students from low-income families',
  category: 'basic',
  sector: 'education',
  unit: '元',
  unitEn: 'yuan',
  baseline: null,
  baselineText: '—',
  target: { kind: 'qualitative', description: '达到宏志助学金标准' },
  targetText: '宏志助学金标准',
  direction: 'maintain',
});

function obs(ind: Indicator, year: number, value: number, sample = false): Observation {
  return {
    indicatorCode: ind.code,
    areaCode: CITY,
    year,
    value,
    source: sample ? 'sample' : '统计公报',
    sample,
  };
}

function judgement(ind: Indicator, year: number, status: Judgement['status'], sample = false): Judgement {
  return { indicatorCode: ind.code, areaCode: CITY, year, status, reason: `${year}年评估`, sample };
}

function evaluate(
  ind: Indicator,
  year: number,
  observations: Observation[],
  extra: Partial<EvaluationInput> = {},
  options = DEFAULT_OPTIONS,
) {
  return evaluateIndicator(
    {
      indicator: ind,
      areaCode: CITY,
      year,
      observations,
      judgements: [],
      planBaseline: ind.baseline,
      ...extra,
    },
    options,
  );
}

const codes = (ev: { reasons: Array<{ code: string }> }) => ev.reasons.map((r) => r.code);

describe('evaluateIndicator: a level indicator that should rise (life expectancy 81.5 → 82.4)', () => {
  // Path: 81.5 + 0.18 a year: 2021 81.68, 2022 81.86, 2023 82.04, 2024 82.22, 2025 82.4.
  it('is on track ahead of the path, with the expected value and the progress ratio', () => {
    const ev = evaluate(LIFE, 2022, [obs(LIFE, 2021, 81.7), obs(LIFE, 2022, 81.9)]);
    expect(ev.status).toBe('onTrack');
    expect(ev.baseline).toEqual({ year: 2020, value: 81.5, from: 'plan' });
    expect(ev.expected).toBeCloseTo(81.86, 9);
    expect(ev.progressRatio).toBeCloseTo(0.4 / 0.36, 9); // (81.9 − 81.5) / (81.86 − 81.5)
    expect(ev.latest).toEqual({ year: 2022, value: 81.9, source: '统计公报', sample: false });
    expect(codes(ev)).toEqual(['trajectory']);
    expect(ev.usesSampleData).toBe(false);
  });

  it('is on track at 95% of the required progress, lagging just below it', () => {
    // Required by 2022: 0.36; 95% of it: 0.342.
    expect(evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.5 + 0.343)]).status).toBe('onTrack');
    expect(evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.5 + 0.341)]).status).toBe('lagging');
  });

  it('lags behind the path (expected nature)', () => {
    const ev = evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.7)]);
    expect(ev.status).toBe('lagging');
    expect(ev.progressRatio).toBeCloseTo(0.2 / 0.36, 9);
    expect(codes(ev)).toEqual(['trajectory']);
  });

  it('is at risk behind the path when binding (约束性)', () => {
    const ev = evaluate(LIFE_BINDING, 2022, [obs(LIFE_BINDING, 2022, 81.7)]);
    expect(ev.status).toBe('atRisk');
    expect(codes(ev)).toEqual(['trajectory', 'binding']);
  });

  it('is achieved once the target is reached, even before 2025', () => {
    const ev = evaluate(LIFE, 2023, [obs(LIFE, 2023, 82.5)]);
    expect(ev.status).toBe('achieved');
    expect(codes(ev)).toEqual(['target_met']);
    expect(evaluate(LIFE, 2023, [obs(LIFE, 2023, 82.4)]).status).toBe('achieved');
  });

  it('misses the target in 2025 even on a good pace: target_year_missed', () => {
    const ev = evaluate(LIFE, 2025, [obs(LIFE, 2025, 82.39)]);
    expect(ev.status).toBe('lagging');
    expect(codes(ev)).toContain('target_year_missed');
    expect(evaluate(LIFE_BINDING, 2025, [obs(LIFE_BINDING, 2025, 82.39)]).status).toBe('atRisk');
  });

  it('reports a move away from the target as deteriorating', () => {
    const ev = evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.3)]);
    expect(ev.status).toBe('lagging');
    expect(ev.progressRatio).toBeLessThan(0);
    expect(codes(ev)).toContain('deteriorating');
  });

  it('has no data without an observation after the baseline year', () => {
    for (const observations of [[], [obs(LIFE, 2020, 81.5)], [obs(LIFE, 2019, 81)]]) {
      const ev = evaluate(LIFE, 2023, observations);
      expect(ev.status).toBe('noData');
      expect(codes(ev)).toEqual(['no_observation']);
      expect(ev.latest).toBeNull();
      expect(ev.expected).toBeNull();
    }
  });

  it("prefers the area's own baseline-year observation to the plan's baseline", () => {
    // From 81.0 in 2020: 2022 expects 81.0 + 1.4·0.4 = 81.56; 81.7 is ahead.
    const ev = evaluate(LIFE, 2022, [obs(LIFE, 2020, 81.0), obs(LIFE, 2022, 81.7)]);
    expect(ev.baseline).toEqual({ year: 2020, value: 81.0, from: 'observation' });
    expect(ev.expected).toBeCloseTo(81.56, 9);
    expect(ev.status).toBe('onTrack');
  });

  it('ignores observations after the evaluated year', () => {
    const observations = [obs(LIFE, 2022, 81.7), obs(LIFE, 2024, 83)];
    const ev = evaluate(LIFE, 2023, observations);
    expect(ev.latest?.year).toBe(2022);
    expect(ev.status).toBe('lagging');
    expect(evaluate(LIFE, 2024, observations).status).toBe('achieved');
    expect(evaluate(LIFE, 2021, observations).status).toBe('noData');
  });

  it('says when the latest figure is older than the evaluated year (stale), and still judges it', () => {
    const ev = evaluate(LIFE, 2024, [obs(LIFE, 2022, 81.9)]);
    expect(ev.latest?.year).toBe(2022);
    expect(codes(ev)).toEqual(['stale', 'trajectory']);
    expect(ev.reasons[0]).toMatchObject({ zh: '最新数据为2022年', en: 'Latest figure is from 2022' });
    expect(ev.status).toBe('onTrack'); // judged at 2022, where 81.9 is ahead of 81.86
    expect(codes(evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.9)]))).not.toContain('stale');
  });

  it('uses the target given for the area instead of the indicator target', () => {
    const ev = evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.7)], { target: { kind: 'atLeast', value: 81.6 } });
    expect(ev.status).toBe('achieved');
    expect(ev.target).toEqual({ kind: 'atLeast', value: 81.6 });
  });
});

describe('evaluateIndicator: a level indicator that should fall (maternal mortality ≤ 8.5/10万)', () => {
  it('follows the downward path from an observed baseline', () => {
    // From 11 in 2020 to 8.5 in 2025: 2022 expects 11 − 2.5·0.4 = 10.
    const ahead = evaluate(MATERNAL, 2022, [obs(MATERNAL, 2020, 11), obs(MATERNAL, 2022, 9.5)]);
    expect(ahead.status).toBe('onTrack');
    expect(ahead.expected).toBeCloseTo(10, 9);
    expect(ahead.progressRatio).toBeCloseTo(1.5, 9); // (9.5 − 11) / (10 − 11)
    const behind = evaluate(MATERNAL, 2022, [obs(MATERNAL, 2020, 11), obs(MATERNAL, 2022, 10.6)]);
    expect(behind.status).toBe('lagging');
    expect(behind.progressRatio).toBeCloseTo(0.4, 9);
    const worse = evaluate(MATERNAL, 2022, [obs(MATERNAL, 2020, 11), obs(MATERNAL, 2022, 12)]);
    expect(codes(worse)).toContain('deteriorating');
    expect(evaluate(MATERNAL, 2023, [obs(MATERNAL, 2020, 11), obs(MATERNAL, 2023, 8.5)]).status).toBe(
      'achieved',
    );
  });

  it('with no plan baseline (—), starts the path at the first observation', () => {
    // From 10 in 2021 to 8.5 in 2025: 2023 expects 10 − 1.5·2/4 = 9.25; 9.2 is ahead.
    const ev = evaluate(MATERNAL, 2023, [obs(MATERNAL, 2021, 10), obs(MATERNAL, 2023, 9.2)]);
    expect(ev.baseline).toEqual({ year: 2021, value: 10, from: 'firstObservation' });
    expect(ev.expected).toBeCloseTo(9.25, 9);
    expect(ev.progressRatio).toBeCloseTo(0.8 / 0.75, 9);
    expect(ev.status).toBe('onTrack');
  });

  it('with no baseline and a single observation, is not on track: no_baseline', () => {
    const ev = evaluate(MATERNAL, 2023, [obs(MATERNAL, 2023, 9)]);
    expect(ev.baseline).toBeNull();
    expect(ev.status).toBe('lagging');
    expect(codes(ev)).toEqual(['no_baseline']);
    const binding = indicator({ ...MATERNAL, nature: 'binding' });
    expect(evaluate(binding, 2023, [obs(binding, 2023, 9)]).status).toBe('atRisk');
    // …but a single observation that meets the target is achieved.
    expect(evaluate(MATERNAL, 2023, [obs(MATERNAL, 2023, 8)]).status).toBe('achieved');
  });
});

describe('evaluateIndicator: range, approximately and maintain targets', () => {
  it('range (2.7 → 6.5-8 childcare places): aims at 6.5, achieved inside or above the range', () => {
    // 2022 expects 2.7 + 3.8·0.4 = 4.22.
    const ev = evaluate(CHILDCARE, 2022, [obs(CHILDCARE, 2022, 4.3)]);
    expect(ev.expected).toBeCloseTo(4.22, 9);
    expect(ev.status).toBe('onTrack');
    expect(evaluate(CHILDCARE, 2022, [obs(CHILDCARE, 2022, 3.5)]).status).toBe('lagging');
    expect(evaluate(CHILDCARE, 2023, [obs(CHILDCARE, 2023, 6.6)]).status).toBe('achieved');
    expect(evaluate(CHILDCARE, 2023, [obs(CHILDCARE, 2023, 9)]).status).toBe('achieved');
  });

  it('approximately (unemployment 5左右, lower is better): achieved at or under 5.25', () => {
    expect(evaluate(UNEMPLOYMENT, 2022, [obs(UNEMPLOYMENT, 2022, 5.1)]).status).toBe('achieved');
    expect(evaluate(UNEMPLOYMENT, 2022, [obs(UNEMPLOYMENT, 2022, 5.25)]).status).toBe('achieved');
    expect(evaluate(UNEMPLOYMENT, 2022, [obs(UNEMPLOYMENT, 2022, 3.9)]).status).toBe('achieved');
  });

  it('approximately, baseline already inside the target: a rise out of it is off track, not progress', () => {
    // Regression: the path 4.8 → 5 rises, so a rise to 5.5 used to score a progress ratio of 8.75
    // and read as on track. The baseline met the target; 5.5 does not: the indicator has slipped.
    for (const value of [5.26, 5.5, 7]) {
      const ev = evaluate(UNEMPLOYMENT, 2022, [obs(UNEMPLOYMENT, 2022, value)]);
      expect(ev.status).toBe('lagging');
      expect(codes(ev)).toContain('slipped');
      expect(ev.progressRatio).toBeNull();
    }
    const binding = indicator({ ...UNEMPLOYMENT, nature: 'binding' });
    expect(evaluate(binding, 2022, [obs(binding, 2022, 5.5)]).status).toBe('atRisk');
  });

  it('maintain at 100 (退役军人安置率): 100 is achieved, anything less is off track', () => {
    const veterans = indicator({
      code: 'H21',
      name: '退役军人安置率',
      nameEn: 'Veteran resettlement rate',
      unit: '%',
      baseline: 100,
      target: { kind: 'equals', value: 100 },
      targetText: '100',
      nature: 'binding',
      direction: 'maintain',
    });
    expect(evaluate(veterans, 2022, [obs(veterans, 2022, 100)]).status).toBe('achieved');
    const ev = evaluate(veterans, 2022, [obs(veterans, 2022, 99.5)]);
    expect(ev.status).toBe('atRisk');
    expect(codes(ev)).toContain('binding');
  });
});

describe('evaluateIndicator: zero (动态清零) and qualitative targets', () => {
  it('zero: a judgement decides when there is no newer observation', () => {
    const ev = evaluate(ZERO_JOBLESS, 2023, [], { judgements: [judgement(ZERO_JOBLESS, 2022, 'onTrack')] });
    expect(ev.status).toBe('onTrack');
    expect(codes(ev)).toEqual(['judgement']);
    expect(ev.reasons[0]?.zh).toBe('2022年评估意见：2022年评估');
  });

  it('zero: a newer observation decides over an older judgement', () => {
    const judgements = [judgement(ZERO_JOBLESS, 2022, 'lagging')];
    const cleared = evaluate(ZERO_JOBLESS, 2023, [obs(ZERO_JOBLESS, 2021, 40), obs(ZERO_JOBLESS, 2023, 0)], {
      judgements,
    });
    expect(cleared.status).toBe('achieved');
    // A lone non-zero count with no baseline cannot be judged for progress: at risk (binding).
    const open = evaluate(ZERO_JOBLESS, 2023, [obs(ZERO_JOBLESS, 2023, 5)], { judgements });
    expect(open.status).toBe('atRisk');
    expect(codes(open)).toContain('no_baseline');
  });

  it('zero: a judgement as recent as the observation decides', () => {
    const ev = evaluate(ZERO_JOBLESS, 2023, [obs(ZERO_JOBLESS, 2022, 5)], {
      judgements: [judgement(ZERO_JOBLESS, 2022, 'achieved')],
    });
    expect(ev.status).toBe('achieved');
    expect(codes(ev)).toEqual(['judgement']);
  });

  it('zero: falls from 40 towards 0 on the path from the first observation', () => {
    // From 40 in 2021 to 0 in 2025: 2023 expects 20; 18 is ahead, 30 behind.
    expect(
      evaluate(ZERO_JOBLESS, 2023, [obs(ZERO_JOBLESS, 2021, 40), obs(ZERO_JOBLESS, 2023, 18)]).status,
    ).toBe('onTrack');
    expect(
      evaluate(ZERO_JOBLESS, 2023, [obs(ZERO_JOBLESS, 2021, 40), obs(ZERO_JOBLESS, 2023, 30)]).status,
    ).toBe('atRisk');
  });

  it('zero: a judgement for the baseline year or after the evaluated year does not count', () => {
    const ev = evaluate(ZERO_JOBLESS, 2023, [], {
      judgements: [judgement(ZERO_JOBLESS, 2020, 'achieved'), judgement(ZERO_JOBLESS, 2024, 'achieved')],
    });
    expect(ev.status).toBe('noData');
  });

  it('qualitative: the latest judgement up to the year decides, with its sample flag', () => {
    const judgements = [
      judgement(BURSARY, 2021, 'lagging'),
      judgement(BURSARY, 2022, 'onTrack', true),
      judgement(BURSARY, 2024, 'atRisk'),
    ];
    const ev = evaluate(BURSARY, 2023, [], { judgements });
    expect(ev.status).toBe('onTrack');
    expect(ev.usesSampleData).toBe(true);
    expect(ev.reasons).toEqual([
      { code: 'judgement', zh: '2022年评估意见：2022年评估', en: 'Judgement for 2022: 2022年评估' },
    ]);
    expect(evaluate(BURSARY, 2024, [], { judgements }).status).toBe('atRisk');
    expect(evaluate(BURSARY, 2021, [], { judgements }).status).toBe('lagging');
  });

  it('qualitative: no judgement is no data, whatever numbers were entered', () => {
    const ev = evaluate(BURSARY, 2023, [obs(BURSARY, 2022, 1000)]);
    expect(ev.status).toBe('noData');
    expect(codes(ev)).toEqual(['no_judgement']);
    expect(ev.usesSampleData).toBe(false);
  });
});

describe('evaluateIndicator: cumulative targets (城镇新增就业人数 115万 over 2021–2025)', () => {
  const yearly = (value: number, from: number, to: number, sample = false) => {
    const out: Observation[] = [];
    for (let y = from; y <= to; y++) out.push(obs(JOBS, y, value, sample));
    return out;
  };

  it('23 a year is on track: the running total equals the pro-rated total (not a decline from 134.9)', () => {
    // 2021–2023: 3 × 23 = 69 against 115 · 3/5 = 69.
    const ev = evaluate(JOBS, 2023, yearly(23, 2021, 2023));
    expect(ev.status).toBe('onTrack');
    expect(ev.runningTotal).toBeCloseTo(69, 9);
    expect(ev.expected).toBeCloseTo(69, 9);
    expect(ev.progressRatio).toBeCloseTo(1, 9);
    expect(ev.baseline).toBeNull();
    expect(codes(ev)).toEqual(['running_total']);
    expect(codes(ev)).not.toContain('deteriorating');
    expect(ev.reasons[0]?.en).toBe(
      'Running total 2021–2023: 69 against 69 pro-rated (3/5 of the five-year 115)',
    );
    expect(evaluate(JOBS, 2024, yearly(23, 2021, 2024)).status).toBe('onTrack');
  });

  it('23 a year is achieved by 2025: five years make 115', () => {
    const ev = evaluate(JOBS, 2025, yearly(23, 2021, 2025));
    expect(ev.status).toBe('achieved');
    expect(ev.runningTotal).toBeCloseTo(115, 9);
    expect(ev.latest?.year).toBe(2025);
  });

  it('is achieved as soon as the running total reaches the five-year target', () => {
    expect(evaluate(JOBS, 2024, yearly(30, 2021, 2024)).status).toBe('achieved'); // 120 ≥ 115
  });

  it('15 a year lags: 45 against 69 (at risk, as the indicator is binding)', () => {
    const ev = evaluate(JOBS, 2023, yearly(15, 2021, 2023));
    expect(ev.runningTotal).toBeCloseTo(45, 9);
    expect(ev.progressRatio).toBeCloseTo(45 / 69, 9);
    expect(ev.status).toBe('atRisk');
    expect(codes(ev)).toEqual(['running_total', 'binding']);
    const expected = indicator({ ...JOBS, nature: 'expected' });
    expect(evaluate(expected, 2023, yearly(15, 2021, 2023)).status).toBe('lagging');
  });

  it('15 a year misses the target in 2025 (75 < 115)', () => {
    const ev = evaluate(JOBS, 2025, yearly(15, 2021, 2025));
    expect(ev.status).toBe('atRisk');
    expect(codes(ev)).toContain('target_year_missed');
  });

  it('a pace just on track at the final year is not enough: the total must reach the target', () => {
    // 22.5 a year: ratio 0.978 ≥ 0.95 before 2025, but 112.5 < 115 in 2025.
    expect(evaluate(JOBS, 2024, yearly(22.5, 2021, 2024)).status).toBe('onTrack');
    expect(evaluate(JOBS, 2025, yearly(22.5, 2021, 2025)).status).toBe('atRisk');
  });

  it('reports missing years and counts reported years only', () => {
    const ev = evaluate(JOBS, 2023, [obs(JOBS, 2021, 23), obs(JOBS, 2023, 23)]);
    expect(ev.runningTotal).toBeCloseTo(46, 9);
    expect(ev.expected).toBeCloseTo(69, 9);
    expect(codes(ev)).toContain('missing_years');
    const missing = ev.reasons.find((r) => r.code === 'missing_years');
    expect(missing?.zh).toContain('2022');
    expect(missing?.en).toBe('No figure for 2022; the total counts reported years only');
    expect(ev.status).toBe('atRisk');
  });

  it('pro-rates to the latest reported year, ignores the baseline year and later years', () => {
    // A 2020 figure belongs to the previous period; 2024 is after the evaluated year.
    const ev = evaluate(JOBS, 2022, [
      obs(JOBS, 2020, 30),
      obs(JOBS, 2021, 24),
      obs(JOBS, 2022, 23),
      obs(JOBS, 2024, 99),
    ]);
    expect(ev.runningTotal).toBeCloseTo(47, 9);
    expect(ev.expected).toBeCloseTo(46, 9); // 115 · 2/5
    expect(ev.status).toBe('onTrack');
    expect(ev.latest?.year).toBe(2022);
  });

  it('has no data without a yearly figure since 2021', () => {
    const ev = evaluate(JOBS, 2023, [obs(JOBS, 2020, 134.9)]);
    expect(ev.status).toBe('noData');
    expect(codes(ev)).toEqual(['no_observation']);
  });

  it('uses sample data when any summed year is sample data', () => {
    const observations = [...yearly(23, 2021, 2022), obs(JOBS, 2023, 23, true)];
    expect(evaluate(JOBS, 2023, observations).usesSampleData).toBe(true);
    expect(evaluate(JOBS, 2022, observations).usesSampleData).toBe(false);
  });
});

describe('trajectory methods: linear and growth rate', () => {
  // A doubling from 100 (2020) to 200 (2025). Linear expects 140 in 2022; a constant growth rate
  // expects 100 · 2^(2/5) = 131.95. An actual 132 is behind the line (ratio 32/40 = 0.8) but on the
  // compound path (ratio (ln 1.32 / 2) / (ln 2 / 5) = 1.0014).
  const DOUBLING = indicator({ baseline: 100, target: { kind: 'equals', value: 200 }, targetText: '200' });

  it('gives different statuses for the same figure', () => {
    const linear = evaluate(DOUBLING, 2022, [obs(DOUBLING, 2022, 132)]);
    expect(linear.expected).toBeCloseTo(140, 9);
    expect(linear.progressRatio).toBeCloseTo(0.8, 9);
    expect(linear.status).toBe('lagging');
    const growth = evaluate(
      DOUBLING,
      2022,
      [obs(DOUBLING, 2022, 132)],
      {},
      { ...DEFAULT_OPTIONS, method: 'growthRate' },
    );
    expect(growth.expected).toBeCloseTo(100 * Math.pow(2, 0.4), 9);
    expect(growth.progressRatio).toBeCloseTo(Math.log(1.32) / 2 / (Math.log(2) / 5), 9);
    expect(growth.status).toBe('onTrack');
    expect(growth.reasons.find((r) => r.code === 'trajectory')?.zh).toContain('增长率');
  });

  it('trajectoryValue: linear interpolation, clamped to the ends', () => {
    expect(trajectoryValue(100, 2020, 200, 2025, 2020, 'linear')).toBe(100);
    expect(trajectoryValue(100, 2020, 200, 2025, 2022, 'linear')).toBeCloseTo(140, 9);
    expect(trajectoryValue(100, 2020, 200, 2025, 2025, 'linear')).toBe(200);
    expect(trajectoryValue(100, 2020, 200, 2025, 2019, 'linear')).toBe(100);
    expect(trajectoryValue(100, 2020, 200, 2025, 2030, 'linear')).toBe(200);
    expect(trajectoryValue(100, 2025, 200, 2025, 2023, 'linear')).toBe(200); // no span: the goal
  });

  it('trajectoryValue: growth rate compounds, and falls back to linear unless both ends are positive', () => {
    expect(trajectoryValue(100, 2020, 200, 2025, 2022, 'growthRate')).toBeCloseTo(131.950791, 5);
    expect(trajectoryValue(0, 2020, 200, 2025, 2022, 'growthRate')).toBeCloseTo(80, 9);
    expect(trajectoryValue(50, 2020, 0, 2025, 2022, 'growthRate')).toBeCloseTo(30, 9);
  });

  it('growth rate stays finite from a baseline near zero, where the quotient of the ends overflows', () => {
    // Found by the property below: 0.5 / 5e-324 is Infinity in doubles; in logarithms it is not.
    // Expected in 2021 (t = 1/5): exp(ln 5e-324 + (ln 0.5 − ln 5e-324) / 5).
    const lnFrom = Math.log(5e-324);
    const expected = Math.exp(lnFrom + (Math.log(0.5) - lnFrom) / 5);
    expect(trajectoryValue(5e-324, 2020, 0.5, 2025, 2021, 'growthRate')).toBeCloseTo(expected, 300);
    const tiny = indicator({ baseline: 5e-324, target: { kind: 'atLeast', value: 0.5 }, targetText: '0.5' });
    const ev = evaluate(
      tiny,
      2021,
      [obs(tiny, 2021, 8.881784197001252e-16)],
      {},
      {
        ...DEFAULT_OPTIONS,
        method: 'growthRate',
      },
    );
    // Actual rate ln(8.88e-16 / 5e-324) per year against the required ln(0.5 / 5e-324) / 5.
    const ratio = (Math.log(8.881784197001252e-16) - lnFrom) / ((Math.log(0.5) - lnFrom) / 5);
    expect(ev.progressRatio).toBeCloseTo(ratio, 9);
    expect(Number.isFinite(ev.expected)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const YEARS_BEFORE_TARGET = fc.integer({ min: 2021, max: 2024 });
const level = fc.double({ min: 0.5, max: 1000, noNaN: true });
const method = fc.constantFrom<'linear' | 'growthRate'>('linear', 'growthRate');
const nature = fc.constantFrom<'binding' | 'expected'>('binding', 'expected');

/** A rising indicator with a target above its baseline (atLeast or a plain figure). */
const rising = fc
  .record({
    baseline: level,
    gain: fc.double({ min: 0.01, max: 500, noNaN: true }),
    kind: fc.constantFrom<'atLeast' | 'equals'>('atLeast', 'equals'),
    nature,
  })
  .map(({ baseline, gain, kind, nature: n }) =>
    indicator({ baseline, target: { kind, value: baseline + gain }, nature: n, direction: 'increase' }),
  );

/** A falling indicator with a target below its baseline (atMost or a plain figure). */
const falling = fc
  .record({
    goal: level,
    drop: fc.double({ min: 0.01, max: 500, noNaN: true }),
    kind: fc.constantFrom<'atMost' | 'equals'>('atMost', 'equals'),
    nature,
  })
  .map(({ goal, drop, kind, nature: n }) =>
    indicator({ baseline: goal + drop, target: { kind, value: goal }, nature: n, direction: 'decrease' }),
  );

const RANK: Record<Status, number> = { noData: 0, atRisk: 1, lagging: 1, onTrack: 2, achieved: 3 };

describe('evaluateIndicator: properties', () => {
  it('an observation exactly on the linear path is on track (or achieved) before the target year', () => {
    fc.assert(
      fc.property(fc.oneof(rising, falling), YEARS_BEFORE_TARGET, (ind, year) => {
        const goal = (ind.target as { value: number }).value;
        const onPath = trajectoryValue(ind.baseline as number, 2020, goal, 2025, year, 'linear');
        const ev = evaluate(ind, year, [obs(ind, year, onPath)]);
        expect(['onTrack', 'achieved']).toContain(ev.status);
      }),
    );
  });

  it('an observation on the growth-rate path is on track (or achieved) with that method', () => {
    fc.assert(
      fc.property(fc.oneof(rising, falling), YEARS_BEFORE_TARGET, (ind, year) => {
        const goal = (ind.target as { value: number }).value;
        const onPath = trajectoryValue(ind.baseline as number, 2020, goal, 2025, year, 'growthRate');
        const ev = evaluate(
          ind,
          year,
          [obs(ind, year, onPath)],
          {},
          { ...DEFAULT_OPTIONS, method: 'growthRate' },
        );
        expect(['onTrack', 'achieved']).toContain(ev.status);
      }),
    );
  });

  it('atLeast, increase: a higher value never gives a worse status (any baseline, either method)', () => {
    fc.assert(
      fc.property(
        level,
        level,
        fc.integer({ min: 2021, max: 2025 }),
        fc.double({ min: -100, max: 1100, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        nature,
        method,
        (baseline, goal, year, x, step, n, m) => {
          const ind = indicator({ baseline, target: { kind: 'atLeast', value: goal }, nature: n });
          const options = { ...DEFAULT_OPTIONS, method: m };
          const lower = evaluate(ind, year, [obs(ind, year, x)], {}, options);
          const higher = evaluate(ind, year, [obs(ind, year, x + step)], {}, options);
          expect(RANK[higher.status]).toBeGreaterThanOrEqual(RANK[lower.status]);
        },
      ),
    );
  });

  it('approximately / atMost, decrease: a lower value never gives a worse status', () => {
    const target = fc.oneof(
      fc.record({ kind: fc.constant('atMost' as const), value: level }),
      fc.record({
        kind: fc.constant('approximately' as const),
        value: level,
        tolerance: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(
        level,
        target,
        fc.integer({ min: 2021, max: 2025 }),
        level,
        fc.double({ min: 0, max: 500, noNaN: true }),
        method,
        (baseline, t, year, x, step, m) => {
          const ind = indicator({ baseline, target: t, direction: 'decrease' });
          const options = { ...DEFAULT_OPTIONS, method: m };
          const higher = evaluate(ind, year, [obs(ind, year, x + step)], {}, options);
          const lower = evaluate(ind, year, [obs(ind, year, x)], {}, options);
          expect(RANK[lower.status]).toBeGreaterThanOrEqual(RANK[higher.status]);
        },
      ),
    );
  });

  it('a value that moved the wrong way from the baseline and misses the target is never on track', () => {
    const target: fc.Arbitrary<Target> = fc.oneof(
      fc.record({ kind: fc.constant('atLeast' as const), value: level }),
      fc.record({ kind: fc.constant('equals' as const), value: level }),
      fc.record({
        kind: fc.constant('approximately' as const),
        value: level,
        tolerance: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
      fc
        .tuple(level, level)
        .map(([a, b]): Target => ({ kind: 'range', min: Math.min(a, b), max: Math.max(a, b) })),
    );
    fc.assert(
      fc.property(
        level,
        target,
        fc.constantFrom<'increase' | 'decrease'>('increase', 'decrease'),
        YEARS_BEFORE_TARGET,
        fc.double({ min: 0.001, max: 500, noNaN: true }),
        method,
        (baseline, t, d, year, step, m) => {
          // atLeast belongs with increase (the pack never pairs it with decrease).
          fc.pre(!(d === 'decrease' && t.kind === 'atLeast'));
          const ind = indicator({ baseline, target: t, direction: d });
          const worse = d === 'increase' ? baseline - step : baseline + step;
          const ev = evaluate(ind, year, [obs(ind, year, worse)], {}, { ...DEFAULT_OPTIONS, method: m });
          if (ev.status !== 'achieved') expect(ev.status).not.toBe('onTrack');
        },
      ),
    );
  });

  const anyTarget: fc.Arbitrary<Target> = fc.oneof(
    fc.record({
      kind: fc.constantFrom(
        'atLeast' as const,
        'greaterThan' as const,
        'atMost' as const,
        'lessThan' as const,
        'equals' as const,
      ),
      value: level,
    }),
    fc.record({
      kind: fc.constant('approximately' as const),
      value: level,
      tolerance: fc.double({ min: 0, max: 5, noNaN: true }),
    }),
    fc
      .tuple(level, level)
      .map(([a, b]): Target => ({ kind: 'range', min: Math.min(a, b), max: Math.max(a, b) })),
    fc.constant<Target>({ kind: 'zero' }),
    fc.constant<Target>({ kind: 'qualitative', description: '达到宏志助学金标准' }),
  );
  const scenario = fc.record({
    target: anyTarget,
    direction: fc.constantFrom<'increase' | 'decrease' | 'maintain'>('increase', 'decrease', 'maintain'),
    nature,
    cumulative: fc.boolean(),
    baseline: fc.option(level, { nil: null }),
    year: fc.integer({ min: 2020, max: 2026 }),
    observations: fc.uniqueArray(
      fc.record({
        year: fc.integer({ min: 2018, max: 2027 }),
        value: fc.double({ min: -10, max: 2000, noNaN: true }),
        sample: fc.boolean(),
      }),
      { selector: (o) => o.year, maxLength: 8 },
    ),
    judgements: fc.array(
      fc.record({
        year: fc.integer({ min: 2019, max: 2026 }),
        status: fc.constantFrom<Judgement['status']>('achieved', 'onTrack', 'lagging', 'atRisk'),
        sample: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    method,
  });

  it('any input gives a status in STATUSES, with at least one reason, and sample only when sample data is used', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ind = indicator({
          baseline: s.baseline,
          target: s.target,
          direction: s.direction,
          nature: s.nature,
          cumulativeOverPeriod: s.cumulative && s.target.kind !== 'qualitative',
        });
        const ev = evaluate(
          ind,
          s.year,
          s.observations.map((o) => obs(ind, o.year, o.value, o.sample)),
          { judgements: s.judgements.map((j) => judgement(ind, j.year, j.status, j.sample)) },
          { ...DEFAULT_OPTIONS, method: s.method },
        );
        expect(STATUSES).toContain(ev.status);
        expect(ev.reasons.length).toBeGreaterThan(0);
        for (const r of ev.reasons) {
          expect(r.zh.length).toBeGreaterThan(0);
          expect(r.en.length).toBeGreaterThan(0);
        }
        const anySample = s.observations.some((o) => o.sample) || s.judgements.some((j) => j.sample);
        if (!anySample) expect(ev.usesSampleData).toBe(false);
        if (ev.status === 'noData') expect(ev.usesSampleData).toBe(false);
        if (ev.progressRatio !== null) expect(Number.isFinite(ev.progressRatio)).toBe(true);
        if (ev.latest) expect(ev.latest.year).toBeLessThanOrEqual(s.year);
      }),
    );
  });

  it('the sample flag propagates: all-sample data gives a sample result, all-real data a real one', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), (s, sample) => {
        const ind = indicator({
          baseline: s.baseline,
          target: s.target,
          direction: s.direction,
          nature: s.nature,
          cumulativeOverPeriod: s.cumulative && s.target.kind !== 'qualitative',
        });
        const ev = evaluate(
          ind,
          s.year,
          s.observations.map((o) => obs(ind, o.year, o.value, sample)),
          { judgements: s.judgements.map((j) => judgement(ind, j.year, j.status, sample)) },
          { ...DEFAULT_OPTIONS, method: s.method },
        );
        expect(ev.usesSampleData).toBe(ev.status === 'noData' ? false : sample);
      }),
    );
  });

  it('a sample baseline observation marks the result as sample even when the latest figure is real', () => {
    const ev = evaluate(MATERNAL, 2023, [obs(MATERNAL, 2021, 10, true), obs(MATERNAL, 2023, 9.2)]);
    expect(ev.baseline?.from).toBe('firstObservation');
    expect(ev.usesSampleData).toBe(true);
    const atBaseline = evaluate(LIFE, 2022, [obs(LIFE, 2020, 81, true), obs(LIFE, 2022, 81.7)]);
    expect(atBaseline.baseline?.from).toBe('observation');
    expect(atBaseline.usesSampleData).toBe(true);
    // The plan's own baseline is not sample data.
    expect(evaluate(LIFE, 2022, [obs(LIFE, 2022, 81.7)]).usesSampleData).toBe(false);
  });
});
