/**
 * The server's escalation runs: one at start, then every `minutes`. The timer is unref'd (it never
 * keeps the process alive) and `stop()` clears it and waits for a run in progress, so the database
 * can be closed after it. A failed run is reported and the next one tries again.
 */
import type { AppContext } from '../context.ts';
import type { EscalationRun } from './escalate-cases.ts';
import { escalateCases } from './escalate-cases.ts';

export interface EscalationTimer {
  stop(): Promise<void>;
}

export function startEscalationTimer(
  ctx: AppContext,
  minutes: number,
  report: (outcome: { run?: EscalationRun; error?: unknown }) => void = () => {},
): EscalationTimer {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return; // never two runs at once
    running = escalateCases(ctx)
      .then((run) => report({ run }))
      .catch((error: unknown) => report({ error }))
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, minutes * 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
