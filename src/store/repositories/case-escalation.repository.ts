/**
 * Escalations of near-deadline and overdue cases (migration 0014), each recorded once per (case, kind,
 * deadline, due date): a second run inserts nothing (ON CONFLICT DO NOTHING), also when two runs race.
 * And the cases a run looks at: open ones and pledge approvals awaiting verification.
 */
import type { CaseRecord } from '../../domain/cases/case-machine.ts';
import type { EscalationDeadline, EscalationKind } from '../../domain/cases/case-escalation.ts';
import type { Db } from '../db.ts';

export interface EscalationRow {
  caseId: string;
  kind: EscalationKind;
  deadline: EscalationDeadline;
  due: string;
  onDate: string;
  officeCode: string;
  addressedTo: 'office' | 'supervisors';
  /** When it was recorded (ISO date-time). */
  at: string;
}

const COLUMNS = `case_id AS "caseId", kind, deadline, due::text AS due, on_date::text AS "onDate",
  office_code AS "officeCode", addressed_to AS "addressedTo", created_at AS at`;

function normalize(r: EscalationRow): EscalationRow {
  return { ...r, at: new Date(r.at).toISOString() };
}

export interface EscalationCandidate {
  id: string;
  officeCode: string;
  record: CaseRecord;
}

export class CaseEscalationRepository {
  constructor(private readonly db: Db) {}

  /** The cases in `states`, with what the escalation decision needs. */
  async casesInStates(states: readonly string[]): Promise<EscalationCandidate[]> {
    const r = await this.db.query<EscalationCandidate>(
      `SELECT id, office_code AS "officeCode", record FROM cases WHERE state = ANY($1::text[]) ORDER BY id`,
      [states],
    );
    return r.rows;
  }

  /** Record one escalation unless it is recorded already; true when it is new. */
  async record(e: Omit<EscalationRow, 'at'>, at: Date): Promise<boolean> {
    const r = await this.db.query(
      `INSERT INTO case_escalations (case_id, kind, deadline, due, on_date, office_code, addressed_to, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id, kind, deadline, due) DO NOTHING
       RETURNING id`,
      [e.caseId, e.kind, e.deadline, e.due, e.onDate, e.officeCode, e.addressedTo, at.toISOString()],
    );
    return r.rows.length === 1;
  }

  /** The escalations of the given cases, oldest first. */
  async forCases(caseIds: readonly string[]): Promise<EscalationRow[]> {
    if (caseIds.length === 0) return [];
    const r = await this.db.query<EscalationRow>(
      `SELECT ${COLUMNS} FROM case_escalations WHERE case_id = ANY($1::text[]) ORDER BY created_at, id`,
      [caseIds],
    );
    return r.rows.map(normalize);
  }
}
