/**
 * Escalate near-deadline and overdue cases (issue 6 §2): scan the open cases and the pledge approvals
 * awaiting verification, decide for each what is due on the day (case-escalation.ts) and record it
 * once — a second run on the same day records nothing new. One audit entry per run with the counts.
 * Run by the server at start and on a timer (escalation-timer.ts), by `fuwu cases escalate`, and by a
 * supervisor or an admin through the API. It scans every office: recording is idempotent, so who
 * starts a run does not change what is recorded.
 */
import { dueEscalations } from '../../domain/cases/case-escalation.ts';
import { OPEN_STATES } from '../../domain/cases/case-machine-definition.ts';
import { isWorkingDay } from '../../domain/cases/working-days.ts';
import { isIsoDate } from '../../domain/entitlements/derive.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { CaseEscalationRepository } from '../../store/repositories/case-escalation.repository.ts';
import { SYSTEM_ACTOR, audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { caseCalendar } from './case-calendar.ts';

/** The states with a running deadline: undecided, or approved on a pledge still to be verified. */
const SCANNED_STATES: readonly string[] = [...OPEN_STATES, 'approvedOnPledge'];

export interface EscalationRun {
  /** The China date the run was for. */
  onDate: string;
  workingDay: boolean;
  scanned: number;
  /** Newly recorded this run (those recorded before are not counted again). */
  near: number;
  overdue: number;
}

export async function escalateCases(
  ctx: AppContext,
  onDate?: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<EscalationRun> {
  const now = ctx.clock.now();
  const day = onDate ?? dateInZone(now);
  if (!isIsoDate(day))
    throw invalidField(
      'onDate',
      `「${day}」不是有效日期（YYYY-MM-DD）`,
      `"${day}" is not a date (YYYY-MM-DD)`,
    );
  const calendar = await caseCalendar(ctx);
  const workingDay = isWorkingDay(day, calendar); // refuses a day outside the calendar's years
  return ctx.db.transaction(async (tx) => {
    const repo = new CaseEscalationRepository(tx);
    const cases = await repo.casesInStates(SCANNED_STATES);
    const run: EscalationRun = { onDate: day, workingDay, scanned: cases.length, near: 0, overdue: 0 };
    for (const c of cases) {
      for (const e of dueEscalations(c.record, day, calendar)) {
        const fresh = await repo.record({ caseId: c.id, ...e, onDate: day, officeCode: c.officeCode }, now);
        if (fresh) run[e.kind]++;
      }
    }
    await audit(tx, actor, now, 'case.escalate', 'case_escalation', day, { ...run });
    return run;
  });
}

/** The API's run, for today. */
export async function runEscalations(ctx: AppContext, actor: Actor): Promise<EscalationRun> {
  authorize(actor, 'cases.escalate');
  return escalateCases(ctx, undefined, actor);
}
