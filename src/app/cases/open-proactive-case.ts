/**
 * A work-list entry becomes a case (依职权/主动服务, issue 6 §2): an officer who may see the person on
 * the snapshot's work list opens a case for them without an application. The facts are those held
 * (the snapshot's population, 示例), the entitlement is evaluated as for an application, and the case
 * is routed to the office of the person's district and the service's lead department, in state
 * submitted. The applicant is the resident linked to the person, if any (the case is then in their
 * portal), else nobody yet. One case per snapshot, person and service, however often it is pressed.
 */
import { randomUUID } from 'node:crypto';
import { createProactiveCase } from '../../domain/cases/case-machine.ts';
import { officeCodeFor } from '../../domain/cases/offices.ts';
import { indexParameters } from '../../domain/entitlements/parameters.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { NoticeRepository } from '../../store/repositories/notice.repository.ts';
import { ResidentProfileRepository } from '../../store/repositories/resident-profile.repository.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { loadCatalog } from '../entitlements/load-catalog.ts';
import { outOfScope, requireSnapshot, scopeOf } from '../entitlements/matching-scope.ts';
import { serviceInScope } from '../notices/worklist-notices.ts';
import { checkPersonIndex, snapshotPerson } from '../residents/snapshot-person.ts';
import { caseCalendar } from './case-calendar.ts';
import { entitlementAtSubmission, firstEvent } from './new-case.ts';
import type { CaseView } from './case-view.ts';
import { toCaseView } from './case-view.ts';

export interface ProactiveCaseInput {
  serviceCode?: unknown;
  personIndex?: unknown;
}

export interface OpenedProactiveCase {
  case: CaseView;
  /** False when the case had been opened before: this is that one. */
  created: boolean;
}

export async function openProactiveCase(
  ctx: AppContext,
  actor: Actor,
  snapshotId: number,
  input: ProactiveCaseInput,
): Promise<OpenedProactiveCase> {
  authorize(actor, 'worklist.act');
  const { summary, services } = await requireSnapshot(ctx, snapshotId);
  const scope = scopeOf(actor, services);
  const frozen = serviceInScope(services, scope, input.serviceCode);
  const personIndex = checkPersonIndex(input.personIndex, summary.populationSize);
  const entry = await new NoticeRepository(ctx.db).worklistEntry(snapshotId, frozen.code, personIndex);
  if (!entry)
    throw invalidField(
      'personIndex',
      `此人不在「${frozen.name}」的工作清单上`,
      `this person is not on the work list of ${frozen.nameEn}`,
    );
  if (scope.districtCodes && !scope.districtCodes.includes(entry.districtCode))
    throw outOfScope('this person', '此人员');
  // The case is handled under the catalog in force now (its deadline, pledge rule and rules).
  const catalog = await loadCatalog(ctx);
  const service = catalog.services.find((s) => s.code === frozen.code) ?? frozen;
  const person = await snapshotPerson(ctx, snapshotId, personIndex);
  const calendar = await caseCalendar(ctx);
  const now = ctx.clock.now();
  const today = dateInZone(now);
  const viewer = { role: 'system' as const, id: String(actor.id) };
  const repo = new CaseRepository(ctx.db);
  const existing = await repo.findProactive(snapshotId, person.personId, service.code);
  if (existing) return { case: toCaseView(existing, viewer, today, calendar, false), created: false };

  const profile = await new ResidentProfileRepository(ctx.db).findByPerson(person.personId);
  const resident = profile ? await new UserRepository(ctx.db).findById(profile.userId) : null;
  const entitlement = entitlementAtSubmission(
    service,
    indexParameters(catalog.parameters),
    person.facts,
    today,
  );
  const id = `C-${today.replaceAll('-', '')}-${randomUUID().slice(0, 8)}`;
  const reason = `主动服务：${actor.displayName || actor.username}（${actor.username}）据服务找人快照 #${snapshotId} 的工作清单转为办件`;
  const { case: record, event } = createProactiveCase(
    {
      id,
      serviceCode: service.code,
      applicantId: resident ? String(resident.id) : `person:${person.personId}`,
      deadlineWorkingDays: service.deadlineWorkingDays,
      pledgeAllowed: service.pledgeAllowed,
    },
    viewer,
    now.toISOString(),
    reason,
  );
  const result = await ctx.db.transaction(async (tx) => {
    const r = await new CaseRepository(tx).insertProactive(
      {
        id,
        serviceCode: service.code,
        applicantId: resident?.id ?? null,
        applicant: resident
          ? { username: resident.username, displayName: resident.displayName }
          : { username: person.personId, displayName: `${person.personId}（示例）` },
        districtCode: person.districtCode,
        officeCode: officeCodeFor(person.districtCode),
        leadDepartment: service.leadDepartment,
        state: record.state,
        record,
        facts: person.facts as Record<string, unknown>,
        entitlement,
        idempotencyKey: `proactive:${snapshotId}:${person.personId}:${service.code}`,
        personId: person.personId,
        snapshotId,
      },
      firstEvent(event, actor, reason),
      now,
    );
    if (r.created)
      await audit(tx, actor, now, 'case.proactive', 'case', r.row.id, {
        snapshotId,
        personId: person.personId,
        serviceCode: service.code,
        officeCode: r.row.officeCode,
        applicantId: r.row.applicantId,
        entitlement: r.row.entitlement.outcome,
      });
    return r;
  });
  return { case: toCaseView(result.row, viewer, today, calendar, false), created: result.created };
}
