/**
 * Generated demonstration observations (示例数据) for the years after the baseline, so that the
 * board, charts and reviews have something to show before real figures are entered. Seeded and
 * reproducible; every observation and judgement it makes carries `sample: true` and a source that
 * says it is synthetic. Never mixed up with real data: the UI and documents label it everywhere.
 */
import type { Area, Indicator } from './pack.schema.ts';
import type { Judgement, Observation } from './evaluate.ts';
import { goalValue } from './target.ts';
import { createRandom, hashString } from '../shared/random.ts';

export const SAMPLE_SOURCE =
  '示例数据（系统生成，非真实统计） / sample data (generated, not real statistics)';

export interface SampleData {
  observations: Observation[];
  judgements: Judgement[];
}

/**
 * Observations for `firstYear`..`lastYear` for the city and every district, and judgements for
 * qualitative targets. Each indicator gets a seeded pace (some ahead, some behind the path), so
 * every status appears.
 */
export function generateSampleData(
  indicators: readonly Indicator[],
  areas: readonly Area[],
  seed: number,
  lastYear: number,
): SampleData {
  const observations: Observation[] = [];
  const judgements: Judgement[] = [];
  const city = areas.find((a) => a.kind === 'city');
  const districts = areas.filter((a) => a.kind === 'district');
  if (!city) return { observations, judgements };
  const totalPop = districts.reduce((s, d) => s + (d.residentPopulation ?? 0), 0);

  for (const ind of indicators) {
    const rnd = createRandom(seed ^ hashString(ind.code));
    const first = ind.baselineYear + 1;
    if (ind.target.kind === 'qualitative') {
      for (let y = first; y <= lastYear; y++) {
        judgements.push({
          indicatorCode: ind.code,
          areaCode: city.code,
          year: y,
          status: 'onTrack',
          reason: '示例评估：按标准发放 (sample judgement)',
          sample: true,
        });
      }
      continue;
    }
    const goal = goalValue(ind.target, ind.direction) as number;
    // Pace: share of the required progress made; below 0.95 lags the path.
    const pace = 0.7 + rnd() * 0.55; // 0.7–1.25: roughly half ahead of the path, half behind
    const isPercent = ind.unit.includes('%');
    const clamp = (v: number) => (isPercent ? Math.min(100, Math.max(0, v)) : Math.max(0, v));
    const round = (v: number) => Math.round(v * 100) / 100;
    const span = ind.targetYear - ind.baselineYear;

    const series = (scale: number, jitter: number): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      if (ind.cumulativeOverPeriod) {
        for (let y = first; y <= lastYear; y++)
          out.push([y, round(((goal * scale) / span) * pace * (0.9 + rnd() * 0.2))]);
        return out;
      }
      const start = ind.baseline ?? (ind.target.kind === 'zero' ? 50 : goal * (0.8 + rnd() * 0.1));
      for (let y = first; y <= lastYear; y++) {
        const t = (y - ind.baselineYear) / span;
        const v =
          start +
          (goal - start) * Math.min(1.1, t * pace) +
          (rnd() - 0.5) * jitter * Math.abs(goal - start || goal) * 0.1;
        out.push([y, round(clamp(ind.target.kind === 'zero' ? Math.max(0, Math.round(v)) : v))]);
      }
      return out;
    };

    for (const [y, v] of series(1, 1)) {
      observations.push({
        indicatorCode: ind.code,
        areaCode: city.code,
        year: y,
        value: v,
        source: SAMPLE_SOURCE,
        sample: true,
      });
    }
    if (ind.districtRule === 'cityOnly') continue;
    for (const d of districts) {
      const share = ind.cumulativeOverPeriod ? (d.residentPopulation ?? 0) / (totalPop || 1) : 1;
      if (share === 0) continue;
      for (const [y, v] of series(share, 3)) {
        observations.push({
          indicatorCode: ind.code,
          areaCode: d.code,
          year: y,
          value: v,
          source: SAMPLE_SOURCE,
          sample: true,
        });
      }
    }
  }
  return { observations, judgements };
}
