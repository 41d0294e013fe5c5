/**
 * The Prometheus text exposition format, version 0.0.4, written out by hand: fuwu exposes a handful
 * of metrics, and a client library would be a dependency for forty lines of formatting.
 * https://prometheus.io/docs/instrumenting/exposition_formats/
 */

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  labels?: Labels;
  value: number;
}

/** A counter or gauge: one value per label set. */
export interface ScalarFamily {
  type: 'counter' | 'gauge';
  name: string;
  help: string;
  samples: readonly Sample[];
}

/** One label set of a histogram: `counts[i]` observations fell in (buckets[i-1], buckets[i]]. */
export interface HistogramSeries {
  labels: Labels;
  /** Per bucket, not cumulative; one more entry than `buckets` for the observations above the last. */
  counts: readonly number[];
  sum: number;
}

export interface HistogramFamily {
  type: 'histogram';
  name: string;
  help: string;
  /** Upper bounds, strictly increasing, without +Inf. */
  buckets: readonly number[];
  series: readonly HistogramSeries[];
}

export type MetricFamily = ScalarFamily | HistogramFamily;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value inside double quotes: backslash, double quote and line feed are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed are escaped (quotes are not, by the format). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value: integers and decimals as JavaScript writes them, and the format's NaN, +Inf, -Inf. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function labelText(labels: Labels | undefined, extra?: [string, string]): string {
  const pairs = Object.entries(labels ?? {});
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return '';
  for (const [k] of pairs) {
    if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new Error(`invalid metric label name: ${k}`);
  }
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/** The histogram's lines of one series: cumulative buckets ending with +Inf (= count), then sum and count. */
function histogramLines(f: HistogramFamily, s: HistogramSeries): string[] {
  if (s.counts.length !== f.buckets.length + 1) {
    throw new Error(`histogram ${f.name}: ${s.counts.length} counts for ${f.buckets.length} buckets + Inf`);
  }
  const lines: string[] = [];
  let cumulative = 0;
  f.buckets.forEach((le, i) => {
    cumulative += s.counts[i] ?? 0;
    lines.push(`${f.name}_bucket${labelText(s.labels, ['le', formatValue(le)])} ${cumulative}`);
  });
  const count = cumulative + (s.counts[f.buckets.length] ?? 0);
  lines.push(`${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${count}`);
  lines.push(`${f.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}`);
  lines.push(`${f.name}_count${labelText(s.labels)} ${count}`);
  return lines;
}

/** The whole exposition: each family with its HELP and TYPE lines, ending with a line feed. */
export function formatExposition(families: readonly MetricFamily[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of families) {
    if (!NAME.test(f.name)) throw new Error(`invalid metric name: ${f.name}`);
    if (seen.has(f.name)) throw new Error(`metric ${f.name} given twice`);
    seen.add(f.name);
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type === 'histogram') {
      if (f.buckets.some((b, i) => i > 0 && b <= (f.buckets[i - 1] as number))) {
        throw new Error(`histogram ${f.name}: buckets must increase`);
      }
      for (const s of f.series) lines.push(...histogramLines(f, s));
    } else {
      for (const s of f.samples) lines.push(`${f.name}${labelText(s.labels)} ${formatValue(s.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
