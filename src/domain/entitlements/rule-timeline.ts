/**
 * A service's rule versions on a timeline: each with the day it ends (the day before the next
 * version starts) and whether, on `today`, it is past, in force or still waiting (a future-dated
 * version added by an officer). Pure: `today` is passed in.
 */
import type { Service } from './catalog.schema.ts';
import { ruleInForce } from './evaluate.ts';
import type { RuleVersionView } from './views.ts';

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The versions in date order, each with its validity and whether it is past, in force or waiting. */
export function ruleTimeline(service: Service, today: string): RuleVersionView[] {
  const sorted = [...service.rules].sort((a, b) => (a.from < b.from ? -1 : 1));
  const current = ruleInForce(service, today);
  return sorted.map((r, i) => {
    const next = sorted[i + 1];
    return {
      ...r,
      until: next ? dayBefore(next.from) : null,
      state: r === current || r.from === current?.from ? 'inForce' : r.from > today ? 'future' : 'past',
    };
  });
}
