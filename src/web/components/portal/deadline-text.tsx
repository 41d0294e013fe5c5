/** The decision deadline as the resident is told it: due date and working days left, or why there is none. */
import { useApp } from '../../app-context.ts';
import type { DeadlineStatus } from './case-model.ts';

export function DeadlineText({ status }: { status: DeadlineStatus }) {
  const { t } = useApp();
  switch (status.kind) {
    case 'notStarted':
      return <span>{t('ptDeadlineNotStarted')}</span>;
    case 'paused':
      return <span class="pt-paused">{t('ptDeadlinePaused', { n: status.workingDaysLeft })}</span>;
    case 'running':
      return status.overdue ? (
        <strong class="pt-overdue">
          {t('ptDeadlineOverdue', { due: status.due, n: -status.workingDaysLeft })}
        </strong>
      ) : (
        <span class={status.near ? 'pt-near' : undefined}>
          {t('ptDeadlineRunning', { due: status.due, n: status.workingDaysLeft })}
        </span>
      );
    case 'decided':
      return (
        <span>
          {status.late === null
            ? t('ptDeadlineWas', { due: status.due })
            : status.late
              ? t('ptDecidedLate', { due: status.due })
              : t('ptDecidedOnTime', { due: status.due })}
        </span>
      );
    case 'none':
      return null;
  }
}
