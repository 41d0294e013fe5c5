/**
 * The scrape-time figures as metric families. Every known job status and case state is written, with
 * 0 where there are none, so a series does not vanish when its count drops to nothing.
 */
import { CASE_STATES, OPEN_STATES } from '../../domain/cases/case-machine-definition.ts';
import type { OpsGauges } from '../../app/ops/ops-gauges.ts';
import type { MetricFamily, Sample } from './exposition.ts';

const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'];

function byKey(known: readonly string[], rows: { key: string; n: number }[], label: string): Sample[] {
  const counts = new Map(known.map((k) => [k, 0]));
  for (const r of rows) counts.set(r.key, (counts.get(r.key) ?? 0) + r.n);
  return [...counts].map(([k, n]) => ({ labels: { [label]: k }, value: n }));
}

export function domainFamilies(g: OpsGauges): MetricFamily[] {
  const families: MetricFamily[] = [
    {
      type: 'gauge',
      name: 'fuwu_db_up',
      help: 'Whether the database answered SELECT 1 at this scrape (1) or not (0).',
      samples: [{ value: g.dbUp ? 1 : 0 }],
    },
  ];
  if (!g.dbUp || g.pendingDeliveries === null) return families;
  const open = g.casesByState
    .filter((c) => (OPEN_STATES as readonly string[]).includes(c.state))
    .reduce((s, c) => s + c.n, 0);
  families.push(
    {
      type: 'gauge',
      name: 'fuwu_jobs',
      help: 'Background jobs by status.',
      samples: byKey(
        JOB_STATUSES,
        g.jobsByStatus.map((j) => ({ key: j.status, n: j.n })),
        'status',
      ),
    },
    {
      type: 'gauge',
      name: 'fuwu_notice_deliveries_pending',
      help: 'Notice deliveries waiting to be sent or retried.',
      samples: [{ value: g.pendingDeliveries }],
    },
    {
      type: 'gauge',
      name: 'fuwu_cases',
      help: 'One-stop service cases by state.',
      samples: byKey(
        CASE_STATES,
        g.casesByState.map((c) => ({ key: c.state, n: c.n })),
        'state',
      ),
    },
    {
      type: 'gauge',
      name: 'fuwu_cases_open',
      help: 'Cases open and undecided (submitted, accepted, supplement requested, means check).',
      samples: [{ value: open }],
    },
  );
  return families;
}
