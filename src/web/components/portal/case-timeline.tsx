/**
 * A case's history for the applicant, as an ordered list: each step with who took it (by role, or
 * their name when the API gives one — never a staff username), when, the state before and after in
 * words, and the reason.
 */
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../format.ts';
import { actionText, roleText, stateText } from '../cases/case-format.ts';
import type { CaseEventView } from '../cases/case-types.ts';

export function CaseTimeline({ events }: { events: readonly CaseEventView[] }) {
  const { t, lang } = useApp();
  return (
    <ol class="pt-timeline" data-testid="pt-timeline">
      {events.map((e) => (
        <li key={e.seq} class="pt-event" data-action={e.action}>
          <p class="pt-event-head">
            <strong>{actionText(e.action, lang)}</strong>{' '}
            <span class="muted">
              {t('ptBy', { who: roleText(e.actorRole, lang) })} ·{' '}
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            </span>
          </p>
          <p class="pt-event-states">
            {e.fromState === null
              ? t('ptStateNow', { to: stateText(e.toState, lang) })
              : t('ptStateChange', { from: stateText(e.fromState, lang), to: stateText(e.toState, lang) })}
          </p>
          {e.reason && <p class="pt-event-reason">{t('ptReason', { reason: e.reason })}</p>}
        </li>
      ))}
    </ol>
  );
}
