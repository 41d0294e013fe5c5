/**
 * An office's work queue: the cases routed to it or accepted there, filtered by service, district,
 * state and deadline (overdue, or near), ordered overdue first, then near the deadline, then by due
 * date, then oldest first — the deadlines worked out on today's China date (ctx clock).
 */
import { CASE_STATES } from '../../domain/cases/case-machine-definition.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { CaseEscalationRepository } from '../../store/repositories/case-escalation.repository.ts';
import type { EscalationRow } from '../../store/repositories/case-escalation.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { invalidInput } from '../input-errors.ts';
import { caseActorOf, staffOffice } from './case-access.ts';
import { caseCalendar } from './case-calendar.ts';
import type { CaseView } from './case-view.ts';
import { toCaseView } from './case-view.ts';

export interface QueueFilters {
  service?: string;
  district?: string;
  state?: string;
  deadline?: string;
  /** '1': only cases with an escalation open (near or overdue, recorded by escalate-cases.ts). */
  escalated?: string;
}

/** The most pressing deadline of a case: the decision's, or a pledge's verification (a decided case flags neither). */
function pressing(v: CaseView): { rank: number; due: string } {
  const flags = [v.deadlines.decision, v.deadlines.pledgeVerification].filter(
    (f): f is NonNullable<typeof f> => f !== null,
  );
  const rank = flags.some((f) => f.overdue) ? 0 : flags.some((f) => f.nearDeadline) ? 1 : 2;
  const due = flags.map((f) => f.due).sort()[0] ?? '9999-12-31';
  return { rank, due };
}

export async function listQueue(
  ctx: AppContext,
  actor: Actor,
  filters: QueueFilters = {},
): Promise<CaseView[]> {
  authorize(actor, 'cases.queue');
  const staff = await staffOffice(ctx, actor);
  const problems: FieldProblem[] = [];
  if (filters.state !== undefined && !(CASE_STATES as readonly string[]).includes(filters.state))
    problems.push({
      field: 'state',
      zh: `须为 ${CASE_STATES.join('/')}`,
      en: `must be one of ${CASE_STATES.join(', ')}`,
    });
  if (filters.deadline !== undefined && filters.deadline !== 'overdue' && filters.deadline !== 'near')
    problems.push({ field: 'deadline', zh: '须为 overdue 或 near', en: 'must be overdue or near' });
  if (filters.escalated !== undefined && filters.escalated !== '1' && filters.escalated !== '0')
    problems.push({ field: 'escalated', zh: '须为 1 或 0', en: 'must be 1 or 0' });
  if (problems.length > 0) throw invalidInput(problems);
  const rows = await new CaseRepository(ctx.db).listForOffice({
    officeCode: staff.officeCode,
    serviceCode: filters.service,
    districtCode: filters.district,
    state: filters.state,
  });
  const today = dateInZone(ctx.clock.now());
  const calendar = await caseCalendar(ctx);
  const who = caseActorOf(actor);
  const escalations = await new CaseEscalationRepository(ctx.db).forCases(rows.map((c) => c.id));
  const byCase = new Map<string, EscalationRow[]>();
  for (const e of escalations) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const views = rows.map((c) => ({
    v: toCaseView(c, who, today, calendar, true, byCase.get(c.id) ?? []),
    p: { rank: 2, due: '' },
  }));
  for (const x of views) x.p = pressing(x.v);
  return views
    .filter(
      ({ p }) =>
        filters.deadline === undefined || (filters.deadline === 'overdue' ? p.rank === 0 : p.rank === 1),
    )
    .filter(({ v }) => filters.escalated !== '1' || v.escalation !== null)
    .sort(
      (a, b) =>
        a.p.rank - b.p.rank ||
        a.p.due.localeCompare(b.p.due) ||
        a.v.createdAt.localeCompare(b.v.createdAt) ||
        a.v.id.localeCompare(b.v.id),
    )
    .map(({ v }) => v);
}
