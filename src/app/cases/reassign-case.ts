/**
 * Hand a case to another office, with a reason (e.g. the applicant lives elsewhere than declared). A
 * staff member of the office handling it does this; the move is an event in the case's history
 * (action 'reassign', state unchanged) and in the audit log. The state machine is not involved: the
 * case's state, clock and deadlines stay as they are.
 */
import { officesOf } from '../../domain/cases/offices.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { FuwuError, invalidField } from '../../domain/shared/errors.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { requireReason } from '../input-errors.ts';
import { parseRevision, staleRevision } from './act-on-case.ts';
import { caseActorOf, readableCase } from './case-access.ts';
import { caseCalendar } from './case-calendar.ts';
import type { CaseView } from './case-view.ts';
import { toCaseView } from './case-view.ts';

export interface ReassignInput {
  officeCode?: unknown;
  reason?: string | null;
  expectedRevision?: unknown;
}

export async function reassignCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: ReassignInput,
): Promise<CaseView> {
  authorize(actor, 'cases.reassign');
  const c = await readableCase(ctx, actor, caseId);
  const expectedRevision = parseRevision(input.expectedRevision);
  const reason = requireReason(input.reason);
  const offices = officesOf((await ctx.plan.get()).areas);
  const to = offices.find((o) => o.code === input.officeCode);
  if (!to)
    throw invalidField(
      'officeCode',
      `没有这个政务服务中心：${String(input.officeCode ?? '')}`,
      `no such office: ${String(input.officeCode ?? '')}`,
    );
  if (to.code === c.officeCode)
    throw invalidField('officeCode', '案件已由该中心办理', 'the case is already at that office');
  if (c.revision !== expectedRevision) throw staleRevision(caseId, expectedRevision, c.revision);
  if (c.record.clock.stoppedOn !== null && c.state !== 'approvedOnPledge')
    throw new FuwuError('conflict', '已办结的案件不能转办', 'a finished case cannot be reassigned');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await new CaseRepository(tx).update(
      caseId,
      expectedRevision,
      { state: c.state, record: c.record, officeCode: to.code, acceptedAtOffice: c.acceptedAtOffice },
      {
        action: 'reassign',
        fromState: c.state,
        toState: c.state,
        actorId: actor.id,
        actorRole: actor.role,
        at: now.toISOString(),
        onDate: dateInZone(now),
        reason,
        changes: [{ field: 'officeCode', before: c.officeCode, after: to.code }],
      },
      now,
    );
    await audit(tx, actor, now, 'case.reassign', 'case', caseId, {
      from: c.officeCode,
      to: to.code,
      reason,
    });
    return updated;
  });
  return toCaseView(row, caseActorOf(actor), dateInZone(now), await caseCalendar(ctx), false);
}
