/** The escalations recorded on a case: reminders to the office (near) and 督办 to its supervisors (overdue). */
import { useApp } from '../../app-context.ts';
import type { EscalationRecordView } from './case-types.ts';

export function CaseEscalations({ escalations }: { escalations: EscalationRecordView[] }) {
  const { t } = useApp();
  return (
    <section aria-labelledby="cw-esc-heading" data-testid="cw-escalations">
      <h2 id="cw-esc-heading">{t('cwEscalations')}</h2>
      <ul>
        {escalations.map((e, i) => (
          <li key={i}>
            {t(e.kind === 'overdue' ? 'cwFlagEscalatedOverdue' : 'cwFlagEscalatedNear')}
            {' · '}
            {t(e.deadline === 'decision' ? 'cwEscDecision' : 'cwEscPledge', { due: e.due })}
            {' · '}
            {t('cwEscOn', { date: e.onDate })}
          </li>
        ))}
      </ul>
    </section>
  );
}
