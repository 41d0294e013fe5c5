/**
 * Which escalations a case is due on a day (issue 6 §2: overdue and near-deadline cases are flagged
 * and escalated). For each running deadline — the decision (办结时限) and, after a pledge approval,
 * its verification — `near` (at most CASE_SETTINGS.nearDeadlineWorkingDays working days left) is a
 * reminder to the office; `overdue` (the due date has passed) goes to the office's supervisors (督办).
 *
 * Escalations are raised on working days only: nobody reads them on a holiday, and a reminder dated
 * the first day of the Spring Festival would say "two days left" when the office next opens with the
 * same two days. The store keeps one per (case, kind, deadline, due date), so deciding again is
 * harmless, and a due date moved by a supplement pause may be escalated anew. Pure: no clock.
 */
import type { CaseSettings } from './case-machine-definition.ts';
import { CASE_SETTINGS } from './case-machine-definition.ts';
import { caseDeadlines } from './case-deadlines.ts';
import type { DeadlineFlags } from './case-deadlines.ts';
import type { CaseRecord } from './case-machine.ts';
import type { WorkingCalendar } from './working-days.ts';
import { isWorkingDay } from './working-days.ts';

export type EscalationKind = 'near' | 'overdue';
export type EscalationDeadline = 'decision' | 'pledgeVerification';

export interface DueEscalation {
  kind: EscalationKind;
  deadline: EscalationDeadline;
  /** The due date it is about (YYYY-MM-DD). */
  due: string;
  /** near: the office itself; overdue: the office's supervisors (督办). */
  addressedTo: 'office' | 'supervisors';
}

function escalationOf(deadline: EscalationDeadline, f: DeadlineFlags | null): DueEscalation | null {
  if (f === null) return null;
  if (f.overdue) return { kind: 'overdue', deadline, due: f.due, addressedTo: 'supervisors' };
  if (f.nearDeadline) return { kind: 'near', deadline, due: f.due, addressedTo: 'office' };
  return null;
}

/**
 * The escalations due for the case on `asOf` (a China date): none on a day that is not a working day,
 * none for a decided or withdrawn case's decision (caseDeadlines flags nothing then), none while a
 * supplement is awaited (the clock is stopped).
 */
export function dueEscalations(
  c: CaseRecord,
  asOf: string,
  cal: WorkingCalendar,
  settings: CaseSettings = CASE_SETTINGS,
): DueEscalation[] {
  if (!isWorkingDay(asOf, cal)) return [];
  const d = caseDeadlines(c, asOf, cal, settings);
  return [
    escalationOf('decision', d.decision),
    escalationOf('pledgeVerification', d.pledgeVerification),
  ].filter((e): e is DueEscalation => e !== null);
}

export interface RecordedEscalation {
  kind: EscalationKind;
  deadline: EscalationDeadline;
  due: string;
  /** When it was recorded (ISO date-time). */
  at: string;
}

/**
 * The escalation to show on a case now: among those recorded, the ones about a deadline still running
 * with the same due date (a moved due date or a decided case leaves older ones behind), overdue
 * before near, then the latest. Null when none is open.
 */
export function openEscalation(
  recorded: readonly RecordedEscalation[],
  current: { decision: DeadlineFlags | null; pledgeVerification: DeadlineFlags | null },
): RecordedEscalation | null {
  const running = (e: RecordedEscalation) => {
    const f = current[e.deadline];
    return f !== null && f.due === e.due && (f.overdue || f.nearDeadline);
  };
  const open = recorded.filter(running);
  open.sort(
    (a, b) => (a.kind === 'overdue' ? 0 : 1) - (b.kind === 'overdue' ? 0 : 1) || b.at.localeCompare(a.at),
  );
  return open[0] ?? null;
}
