/**
 * The scope of a case, checked after `authorize` (domain/identity/permissions.ts) has admitted the
 * role. The resident sees only their own cases. A case worker or supervisor
 * works at one office (users.office_code): they see and act on the cases routed to it or accepted
 * there; any office may accept a submitted case (全域通办) — that office is then recorded on the case
 * and may carry on with it, while routing (office and lead department) stays as it was.
 */
import type { CaseAction } from '../../domain/cases/case-machine-definition.ts';
import type { CaseActorRef } from '../../domain/cases/case-machine.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError, notFound } from '../../domain/shared/errors.ts';
import type { CaseRow } from '../../store/repositories/case.repository.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import type { AppContext } from '../context.ts';

export interface CaseStaff {
  actor: Actor;
  officeCode: string;
}

/**
 * The actor as the case machine knows them. `authorize` has already admitted only residents and office
 * staff to the case permissions; should the table ever grant one to another role, that role still has
 * no part in the machine and is refused here rather than acting under a wrong name.
 */
export function caseActorOf(actor: Actor): CaseActorRef {
  if (actor.role === 'resident' || actor.role === 'caseWorker' || actor.role === 'supervisor')
    return { role: actor.role, id: String(actor.id) };
  throw new FuwuError(
    'forbidden',
    '只有居民、窗口经办人员和审核负责人可以办理案件',
    'only residents, case workers and supervisors take part in cases',
  );
}

/** The office a staff member works at (their scope), read from their account. */
export async function staffOffice(ctx: AppContext, actor: Actor): Promise<CaseStaff> {
  const user = await new UserRepository(ctx.db).findById(actor.id);
  if (!user?.officeCode)
    throw new FuwuError('forbidden', '账号未指定所属政务服务中心', 'the account has no office');
  return { actor, officeCode: user.officeCode };
}

export function worksOn(staff: CaseStaff, c: CaseRow): boolean {
  return c.officeCode === staff.officeCode || c.acceptedAtOffice === staff.officeCode;
}

/**
 * Read a case within the actor's scope, after `authorize`. A resident's scope is their own cases:
 * someone else's reads as an unknown id (404), so ids reveal nothing. Office staff see their office's
 * cases, and are told which office handles another (any office may still accept it, 全域通办).
 */
export async function readableCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseRow> {
  const c = await new CaseRepository(ctx.db).findById(id);
  if (!c) throw notFound('case', '案件', id);
  if (actor.role === 'resident') {
    if (c.applicantId !== actor.id) throw notFound('case', '案件', id);
    return c;
  }
  const staff = await staffOffice(ctx, actor);
  if (!worksOn(staff, c))
    throw new FuwuError(
      'forbidden',
      `案件 ${id} 不属于本中心（${staff.officeCode}）`,
      `case ${id} is not handled at your office (${staff.officeCode})`,
    );
  return c;
}

/** May this staff member take `action` on the case? Acceptance is open to every office (全域通办). */
export function requireOfficeFor(staff: CaseStaff, c: CaseRow, action: CaseAction): void {
  if (worksOn(staff, c) || action === 'accept') return;
  throw new FuwuError(
    'forbidden',
    `案件 ${c.id} 由 ${c.officeCode} 办理，本中心（${staff.officeCode}）只能受理`,
    `case ${c.id} is handled by ${c.officeCode}; your office (${staff.officeCode}) may only accept it`,
  );
}
