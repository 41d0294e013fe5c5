/**
 * A status as a badge: colour, an icon drawn by CSS, and always the text label, so the status
 * never depends on colour alone. The text content is exactly the label (tests read it).
 */
import type { Status } from '../../domain/plan/status.ts';
import { STATUS_LABELS } from '../../domain/plan/status.ts';
import { useApp } from '../app-context.ts';

export function StatusBadge({ status, testId }: { status: Status; testId?: string }) {
  const { pick } = useApp();
  return (
    <span class={`status status-${status}`} data-testid={testId} data-status={status}>
      {pick(STATUS_LABELS[status])}
    </span>
  );
}
