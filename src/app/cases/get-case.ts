/** One case with its history, facts, entitlement trace and the actions open to the viewer. */
import type { Actor } from '../../domain/identity/roles.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { CaseRepository } from '../../store/repositories/case.repository.ts';
import { CaseAttachmentRepository } from '../../store/repositories/case-attachment.repository.ts';
import { CaseEscalationRepository } from '../../store/repositories/case-escalation.repository.ts';
import { toAttachmentView } from './attachment-view.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { caseActorOf, readableCase } from './case-access.ts';
import { caseCalendar } from './case-calendar.ts';
import type { CaseDetail } from './case-view.ts';
import { toCaseView } from './case-view.ts';
import { FIXED_PURPOSES, idNumberFor } from '../../domain/identity/personal-data.ts';
import { personIdNumber, residentIdNumber } from '../privacy/id-numbers.ts';
import { recordReads } from '../privacy/record-read.ts';

/** The case file; `idNumber` is the applicant's (or the person's) identity number, in full only for those handling it. */
export async function getCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<CaseDetail & { idNumber: string | null }> {
  authorize(actor, 'cases.read');
  const who = caseActorOf(actor);
  const c = await readableCase(ctx, actor, caseId);
  const events = await new CaseRepository(ctx.db).events(caseId);
  const escalations = await new CaseEscalationRepository(ctx.db).forCases([caseId]);
  const attachments = await new CaseAttachmentRepository(ctx.db).list(caseId);
  // Staff opening a case file read the applicant's personal data: logged for the resident's tracker.
  await recordReads(
    ctx.db,
    actor,
    [{ userId: c.applicantId, personId: c.personId }],
    { what: 'caseView', purpose: FIXED_PURPOSES.caseHandling, entityId: caseId },
    ctx.clock.now(),
  );
  const idNumber =
    c.applicantId !== null
      ? await residentIdNumber(ctx.db, c.applicantId)
      : personIdNumber(c.personId, c.facts);
  return {
    ...toCaseView(c, who, dateInZone(ctx.clock.now()), await caseCalendar(ctx), true, escalations),
    facts: c.facts,
    entitlementTrace: c.entitlement.trace,
    pledge: c.record.pledge,
    // Staff see who acted; an applicant sees the role only (their own name aside), as on a paper notice.
    events:
      actor.role === 'resident'
        ? events.map((e) => (e.actorId === actor.id ? e : { ...e, actorName: null }))
        : events,
    attachments: attachments.map(toAttachmentView),
    escalations,
    // readableCase let staff in only at the office handling the case.
    idNumber: idNumberFor(
      idNumber,
      { role: actor.role, isSubject: actor.id === c.applicantId, handlesCase: actor.role !== 'resident' },
      'caseView',
    ),
  };
}
