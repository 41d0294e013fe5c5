/** A case as the API shows it: the stored case, its deadlines on today's China date, and what the viewer may do. */
import type { CaseDeadlines } from '../../domain/cases/case-deadlines.ts';
import { caseDeadlines } from '../../domain/cases/case-deadlines.ts';
import type { CaseAction } from '../../domain/cases/case-machine-definition.ts';
import type { CaseActorRef } from '../../domain/cases/case-machine.ts';
import { allowedActions } from '../../domain/cases/case-machine.ts';
import type { WorkingCalendar } from '../../domain/cases/working-days.ts';
import type { CaseEventRow, CaseRow } from '../../store/repositories/case.repository.ts';

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
}

export interface CaseDetail extends CaseView {
  facts: Record<string, unknown>;
  entitlementTrace: unknown;
  pledge: CaseRow['record']['pledge'];
  events: CaseEventRow[];
}

export function toCaseView(
  c: CaseRow,
  viewer: CaseActorRef,
  asOf: string,
  cal: WorkingCalendar,
  mayAct = true,
): CaseView {
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
    deadlines: caseDeadlines(c.record, asOf, cal),
    allowedActions: mayAct ? allowedActions(c.record, viewer) : [],
    entitlement: {
      outcome: c.entitlement.outcome,
      date: c.entitlement.date,
      likelyToQualify: c.entitlement.outcome === 'eligible',
    },
  };
}
