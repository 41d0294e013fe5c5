/** How many indicators have each status: a labelled list, one badge and count per status. */
import type { StatusCounts as Counts } from '../../domain/plan/review.ts';
import { STATUSES } from '../../domain/plan/status.ts';
import { useApp } from '../app-context.ts';
import { StatusBadge } from './status-badge.tsx';

export function StatusCounts({ title, counts, id }: { title: string; counts: Counts; id: string }) {
  const { t } = useApp();
  const total = STATUSES.reduce((s, k) => s + counts[k], 0);
  return (
    <section class="counts" aria-labelledby={id}>
      <h2 id={id} class="counts-title">
        {title} <span class="muted">{t('countsTotal', { n: total })}</span>
      </h2>
      <ul class="counts-list">
        {STATUSES.map((status) => (
          <li key={status} class="counts-item" data-testid={`count-${id}-${status}`}>
            <StatusBadge status={status} /> <span class="counts-number">{counts[status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
