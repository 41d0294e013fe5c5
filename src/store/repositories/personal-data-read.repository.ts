/**
 * The personal-data read log (migration 0019): who among the staff read whose data, when, why and
 * what. Appended to only. Also the identity numbers residents state at sign-up.
 */
import type { Role } from '../../domain/identity/roles.ts';
import type { ReadKind } from '../../domain/identity/personal-data.ts';
import type { Db } from '../db.ts';

export interface ReadSubject {
  userId: number | null;
  personId: string | null;
}

export interface ReadReader {
  id: number;
  role: Role;
  officeCode: string | null;
  districtCode: string | null;
  sector: string | null;
}

export interface PersonalDataReadRow {
  id: number;
  at: string;
  subjectUserId: number | null;
  subjectPersonId: string | null;
  readerId: number;
  readerRole: Role;
  readerName: string;
  readerOfficeCode: string | null;
  readerDistrictCode: string | null;
  readerSector: string | null;
  purpose: string;
  what: ReadKind;
  entityId: string | null;
}

/** Whose reads, or whose reading: each part given narrows the list; none given is every read. */
export interface ReadFilter {
  subjectUserId?: number;
  subjectPersonId?: string;
  readerId?: number;
}

const FILTER = `($1::integer IS NULL OR r.subject_user_id = $1)
  AND ($2::text IS NULL OR r.subject_person_id = $2) AND ($3::integer IS NULL OR r.reader_id = $3)`;
const filterParams = (f: ReadFilter) => [
  f.subjectUserId ?? null,
  f.subjectPersonId ?? null,
  f.readerId ?? null,
];

/** Rows per INSERT: an export of 100,000 people is written in pieces of this size. */
const CHUNK = 5_000;

export class PersonalDataReadRepository {
  constructor(private readonly db: Db) {}

  /**
   * One row per subject. A subject given by person id only gets the resident linked to that person
   * (resident_profiles), if any, so that resident's tracker shows the read.
   */
  async record(
    subjects: readonly ReadSubject[],
    reader: ReadReader,
    read: { what: ReadKind; purpose: string; entityId: string | null },
    at: Date,
  ): Promise<void> {
    for (let k = 0; k < subjects.length; k += CHUNK) {
      const part = subjects.slice(k, k + CHUNK);
      await this.db.query(
        `INSERT INTO personal_data_reads (at, subject_user_id, subject_person_id, reader_id, reader_role,
           reader_office_code, reader_district_code, reader_sector, purpose, what, entity_id)
         SELECT $1, coalesce(s.user_id, rp.user_id), s.person_id, $4, $5, $6, $7, $8, $9, $10, $11
         FROM unnest($2::integer[], $3::text[]) WITH ORDINALITY AS s(user_id, person_id, n)
         LEFT JOIN resident_profiles rp ON s.user_id IS NULL AND rp.person_id = s.person_id
         ORDER BY s.n`,
        [
          at.toISOString(),
          part.map((s) => s.userId),
          part.map((s) => s.personId),
          reader.id,
          reader.role,
          reader.officeCode,
          reader.districtCode,
          reader.sector,
          read.purpose,
          read.what,
          read.entityId,
        ],
      );
    }
  }

  async count(f: ReadFilter): Promise<number> {
    const r = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM personal_data_reads r WHERE ${FILTER}`,
      filterParams(f),
    );
    return r.rows[0]?.n ?? 0;
  }

  /** Reads matching every given part of the filter, newest first. */
  async list(f: ReadFilter, page: { offset: number; limit: number }): Promise<PersonalDataReadRow[]> {
    const r = await this.db.query<PersonalDataReadRow>(
      `SELECT r.id::int AS id, r.at, r.subject_user_id AS "subjectUserId",
         r.subject_person_id AS "subjectPersonId", r.reader_id AS "readerId", r.reader_role AS "readerRole",
         u.display_name AS "readerName", r.reader_office_code AS "readerOfficeCode",
         r.reader_district_code AS "readerDistrictCode", r.reader_sector AS "readerSector",
         r.purpose, r.what, r.entity_id AS "entityId"
       FROM personal_data_reads r JOIN users u ON u.id = r.reader_id
       WHERE ${FILTER} ORDER BY r.at DESC, r.id DESC OFFSET $4 LIMIT $5`,
      [...filterParams(f), page.offset, page.limit],
    );
    return r.rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }

  async setIdNumber(userId: number, idNumber: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO resident_id_numbers (user_id, id_number, recorded_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET id_number = EXCLUDED.id_number, recorded_at = EXCLUDED.recorded_at`,
      [userId, idNumber, at.toISOString()],
    );
  }

  async idNumberOf(userId: number): Promise<string | null> {
    const r = await this.db.query<{ idNumber: string }>(
      'SELECT id_number AS "idNumber" FROM resident_id_numbers WHERE user_id = $1',
      [userId],
    );
    return r.rows[0]?.idNumber ?? null;
  }
}
