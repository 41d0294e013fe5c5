/** The Prometheus text format as fuwu writes it: escaping, cumulative buckets, +Inf = count. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeHelp,
  escapeLabelValue,
  formatExposition,
  formatValue,
} from '../../../src/api/metrics/exposition.ts';
import { DURATION_BUCKETS, HttpMetrics, UNMATCHED_ROUTE } from '../../../src/api/metrics/http-metrics.ts';
import { LabelledHistogram, bucketIndex } from '../../../src/api/metrics/labelled.ts';

/** Reverses the format's label-value escaping, as a Prometheus parser does. */
function unescapeLabelValue(s: string): string {
  return s.replace(/\\(\\|"|n)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** The value of one sample line `name{labels} value`. */
function sampleValue(text: string, prefix: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${prefix} `));
  if (line === undefined) throw new Error(`no line ${prefix} in\n${text}`);
  return Number(line.slice(prefix.length + 1));
}

describe('label values and help text', () => {
  it('escapes backslash, double quote and line feed', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeHelp('x\\y\nz "q"')).toBe('x\\\\y\\nz "q"');
  });

  it('any string survives escaping: no raw quote or line feed, and it unescapes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeLabelValue(s);
        expect(e).not.toMatch(/\n/);
        expect(e.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
        expect(unescapeLabelValue(e)).toBe(s);
      }),
    );
  });

  it('writes hostile label values inside one line', () => {
    const text = formatExposition([
      { type: 'gauge', name: 'g', help: 'h', samples: [{ labels: { route: '/x"}\n1 evil' }, value: 1 }] },
    ]);
    expect(text.split('\n')).toEqual(['# HELP g h', '# TYPE g gauge', 'g{route="/x\\"}\\n1 evil"} 1', '']);
  });

  it('writes NaN and infinities as the format spells them', () => {
    expect([NaN, Infinity, -Infinity, 0.25, 3].map(formatValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '0.25',
      '3',
    ]);
  });

  it('refuses invalid metric and label names and a family given twice', () => {
    const g = (name: string, labels?: Record<string, string>) =>
      ({ type: 'gauge', name, help: 'h', samples: [{ labels, value: 1 }] }) as const;
    expect(() => formatExposition([g('1bad')])).toThrow(/metric name/);
    expect(() => formatExposition([g('ok', { 'bad-label': 'x' })])).toThrow(/label name/);
    expect(() => formatExposition([g('ok', { __reserved: 'x' })])).toThrow(/label name/);
    expect(() => formatExposition([g('ok'), g('ok')])).toThrow(/twice/);
  });
});

describe('histograms', () => {
  it('counts a value in the first bucket whose bound it does not exceed', () => {
    expect(bucketIndex([1, 2, 5], 0)).toBe(0);
    expect(bucketIndex([1, 2, 5], 1)).toBe(0);
    expect(bucketIndex([1, 2, 5], 1.0001)).toBe(1);
    expect(bucketIndex([1, 2, 5], 5)).toBe(2);
    expect(bucketIndex([1, 2, 5], 5.1)).toBe(3);
  });

  it('writes cumulative buckets that never decrease, +Inf equal to count, and the sum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { maxLength: 60 }), (values) => {
        const h = new LabelledHistogram(DURATION_BUCKETS);
        for (const v of values) h.observe({ route: '/r' }, v);
        const text = formatExposition([
          { type: 'histogram', name: 'd', help: 'h', buckets: DURATION_BUCKETS, series: h.snapshot() },
        ]);
        if (values.length === 0) {
          expect(text).toBe('# HELP d h\n# TYPE d histogram\n');
          return;
        }
        let previous = 0;
        for (const le of DURATION_BUCKETS) {
          const n = sampleValue(text, `d_bucket{route="/r",le="${le}"}`);
          expect(n).toBe(values.filter((v) => v <= le).length);
          expect(n).toBeGreaterThanOrEqual(previous);
          previous = n;
        }
        expect(sampleValue(text, 'd_bucket{route="/r",le="+Inf"}')).toBe(values.length);
        expect(sampleValue(text, 'd_count{route="/r"}')).toBe(values.length);
        expect(sampleValue(text, 'd_sum{route="/r"}')).toBeCloseTo(
          values.reduce((s, v) => s + v, 0),
          9,
        );
      }),
    );
  });

  it('refuses buckets that do not increase and counts that do not match them', () => {
    const series = [{ labels: {}, counts: [0, 0, 0], sum: 0 }];
    expect(() =>
      formatExposition([{ type: 'histogram', name: 'd', help: 'h', buckets: [2, 1], series }]),
    ).toThrow(/increase/);
    expect(() =>
      formatExposition([{ type: 'histogram', name: 'd', help: 'h', buckets: [1], series }]),
    ).toThrow(/counts/);
  });
});

describe('HTTP metrics', () => {
  it('labels by route pattern, keeps statuses apart and names unmatched requests without their URL', () => {
    const m = new HttpMetrics();
    m.record({ method: 'GET', route: '/api/cases/:id', status: 200, seconds: 0.004 });
    m.record({ method: 'GET', route: '/api/cases/:id', status: 200, seconds: 0.2 });
    m.record({ method: 'GET', route: '/api/cases/:id', status: 404, seconds: 0.001 });
    m.record({ method: 'GET', route: undefined, status: 404, seconds: 0.001 });
    const text = formatExposition(m.families());
    expect(sampleValue(text, 'http_requests_total{method="GET",route="/api/cases/:id",status="200"}')).toBe(
      2,
    );
    expect(sampleValue(text, 'http_requests_total{method="GET",route="/api/cases/:id",status="404"}')).toBe(
      1,
    );
    expect(
      sampleValue(text, `http_requests_total{method="GET",route="${UNMATCHED_ROUTE}",status="404"}`),
    ).toBe(1);
    expect(
      sampleValue(text, 'http_request_duration_seconds_count{method="GET",route="/api/cases/:id"}'),
    ).toBe(3);
    expect(
      sampleValue(
        text,
        'http_request_duration_seconds_bucket{method="GET",route="/api/cases/:id",le="0.005"}',
      ),
    ).toBe(2);
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
  });
});
