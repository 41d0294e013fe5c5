/**
 * A case's decision deadline in words: the due date, and the working days left — or that the clock
 * is paused while a supplement is awaited, not started before acceptance, or that the case was
 * decided on time or late.
 */
import { useApp } from '../../app-context.ts';
import { decisionClockRunning } from './case-format.ts';
import type { CaseSummary } from './case-types.ts';

export function DueDate({ c }: { c: CaseSummary }) {
  const { t } = useApp();
  const d = c.deadlines.decision;
  if (!d) return <>—</>;
  return (
    <>
      {d.due}
      {d.provisional && <span class="muted">{t('cwProvisional')}</span>}
    </>
  );
}

export function DaysLeft({ c }: { c: CaseSummary }) {
  const { t } = useApp();
  const d = c.deadlines;
  if (d.pausedWithWorkingDaysLeft !== null)
    return <span class="case-paused">{t('cwPaused', { n: d.pausedWithWorkingDaysLeft })}</span>;
  if (decisionClockRunning(c) && d.decision) {
    const n = d.decision.workingDaysLeft;
    return n < 0 ? (
      <strong class="case-overdue">{t('cwDaysOverdue', { n: -n })}</strong>
    ) : (
      <>{t('cwDaysLeft', { n })}</>
    );
  }
  if (d.decidedLate !== null) return <>{d.decidedLate ? t('cwDecidedLate') : t('cwDecidedOnTime')}</>;
  if (c.state === 'submitted') return <span class="muted">{t('cwNotStarted')}</span>;
  return <span class="muted">—</span>;
}
