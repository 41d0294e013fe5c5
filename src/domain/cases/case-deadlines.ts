/**
 * A case's deadlines on a given day: the decision deadline (办结时限) — the service's working days from
 * acceptance, moved by the supplement pauses — and, after a pledge approval, the verification due
 * date; each flagged overdue, or near when at most CASE_SETTINGS.nearDeadlineWorkingDays are left.
 * `asOf` is passed in (a China date): nothing here reads a clock.
 */
import type { CaseSettings } from './case-machine-definition.ts';
import { CASE_SETTINGS } from './case-machine-definition.ts';
import type { CaseRecord } from './case-machine.ts';
import type { WorkingCalendar } from './working-days.ts';
import {
  deadlineWithPauses,
  isProvisionalSpan,
  pausedWorkingDays,
  workingDaysBetween,
} from './working-days.ts';

export interface DeadlineFlags {
  /** The due date (YYYY-MM-DD). */
  due: string;
  /** Working days from `asOf` to the due date: 0 on the day itself, negative once passed. */
  workingDaysLeft: number;
  overdue: boolean;
  nearDeadline: boolean;
  /**
   * Counted through a year whose holiday notice is not out yet (暂定): the due date may move when the
   * notice's make-up working days are known.
   */
  provisional: boolean;
}

export interface CaseDeadlines {
  /**
   * The decision deadline while the case awaits a decision, or once decided; null when the service
   * sets no period, the case is not accepted yet, or an awaited supplement has stopped the clock
   * (then `pausedWithWorkingDaysLeft` says how many remain).
   */
  decision: DeadlineFlags | null;
  pausedWithWorkingDaysLeft: number | null;
  /** For a decided case: whether the decision came after the deadline. */
  decidedLate: boolean | null;
  /** After a pledge approval, until verified or revoked. */
  pledgeVerification: DeadlineFlags | null;
}

function flags(
  from: string,
  due: string,
  asOf: string,
  cal: WorkingCalendar,
  settings: CaseSettings,
): DeadlineFlags {
  const left = workingDaysBetween(asOf, due, cal);
  const overdue = asOf > due;
  return {
    due,
    workingDaysLeft: left,
    overdue,
    nearDeadline: !overdue && left <= settings.nearDeadlineWorkingDays,
    provisional: isProvisionalSpan(from, due, cal),
  };
}

export function caseDeadlines(
  c: CaseRecord,
  asOf: string,
  cal: WorkingCalendar,
  settings: CaseSettings = CASE_SETTINGS,
): CaseDeadlines {
  const out: CaseDeadlines = {
    decision: null,
    pausedWithWorkingDaysLeft: null,
    decidedLate: null,
    pledgeVerification: null,
  };
  const { startedOn, pauses, stoppedOn } = c.clock;
  if (c.deadlineWorkingDays !== null && startedOn !== null) {
    const due = deadlineWithPauses(startedOn, c.deadlineWorkingDays, pauses, cal);
    if (stoppedOn !== null) {
      // Decided (or withdrawn): the deadline is history; say whether it was kept, flag nothing.
      if (due !== null) {
        out.decision = {
          due,
          workingDaysLeft: workingDaysBetween(stoppedOn, due, cal),
          overdue: false,
          nearDeadline: false,
          provisional: isProvisionalSpan(startedOn, due, cal),
        };
        out.decidedLate = c.state === 'withdrawn' ? null : stoppedOn > due;
      }
    } else if (due !== null) {
      out.decision = flags(startedOn, due, asOf, cal, settings);
    } else {
      const open = pauses[pauses.length - 1]!;
      const used =
        workingDaysBetween(startedOn, open.from, cal) -
        pausedWorkingDays(pauses.slice(0, -1), open.from, cal);
      out.pausedWithWorkingDaysLeft = c.deadlineWorkingDays - used;
    }
  }
  if (c.pledge && c.pledge.outcome === null)
    out.pledgeVerification = flags(c.pledge.approvedOn, c.pledge.verificationDue, asOf, cal, settings);
  return out;
}
