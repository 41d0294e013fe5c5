/**
 * The one-stop case API as the browser reads it (GET /api/cases, GET /api/cases/:id; docs/api.md).
 * Written out here because the web layer may not import the app layer; the fields added by the
 * attachments, escalation and proactive-case work are optional so the pages work before and after.
 */
import type { CaseAction, CaseState } from '../../../domain/cases/case-machine-definition.ts';
import type { TraceNode } from '../../../domain/entitlements/evaluate.ts';

export interface DeadlineFlagsView {
  due: string;
  /** 0 on the due date itself, negative once passed. */
  workingDaysLeft: number;
  overdue: boolean;
  nearDeadline: boolean;
  /** Counted through a year whose holiday notice is not out yet: the date may still move. */
  provisional?: boolean;
}

export interface CaseDeadlinesView {
  decision: DeadlineFlagsView | null;
  /** While a supplement is awaited the clock is paused: the working days that remain. */
  pausedWithWorkingDaysLeft: number | null;
  decidedLate: boolean | null;
  pledgeVerification: DeadlineFlagsView | null;
}

export interface EscalationView {
  kind: 'near' | 'overdue';
  deadline?: 'decision' | 'pledgeVerification';
  at: string;
  due: string;
}

export interface CaseSummary {
  id: string;
  serviceCode: string;
  applicant: { username: string; displayName: string };
  districtCode: string;
  officeCode: string;
  acceptedAtOffice: string | null;
  leadDepartment: string;
  state: CaseState;
  submittedOn: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  deadlines: CaseDeadlinesView;
  allowedActions: CaseAction[];
  entitlement: { outcome: string; date: string; likelyToQualify: boolean };
  escalation?: EscalationView | null;
  origin?: 'application' | 'proactive';
  /** A proactive case's synthetic person (SYN-…). */
  personId?: string | null;
  /** When the applicant signed the pledge (告知承诺书) with the application; null when not. */
  pledgeSigned?: { on: string; textVersion: string } | null;
}

export interface CaseChangeView {
  field: string;
  before: unknown;
  after: unknown;
}

export interface CaseEventView {
  seq: number;
  /** A state-machine action, 'submit' or 'reassign'. */
  action: string;
  fromState: string | null;
  toState: string;
  actorId: number | null;
  /** The actor's display name, when the API gives it. */
  actorName?: string | null;
  actorRole: string;
  at: string;
  onDate: string;
  reason: string | null;
  changes: CaseChangeView[];
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  material: string | null;
  uploadedBy: { id: number; role: string; displayName: string };
  uploadedAt: string;
}

export interface PledgeView {
  approvedOn: string;
  verificationDue: string;
  outcome: 'verified' | 'revoked' | null;
  outcomeOn: string | null;
}

export interface CaseDetailView extends CaseSummary {
  facts: Record<string, unknown>;
  entitlementTrace: TraceNode | null;
  pledge: PledgeView | null;
  events: CaseEventView[];
  attachments?: AttachmentView[];
  /** Every escalation recorded on the case, oldest first. */
  escalations?: EscalationRecordView[];
  /** The applicant's identity number: in full for the office handling the case (identity check). */
  idNumber?: string | null;
}

export interface EscalationRecordView {
  kind: 'near' | 'overdue';
  deadline: 'decision' | 'pledgeVerification';
  due: string;
  onDate: string;
  officeCode: string;
  addressedTo: 'office' | 'supervisors';
  at: string;
}

/** POST /api/cases/escalations/run */
export interface EscalationRunView {
  onDate: string;
  workingDay: boolean;
  scanned: number;
  near: number;
  overdue: number;
}
