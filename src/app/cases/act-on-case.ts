/**
 * Take one action on a case (accept, request a supplement, approve, revoke a pledge…): the domain's
 * transition decides whether the state, the guard and the actor allow it; here the office rule
 * (case-access.ts) and the revision the clerk saw are checked, and the new state, its event and the
 * audit entry are written in one transaction — or nothing is.
 */
import { CASE_ACTIONS } from '../../domain/cases/case-machine-definition.ts';
import type { CaseAction } from '../../domain/cases/case-machine-definition.ts';
import { transition } from '../../domain/cases/case-machine.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { FuwuError, invalidField, notFound } from '../../domain/shared/errors.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { audit } from '../audit.ts';
import { noticeOfCaseStep } from '../notices/case-notices.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { caseActorOf, readableCase, requireOfficeFor, staffOffice } from './case-access.ts';
import { caseCalendar } from './case-calendar.ts';
import type { CaseView } from './case-view.ts';
import { toCaseView } from './case-view.ts';

export interface ActionInput {
  reason?: string | null;
  expectedRevision?: unknown;
}

export function parseRevision(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw invalidField(
      'expectedRevision',
      '须为您所看到的案件版本号（正整数）',
      'must be the revision of the case you saw (a whole number ≥ 1)',
    );
  return v;
}

export async function actOnCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: string,
  input: ActionInput,
): Promise<CaseView> {
  authorize(actor, 'cases.act');
  if (!(CASE_ACTIONS as readonly string[]).includes(action))
    throw invalidField('action', `未知操作「${action}」`, `unknown action "${action}"`);
  const expectedRevision = parseRevision(input.expectedRevision);
  const who = caseActorOf(actor);
  let c;
  let acceptedAtOffice: string | null = null;
  if (actor.role === 'resident') {
    c = await readableCase(ctx, actor, caseId);
  } else {
    const staff = await staffOffice(ctx, actor);
    c = await new CaseRepository(ctx.db).findById(caseId);
    if (!c) throw notFound('case', '案件', caseId);
    requireOfficeFor(staff, c, action as CaseAction);
    // 全域通办: accepting at another office is recorded; routing stays with the case's office.
    if (action === 'accept' && staff.officeCode !== c.officeCode) acceptedAtOffice = staff.officeCode;
  }
  if (c.revision !== expectedRevision) throw staleRevision(caseId, expectedRevision, c.revision);
  const calendar = await caseCalendar(ctx);
  const now = ctx.clock.now();
  const { case: record, event } = transition(
    c.record,
    action as CaseAction,
    who,
    now.toISOString(),
    { reason: input.reason ?? null },
    { calendar },
  );
  const at = now;
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await new CaseRepository(tx).update(
      caseId,
      expectedRevision,
      {
        state: record.state,
        record,
        officeCode: c.officeCode,
        acceptedAtOffice: acceptedAtOffice ?? c.acceptedAtOffice,
      },
      {
        action: event.action,
        fromState: event.from,
        toState: event.to,
        actorId: actor.id,
        actorRole: actor.role,
        at: event.at,
        onDate: event.on,
        reason: event.reason,
        changes: acceptedAtOffice
          ? [...event.changes, { field: 'acceptedAtOffice', before: null, after: acceptedAtOffice }]
          : event.changes,
      },
      at,
    );
    await audit(tx, actor, at, `case.${action}`, 'case', caseId, {
      from: event.from,
      to: event.to,
      reason: event.reason,
      revision: updated.revision,
    });
    // A decision or a request to the applicant is a notice to them, in the same transaction.
    await noticeOfCaseStep(tx, actor, updated, action, event.reason, at);
    return updated;
  });
  return toCaseView(row, who, dateInZone(now), calendar);
}

export function staleRevision(caseId: string, expected: number, actual: number): FuwuError {
  return new FuwuError(
    'conflict',
    `案件 ${caseId} 已更新到第 ${actual} 版（您看到的是第 ${expected} 版），请刷新后重试`,
    `case ${caseId} is at revision ${actual} (you saw ${expected}); reload and retry`,
    [{ field: 'expectedRevision', zh: '版本已过期', en: 'stale revision' }],
  );
}
