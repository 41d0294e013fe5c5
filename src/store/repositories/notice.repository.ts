/**
 * The notices outbox (migration 0015): notices, and one delivery row per notice and channel.
 * Proactive notices are inserted in batches with ON CONFLICT DO NOTHING against the unique index
 * (person, service, snapshot, kind), so a second press or two officers at once never make a second
 * notice. Dispatchers claim due deliveries with FOR UPDATE SKIP LOCKED and a lease (next_attempt_at
 * moved forward), so two at once never take the same row; every outcome is written only by the
 * dispatcher that holds the claim (attempts as the claim's token).
 */
import type { Bilingual, DeliveryStatus, NoticeKind } from '../../domain/notices/notice.ts';
import type { Db } from '../db.ts';

export interface NewNotice {
  personId: string | null;
  userId: number | null;
  serviceCode: string;
  snapshotId: number | null;
  caseId: string | null;
  kind: NoticeKind;
  title: Bilingual;
  body: Bilingual;
}

export interface NoticeRow extends NewNotice {
  id: number;
  createdBy: string;
  createdAt: string;
  readAt: string | null;
}

export interface DeliveryRow {
  noticeId: number;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  externalId: string | null;
}

export interface ClaimedDelivery {
  noticeId: number;
  channel: string;
  /** The attempt this claim is (1 for the first): the token the outcome is written under. */
  attempts: number;
}

const COLUMNS = `id, person_id AS "personId", user_id AS "userId", service_code AS "serviceCode",
  snapshot_id AS "snapshotId", case_id AS "caseId", kind, title, body, created_by AS "createdBy",
  created_at AS "createdAt", read_at AS "readAt"`;

const DELIVERY_COLUMNS = `notice_id AS "noticeId", channel, status, attempts, next_attempt_at AS "nextAttemptAt",
  last_error AS "lastError", sent_at AS "sentAt", external_id AS "externalId"`;

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function normalize(r: NoticeRow): NoticeRow {
  return {
    ...r,
    id: Number(r.id),
    snapshotId: r.snapshotId === null ? null : Number(r.snapshotId),
    createdAt: new Date(r.createdAt).toISOString(),
    readAt: iso(r.readAt),
  };
}

function normalizeDelivery(r: DeliveryRow): DeliveryRow {
  return {
    ...r,
    noticeId: Number(r.noticeId),
    nextAttemptAt: new Date(r.nextAttemptAt).toISOString(),
    sentAt: iso(r.sentAt),
  };
}

export class NoticeRepository {
  constructor(private readonly db: Db) {}

  /**
   * Insert notices (one statement) and a pending delivery per channel for each one inserted; a
   * proactive notice already there is skipped. Returns the ids inserted. Call inside a transaction.
   */
  async insertMany(
    notices: readonly NewNotice[],
    channels: readonly string[],
    createdBy: string,
    at: Date,
  ): Promise<number[]> {
    if (notices.length === 0) return [];
    const r = await this.db.query<{ id: string }>(
      `INSERT INTO notices (person_id, user_id, service_code, snapshot_id, case_id, kind, title, body,
         created_by, created_at)
       SELECT x."personId", x."userId", x."serviceCode", x."snapshotId", x."caseId", x.kind, x.title, x.body, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS x("personId" text, "userId" int, "serviceCode" text,
         "snapshotId" bigint, "caseId" text, kind text, title jsonb, body jsonb)
       ON CONFLICT (person_id, service_code, snapshot_id, kind) WHERE kind <> 'caseUpdate' DO NOTHING
       RETURNING id`,
      [JSON.stringify(notices), createdBy, at.toISOString()],
    );
    const ids = r.rows.map((x) => Number(x.id));
    if (ids.length > 0)
      await this.db.query(
        `INSERT INTO notice_deliveries (notice_id, channel, status, attempts, next_attempt_at)
         SELECT n, c, 'pending', 0, $3 FROM unnest($1::bigint[]) AS n CROSS JOIN unnest($2::text[]) AS c`,
        [ids, channels, at.toISOString()],
      );
    return ids;
  }

  /** A resident's notices (addressed to their account, or to the person they are linked to), newest first. */
  async listFor(userId: number, personId: string | null, limit = 200): Promise<NoticeRow[]> {
    const r = await this.db.query<NoticeRow>(
      `SELECT ${COLUMNS} FROM notices WHERE user_id = $1 OR ($2::text IS NOT NULL AND person_id = $2)
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [userId, personId, limit],
    );
    return r.rows.map(normalize);
  }

  async countUnread(userId: number, personId: string | null): Promise<number> {
    const r = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notices
       WHERE (user_id = $1 OR ($2::text IS NOT NULL AND person_id = $2)) AND read_at IS NULL`,
      [userId, personId],
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Mark one of the resident's notices read (the first reading counts); null when it is not theirs. */
  async markRead(id: number, userId: number, personId: string | null, at: Date): Promise<NoticeRow | null> {
    const r = await this.db.query<NoticeRow>(
      `UPDATE notices SET read_at = COALESCE(read_at, $4)
       WHERE id = $1 AND (user_id = $2 OR ($3::text IS NOT NULL AND person_id = $3))
       RETURNING ${COLUMNS}`,
      [id, userId, personId, at.toISOString()],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  async findByIds(ids: readonly number[]): Promise<NoticeRow[]> {
    if (ids.length === 0) return [];
    const r = await this.db.query<NoticeRow>(`SELECT ${COLUMNS} FROM notices WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    return r.rows.map(normalize);
  }

  async deliveries(noticeId: number): Promise<DeliveryRow[]> {
    const r = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM notice_deliveries WHERE notice_id = $1 ORDER BY channel`,
      [noticeId],
    );
    return r.rows.map(normalizeDelivery);
  }

  /**
   * Claim up to `limit` pending deliveries due at `now`: one statement that locks the rows it takes
   * (SKIP LOCKED: rows another dispatcher holds are passed over, never waited for), counts the
   * attempt and moves next_attempt_at to `leaseUntil`, so after commit the rows are no longer due.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const r = await this.db.query<ClaimedDelivery>(
      `UPDATE notice_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
       FROM (SELECT notice_id, channel FROM notice_deliveries
             WHERE status = 'pending' AND next_attempt_at <= $1
             ORDER BY next_attempt_at, notice_id, channel LIMIT $3
             FOR UPDATE SKIP LOCKED) due
       WHERE d.notice_id = due.notice_id AND d.channel = due.channel
       RETURNING d.notice_id AS "noticeId", d.channel, d.attempts`,
      [now.toISOString(), leaseUntil.toISOString(), limit],
    );
    return r.rows.map((x) => ({ ...x, noticeId: Number(x.noticeId) }));
  }

  /** Record a claim's outcome, if the claim is still ours (same attempt, still pending). */
  async finish(
    c: ClaimedDelivery,
    outcome:
      | { status: 'sent'; externalId: string | null; at: Date }
      | { status: 'notApplicable'; reason: string }
      | { status: 'pending' | 'failed'; error: string; nextAttemptAt: Date },
  ): Promise<boolean> {
    const params: unknown[] = [c.noticeId, c.channel, c.attempts, outcome.status];
    let set: string;
    if (outcome.status === 'sent') {
      set = 'sent_at = $5, external_id = $6, last_error = NULL';
      params.push(outcome.at.toISOString(), outcome.externalId);
    } else if (outcome.status === 'notApplicable') {
      set = 'last_error = $5';
      params.push(outcome.reason);
    } else {
      set = 'last_error = $5, next_attempt_at = $6';
      params.push(outcome.error.slice(0, 500), outcome.nextAttemptAt.toISOString());
    }
    const r = await this.db.query(
      `UPDATE notice_deliveries SET status = $4, ${set}
       WHERE notice_id = $1 AND channel = $2 AND attempts = $3 AND status = 'pending'
       RETURNING notice_id`,
      params,
    );
    return r.rows.length > 0;
  }

  /** A person's entry on a snapshot's work list of one service (gap or recheck), or null. */
  async worklistEntry(
    snapshotId: number,
    serviceCode: string,
    personIndex: number,
  ): Promise<{ kind: 'gap' | 'recheck'; districtCode: string } | null> {
    const r = await this.db.query<{ kind: 'gap' | 'recheck'; districtCode: string }>(
      `SELECT kind, district_code AS "districtCode" FROM entitlement_worklist_items
       WHERE snapshot_id = $1 AND service_code = $2 AND person_index = $3 ORDER BY kind LIMIT 1`,
      [snapshotId, serviceCode, personIndex],
    );
    return r.rows[0] ?? null;
  }

  /**
   * One notice per work-list entry matching the filter (one statement: the entries, the linked
   * resident if any, the notices and their deliveries), skipping those already notified. Returns how
   * many entries matched and how many notices were made. Call inside a transaction.
   */
  async notifyWorklist(
    f: {
      snapshotId: number;
      serviceCode: string;
      kind: 'gap' | 'recheck';
      districtCodes: readonly string[] | null;
      personIndex: number | null;
    },
    content: { kind: NoticeKind; title: Bilingual; body: Bilingual },
    channels: readonly string[],
    createdBy: string,
    at: Date,
  ): Promise<{ matched: number; created: number }> {
    // The synthetic person id (syntheticPersonId): SYN- and the index, at least 7 digits.
    const personId = `'SYN-' || CASE WHEN length(w.person_index::text) >= 7 THEN w.person_index::text
      ELSE lpad(w.person_index::text, 7, '0') END`;
    const r = await this.db.query<{ matched: string; created: string }>(
      `WITH src AS (
         SELECT ${personId} AS person_id FROM entitlement_worklist_items w
         WHERE w.snapshot_id = $1 AND w.service_code = $2 AND w.kind = $3
           AND ($4::text[] IS NULL OR w.district_code = ANY($4::text[]))
           AND ($5::int IS NULL OR w.person_index = $5)
       ), ins AS (
         INSERT INTO notices (person_id, user_id, service_code, snapshot_id, kind, title, body, created_by, created_at)
         SELECT src.person_id, rp.user_id, $2, $1, $6, $7::jsonb, $8::jsonb, $9, $10
         FROM src LEFT JOIN resident_profiles rp ON rp.person_id = src.person_id
         ON CONFLICT (person_id, service_code, snapshot_id, kind) WHERE kind <> 'caseUpdate' DO NOTHING
         RETURNING id
       ), deliveries AS (
         INSERT INTO notice_deliveries (notice_id, channel, status, attempts, next_attempt_at)
         SELECT ins.id, c, 'pending', 0, $10 FROM ins CROSS JOIN unnest($11::text[]) AS c
         RETURNING notice_id
       )
       SELECT (SELECT count(*) FROM src) AS matched, (SELECT count(*) FROM ins) AS created`,
      [
        f.snapshotId,
        f.serviceCode,
        f.kind,
        f.districtCodes,
        f.personIndex,
        content.kind,
        JSON.stringify(content.title),
        JSON.stringify(content.body),
        createdBy,
        at.toISOString(),
        channels,
      ],
    );
    return { matched: Number(r.rows[0]?.matched ?? 0), created: Number(r.rows[0]?.created ?? 0) };
  }
}
