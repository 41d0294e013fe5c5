/**
 * The process as Prometheus sees it: resident memory, heap in use, uptime and the event loop's delay.
 * The delay matters more than usual here: an embedded PGlite query runs on the main thread, and a
 * slow one stalls every request (STACK.md), which shows as event-loop delay before anything else.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { MetricFamily } from './exposition.ts';

export class ProcessMetrics {
  private readonly loopDelay: IntervalHistogram;

  constructor() {
    this.loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.loopDelay.enable();
  }

  stop(): void {
    this.loopDelay.disable();
  }

  /** The event-loop p99 covers the time since the previous scrape (the histogram is reset on read). */
  families(): MetricFamily[] {
    const memory = process.memoryUsage();
    const p99 = this.loopDelay.count > 0 ? this.loopDelay.percentile(99) / 1e9 : 0;
    this.loopDelay.reset();
    const gauge = (name: string, help: string, value: number): MetricFamily => ({
      type: 'gauge',
      name,
      help,
      samples: [{ value }],
    });
    return [
      gauge('process_resident_memory_bytes', 'Resident memory of the server process, in bytes.', memory.rss),
      gauge('nodejs_heap_used_bytes', 'JavaScript heap in use, in bytes.', memory.heapUsed),
      gauge(
        'nodejs_eventloop_delay_p99_seconds',
        'The 99th percentile of event-loop delay since the previous scrape, in seconds.',
        p99,
      ),
      gauge('process_uptime_seconds', 'Seconds since the server process started.', process.uptime()),
    ];
  }
}
