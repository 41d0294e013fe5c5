/**
 * One-stop cases and their events (migration 0013). A case row holds the domain's CaseRecord as
 * JSON plus the columns the queue filters on; every write adds one event in the same transaction,
 * and event `seq` equals the case's revision after the write, so the history has no gaps. A write
 * names the revision it read: if another clerk acted first, nothing is written ('conflict').
 */
import type { CaseRecord } from '../../domain/cases/case-machine.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { Db } from '../db.ts';

export interface CaseApplicant {
  username: string;
  displayName: string;
}

export interface EntitlementAtSubmission {
  date: string;
  outcome: string;
  ruleFrom: string;
  missing: string[];
  trace: unknown;
}

export type CaseOrigin = 'application' | 'proactive';

export interface CaseRow {
  id: string;
  serviceCode: string;
  /** The resident who applied, or for a proactive case the resident linked to the person (if any). */
  applicantId: number | null;
  applicant: CaseApplicant;
  districtCode: string;
  officeCode: string;
  acceptedAtOffice: string | null;
  leadDepartment: string;
  state: string;
  record: CaseRecord;
  facts: Record<string, unknown>;
  entitlement: EntitlementAtSubmission;
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
  /** 'proactive': opened by an officer from a work-list entry (主动服务), migration 0015. */
  origin: CaseOrigin;
  /** The person of the records (SYN-… in the synthetic population) a proactive case is about. */
  personId: string | null;
  snapshotId: number | null;
}

export interface CaseEventRow {
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorId: number | null;
  actorRole: string;
  /** The acting user's display name as it is now (null for the system); shown to staff, not stored. */
  actorName: string | null;
  at: string;
  onDate: string;
  reason: string | null;
  changes: unknown[];
}

/** What a write records as the case's next event (seq is the new revision). */
export type NewCaseEvent = Omit<CaseEventRow, 'seq' | 'actorName'>;

const COLUMNS = `id, service_code AS "serviceCode", applicant_id AS "applicantId", applicant,
  district_code AS "districtCode", office_code AS "officeCode", accepted_at_office AS "acceptedAtOffice",
  lead_department AS "leadDepartment", state, record, facts, entitlement,
  idempotency_key AS "idempotencyKey", created_at AS "createdAt", updated_at AS "updatedAt", revision,
  origin, person_id AS "personId", snapshot_id AS "snapshotId"`;

/**
 * The same for lists (the office queue): without the facts and the entitlement trace, which only the
 * case view shows and which are most of a row's size; reading them for every queued case made each
 * queue read cost tens of milliseconds.
 */
const LIST_COLUMNS = COLUMNS.replace(
  'facts, entitlement,',
  `'{}'::jsonb AS facts, entitlement - 'trace' AS entitlement,`,
);

const EVENT_COLUMNS = `e.seq, e.action, e.from_state AS "fromState", e.to_state AS "toState",
  e.actor_id AS "actorId", e.actor_role AS "actorRole", u.display_name AS "actorName", e.at,
  e.on_date::text AS "onDate", e.reason, e.changes`;

function normalize(r: CaseRow): CaseRow {
  return {
    ...r,
    // A record stored before the applicant could sign a pledge has no pledgeSigned: it reads as null.
    record: { ...r.record, pledgeSigned: r.record.pledgeSigned ?? null },
    snapshotId: r.snapshotId === null || r.snapshotId === undefined ? null : Number(r.snapshotId),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** What a new case is written with; the database sets the times, the revision and the origin. */
export type NewCase = Omit<
  CaseRow,
  'createdAt' | 'updatedAt' | 'revision' | 'acceptedAtOffice' | 'origin' | 'personId' | 'snapshotId'
>;

export interface QueueFilter {
  officeCode: string;
  serviceCode?: string;
  districtCode?: string;
  state?: string;
}

export class CaseRepository {
  constructor(private readonly db: Db) {}

  /**
   * Insert a new case and its submission event, unless the applicant already has a case under the
   * same idempotency key: then return that one (`created: false`). Safe under concurrent calls: the
   * UNIQUE (applicant_id, idempotency_key) decides, and a losing insert writes nothing.
   */
  async insert(
    c: NewCase & { applicantId: number },
    event: NewCaseEvent,
    at: Date,
  ): Promise<{ row: CaseRow; created: boolean }> {
    const row = await this.insertUnlessExists(
      c,
      null,
      'ON CONFLICT (applicant_id, idempotency_key) DO NOTHING',
      at,
    );
    if (row) {
      await this.insertEvent(row.id, 1, event);
      return { row, created: true };
    }
    const existing = await this.findByIdempotencyKey(c.applicantId, c.idempotencyKey);
    if (!existing)
      throw new FuwuError(
        'conflict',
        '重复提交正在处理中，请稍后重试',
        'a duplicate submission is in progress; retry',
      );
    return { row: existing, created: false };
  }

  /**
   * Insert a proactive case (主动服务) and its first event, unless one exists for the same snapshot,
   * person and service (the partial unique index cases_proactive_once decides, also under concurrent
   * presses): then return that one (`created: false`).
   */
  async insertProactive(
    c: NewCase & { personId: string; snapshotId: number },
    event: NewCaseEvent,
    at: Date,
  ): Promise<{ row: CaseRow; created: boolean }> {
    const row = await this.insertUnlessExists(
      c,
      { personId: c.personId, snapshotId: c.snapshotId },
      "ON CONFLICT (snapshot_id, person_id, service_code) WHERE origin = 'proactive' DO NOTHING",
      at,
    );
    if (row) {
      await this.insertEvent(row.id, 1, event);
      return { row, created: true };
    }
    const existing = await this.findProactive(c.snapshotId, c.personId, c.serviceCode);
    if (!existing)
      throw new FuwuError(
        'conflict',
        '同一办件正在创建中，请稍后重试',
        'the same case is being opened; retry',
      );
    return { row: existing, created: false };
  }

  /** The one INSERT of a case, an application's or a proactive one; null when `onConflict` kept it out. */
  private async insertUnlessExists(
    c: NewCase,
    proactive: { personId: string; snapshotId: number } | null,
    onConflict: string,
    at: Date,
  ): Promise<CaseRow | null> {
    const r = await this.db.query<CaseRow>(
      `INSERT INTO cases (id, service_code, applicant_id, applicant, district_code, office_code,
         lead_department, state, record, facts, entitlement, idempotency_key, created_at, updated_at, revision,
         origin, person_id, snapshot_id)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13, $13, 1,
         $14, $15, $16)
       ${onConflict}
       RETURNING ${COLUMNS}`,
      [
        c.id,
        c.serviceCode,
        c.applicantId,
        JSON.stringify(c.applicant),
        c.districtCode,
        c.officeCode,
        c.leadDepartment,
        c.state,
        JSON.stringify(c.record),
        JSON.stringify(c.facts),
        JSON.stringify(c.entitlement),
        c.idempotencyKey,
        at.toISOString(),
        proactive ? 'proactive' : 'application',
        proactive?.personId ?? null,
        proactive?.snapshotId ?? null,
      ],
    );
    const row = r.rows[0];
    return row ? normalize(row) : null;
  }

  async findProactive(snapshotId: number, personId: string, serviceCode: string): Promise<CaseRow | null> {
    const r = await this.db.query<CaseRow>(
      `SELECT ${COLUMNS} FROM cases
       WHERE origin = 'proactive' AND snapshot_id = $1 AND person_id = $2 AND service_code = $3`,
      [snapshotId, personId, serviceCode],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  async findByIdempotencyKey(applicantId: number, key: string): Promise<CaseRow | null> {
    const r = await this.db.query<CaseRow>(
      `SELECT ${COLUMNS} FROM cases WHERE applicant_id = $1 AND idempotency_key = $2`,
      [applicantId, key],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  async findById(id: string): Promise<CaseRow | null> {
    const r = await this.db.query<CaseRow>(`SELECT ${COLUMNS} FROM cases WHERE id = $1`, [id]);
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  async listByApplicant(applicantId: number): Promise<CaseRow[]> {
    const r = await this.db.query<CaseRow>(
      `SELECT ${COLUMNS} FROM cases WHERE applicant_id = $1 ORDER BY created_at DESC, id`,
      [applicantId],
    );
    return r.rows.map(normalize);
  }

  /** An office's cases: routed to it, or accepted there (全域通办). */
  async listForOffice(f: QueueFilter): Promise<CaseRow[]> {
    const r = await this.db.query<CaseRow>(
      `SELECT ${LIST_COLUMNS} FROM cases
       WHERE (office_code = $1 OR accepted_at_office = $1)
         AND ($2::text IS NULL OR service_code = $2)
         AND ($3::text IS NULL OR district_code = $3)
         AND ($4::text IS NULL OR state = $4)
       ORDER BY created_at, id`,
      [f.officeCode, f.serviceCode ?? null, f.districtCode ?? null, f.state ?? null],
    );
    return r.rows.map(normalize);
  }

  async events(caseId: string): Promise<CaseEventRow[]> {
    const r = await this.db.query<CaseEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.case_id = $1 ORDER BY e.seq`,
      [caseId],
    );
    return r.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }

  /**
   * Write the case's new state and its event, if the case is still at `expectedRevision`; call inside
   * a transaction. A stale revision writes nothing and throws 'conflict'.
   */
  async update(
    id: string,
    expectedRevision: number,
    next: { state: string; record: CaseRecord; officeCode: string; acceptedAtOffice: string | null },
    event: NewCaseEvent,
    at: Date,
  ): Promise<CaseRow> {
    const r = await this.db.query<CaseRow>(
      `UPDATE cases SET state = $3, record = $4::jsonb, office_code = $5, accepted_at_office = $6,
         updated_at = $7, revision = revision + 1
       WHERE id = $1 AND revision = $2
       RETURNING ${COLUMNS}`,
      [
        id,
        expectedRevision,
        next.state,
        JSON.stringify(next.record),
        next.officeCode,
        next.acceptedAtOffice,
        at.toISOString(),
      ],
    );
    const row = r.rows[0];
    if (!row)
      throw new FuwuError(
        'conflict',
        `案件 ${id} 已被他人更新（您看到的是第 ${expectedRevision} 版），请刷新后重试`,
        `case ${id} was changed by someone else (you saw revision ${expectedRevision}); reload and retry`,
        [{ field: 'expectedRevision', zh: '版本已过期', en: 'stale revision' }],
      );
    await this.insertEvent(id, row.revision, event);
    return normalize(row);
  }

  private async insertEvent(caseId: string, seq: number, e: NewCaseEvent): Promise<void> {
    await this.db.query(
      `INSERT INTO case_events (case_id, seq, action, from_state, to_state, actor_id, actor_role, at, on_date,
         reason, changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`,
      [
        caseId,
        seq,
        e.action,
        e.fromState,
        e.toState,
        e.actorId,
        e.actorRole,
        e.at,
        e.onDate,
        e.reason,
        JSON.stringify(e.changes),
      ],
    );
  }
}
