/** Every step of a case in order: who (by role), when, from → to in words, the reason, and what changed. */
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../format.ts';
import { actionText, changeText, roleText, stateText } from './case-format.ts';
import type { CaseEventView } from './case-types.ts';

export function CaseHistory({ events }: { events: CaseEventView[] }) {
  const { t, lang, meta } = useApp();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <ol class="case-history" data-testid="cw-history">
      {sorted.map((e) => (
        <li key={e.seq} data-seq={e.seq} data-action={e.action}>
          <p class="case-event-head">
            <strong>{actionText(e.action, lang)}</strong>
            {' · '}
            {e.actorName
              ? t('cwEventByName', { role: roleText(e.actorRole, lang), name: e.actorName })
              : t('cwEventBy', { role: roleText(e.actorRole, lang), id: e.actorId ?? '—' })}
            {' · '}
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
          </p>
          <p>
            {e.fromState === e.toState
              ? stateText(e.toState, lang)
              : `${stateText(e.fromState, lang)} → ${stateText(e.toState, lang)}`}
          </p>
          {e.reason && (
            <p class="case-event-reason">
              {t('cwReasonLabel')}
              {lang === 'zh' ? '：' : ': '}
              {e.reason}
            </p>
          )}
          {e.changes.length > 0 && (
            <ul class="case-event-changes">
              {e.changes.map((ch, i) => (
                <li key={i}>{changeText(ch, meta.areas, lang)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
