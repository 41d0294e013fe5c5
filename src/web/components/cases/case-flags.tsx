/** A case's warnings as tags with words (never colour alone): overdue, near, escalated, proactive, pledge due. */
import { useApp } from '../../app-context.ts';
import type { MessageKey } from '../../i18n.ts';
import type { CaseFlag } from './case-format.ts';
import { caseFlags } from './case-format.ts';
import type { CaseSummary } from './case-types.ts';

const FLAG_KEYS: Record<Exclude<CaseFlag, 'escalated' | 'pledgeDue'>, MessageKey> = {
  overdue: 'cwFlagOverdue',
  near: 'cwFlagNear',
  proactive: 'cwFlagProactive',
};

export function CaseFlags({ c }: { c: CaseSummary }) {
  const { t } = useApp();
  const flags = caseFlags(c);
  if (flags.length === 0) return <span class="muted">—</span>;
  const text = (f: CaseFlag): string => {
    if (f === 'escalated')
      return c.escalation?.kind === 'overdue' ? t('cwFlagEscalatedOverdue') : t('cwFlagEscalatedNear');
    if (f === 'pledgeDue') return t('cwFlagPledgeDue', { due: c.deadlines.pledgeVerification?.due ?? '' });
    return t(FLAG_KEYS[f]);
  };
  return (
    <ul class="case-flags">
      {flags.map((f) => (
        <li key={f} class={`case-flag case-flag-${f}`} data-flag={f}>
          {text(f)}
        </li>
      ))}
    </ul>
  );
}
