/** A case as the API shows it: the stored case, its deadlines on today's China date, and what the viewer may do. */
import type { CaseDeadlines } from '../../domain/cases/case-deadlines.ts';
import { caseDeadlines } from '../../domain/cases/case-deadlines.ts';
import type { CaseAction } from '../../domain/cases/case-machine-definition.ts';
import type { CaseActorRef } from '../../domain/cases/case-machine.ts';
import { allowedActions } from '../../domain/cases/case-machine.ts';
import type { WorkingCalendar } from '../../domain/cases/working-days.ts';
import type { CaseEventRow, CaseRow } from '../../store/repositories/case.repository.ts';
import type {
  EscalationDeadline,
  EscalationKind,
  RecordedEscalation,
} from '../../domain/cases/case-escalation.ts';
import { openEscalation } from '../../domain/cases/case-escalation.ts';
import type { EscalationRow } from '../../store/repositories/case-escalation.repository.ts';
import type { AttachmentView } from './attachment-view.ts';

export interface CaseView {
  id: string;
  serviceCode: string;
  applicant: CaseRow['applicant'];
  districtCode: string;
  officeCode: string;
  acceptedAtOffice: string | null;
  leadDepartment: string;
  state: string;
  submittedOn: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  deadlines: CaseDeadlines;
  /** The actions the viewer may take now (an office elsewhere may only accept: see case-access.ts). */
  allowedActions: CaseAction[];
  entitlement: { outcome: string; date: string; likelyToQualify: boolean };
  /** 'proactive': opened by an officer from a work list (主动服务); personId: the person of the records it is about. */
  origin: CaseRow['origin'];
  personId: string | null;
  /** The escalation open on the case (overdue before near), for the queue's badge; null when none. */
  escalation: OpenEscalationView | null;
  /** When the applicant signed the pledge (告知承诺书) and which text; null when they did not. */
  pledgeSigned: CaseRow['record']['pledgeSigned'];
}

export interface OpenEscalationView {
  kind: EscalationKind;
  deadline: EscalationDeadline;
  /** When it was recorded, and the due date it is about. */
  at: string;
  due: string;
}

export interface CaseDetail extends CaseView {
  facts: Record<string, unknown>;
  entitlementTrace: unknown;
  pledge: CaseRow['record']['pledge'];
  events: CaseEventRow[];
  /** The case's files, without their content (GET /api/cases/:id/attachments/:id for the bytes). */
  attachments: AttachmentView[];
  /** Every escalation recorded on the case, oldest first. */
  escalations: EscalationRow[];
}

export function toCaseView(
  c: CaseRow,
  viewer: CaseActorRef,
  asOf: string,
  cal: WorkingCalendar,
  mayAct = true,
  escalations: readonly RecordedEscalation[] = [],
): CaseView {
  const deadlines = caseDeadlines(c.record, asOf, cal);
  const open = openEscalation(escalations, deadlines);
  return {
    id: c.id,
    serviceCode: c.serviceCode,
    applicant: c.applicant,
    districtCode: c.districtCode,
    officeCode: c.officeCode,
    acceptedAtOffice: c.acceptedAtOffice,
    leadDepartment: c.leadDepartment,
    state: c.state,
    submittedOn: c.record.submittedOn,
    revision: c.revision,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deadlines,
    allowedActions: mayAct ? allowedActions(c.record, viewer) : [],
    entitlement: {
      outcome: c.entitlement.outcome,
      date: c.entitlement.date,
      likelyToQualify: c.entitlement.outcome === 'eligible',
    },
    origin: c.origin,
    personId: c.personId,
    escalation: open && { kind: open.kind, deadline: open.deadline, at: open.at, due: open.due },
    pledgeSigned: c.record.pledgeSigned,
  };
}
