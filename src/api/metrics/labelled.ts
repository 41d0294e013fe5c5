/**
 * In-memory counters and histograms keyed by label set, kept by the server between scrapes. Label
 * values must come from a bounded set (route patterns, methods, statuses), never from raw input, or
 * the series grow without end.
 */
import type { HistogramSeries, Labels, Sample } from './exposition.ts';

const keyOf = (labels: Labels): string => JSON.stringify(Object.entries(labels));

export class LabelledCounter {
  private readonly series = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Labels, by = 1): void {
    const key = keyOf(labels);
    const s = this.series.get(key);
    if (s) s.value += by;
    else this.series.set(key, { labels: { ...labels }, value: by });
  }

  samples(): Sample[] {
    return [...this.series.values()].map((s) => ({ labels: s.labels, value: s.value }));
  }
}

/** Observations counted in the first bucket whose upper bound they do not exceed (le = less or equal). */
export function bucketIndex(buckets: readonly number[], value: number): number {
  const i = buckets.findIndex((le) => value <= le);
  return i === -1 ? buckets.length : i;
}

export class LabelledHistogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number }>();

  constructor(readonly buckets: readonly number[]) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0 };
      this.series.set(key, s);
    }
    s.counts[bucketIndex(this.buckets, value)]! += 1;
    s.sum += value;
  }

  snapshot(): HistogramSeries[] {
    return [...this.series.values()].map((s) => ({ labels: s.labels, counts: [...s.counts], sum: s.sum }));
  }
}
