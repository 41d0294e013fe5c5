/**
 * Requests counted and timed by method, route pattern and status. The route is the pattern fastify
 * matched (`/api/cases/:id`), never the URL: ids, search terms and personal data stay out of labels,
 * and the number of series stays bounded.
 */
import type { MetricFamily } from './exposition.ts';
import { LabelledCounter, LabelledHistogram } from './labelled.ts';

/** Seconds: from a cached read (5 ms) to a city-wide computation started inline (10 s). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** The route label of a request no route matched (404s, probes of random paths). */
export const UNMATCHED_ROUTE = '(unmatched)';

export class HttpMetrics {
  private readonly requests = new LabelledCounter();
  private readonly durations = new LabelledHistogram(DURATION_BUCKETS);

  record(r: { method: string; route: string | undefined; status: number; seconds: number }): void {
    const route = r.route ?? UNMATCHED_ROUTE;
    this.requests.inc({ method: r.method, route, status: String(r.status) });
    this.durations.observe({ method: r.method, route }, r.seconds);
  }

  families(): MetricFamily[] {
    return [
      {
        type: 'counter',
        name: 'http_requests_total',
        help: 'HTTP requests answered, by method, route pattern and status.',
        samples: this.requests.samples(),
      },
      {
        type: 'histogram',
        name: 'http_request_duration_seconds',
        help: 'Time to answer an HTTP request, by method and route pattern.',
        buckets: DURATION_BUCKETS,
        series: this.durations.snapshot(),
      },
    ];
  }
}
