/**
 * Residents linked to the facts the government already holds (migration 0015): one profile per
 * resident, one resident per person. Relinking writes the new content and bumps the revision; the
 * caller records the previous content in `revisions`.
 */
import type { Db } from '../db.ts';

export interface ProfileSource {
  kind: 'syntheticPopulation';
  snapshotId: number;
  seed: number;
  size: number;
  onDate: string;
}

export interface ResidentProfileRow {
  userId: number;
  personId: string;
  facts: Record<string, unknown>;
  source: ProfileSource;
  synthetic: boolean;
  linkedAt: string;
  linkedBy: string;
  revision: number;
}

const COLUMNS = `user_id AS "userId", person_id AS "personId", facts, source, synthetic,
  linked_at AS "linkedAt", linked_by AS "linkedBy", revision`;

const normalize = (r: ResidentProfileRow): ResidentProfileRow => ({
  ...r,
  linkedAt: new Date(r.linkedAt).toISOString(),
});

export class ResidentProfileRepository {
  constructor(private readonly db: Db) {}

  async findByUser(userId: number): Promise<ResidentProfileRow | null> {
    const r = await this.db.query<ResidentProfileRow>(
      `SELECT ${COLUMNS} FROM resident_profiles WHERE user_id = $1`,
      [userId],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  async findByPerson(personId: string): Promise<ResidentProfileRow | null> {
    const r = await this.db.query<ResidentProfileRow>(
      `SELECT ${COLUMNS} FROM resident_profiles WHERE person_id = $1`,
      [personId],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  /** The persons of `candidates` already linked to someone. */
  async linkedAmong(personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const r = await this.db.query<{ personId: string }>(
      `SELECT person_id AS "personId" FROM resident_profiles WHERE person_id = ANY($1::text[])`,
      [personIds],
    );
    return new Set(r.rows.map((x) => x.personId));
  }

  /**
   * Link (or relink) a resident: insert the profile, or replace its content and bump the revision.
   * The person may belong to one resident only (UNIQUE person_id: a clash is a database error the
   * caller checks for first, under the same transaction).
   */
  async upsert(p: Omit<ResidentProfileRow, 'revision' | 'linkedAt'>, at: Date): Promise<ResidentProfileRow> {
    const r = await this.db.query<ResidentProfileRow>(
      `INSERT INTO resident_profiles (user_id, person_id, facts, source, synthetic, linked_at, linked_by, revision)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, 1)
       ON CONFLICT (user_id) DO UPDATE SET person_id = EXCLUDED.person_id, facts = EXCLUDED.facts,
         source = EXCLUDED.source, synthetic = EXCLUDED.synthetic, linked_at = EXCLUDED.linked_at,
         linked_by = EXCLUDED.linked_by, revision = resident_profiles.revision + 1
       RETURNING ${COLUMNS}`,
      [
        p.userId,
        p.personId,
        JSON.stringify(p.facts),
        JSON.stringify(p.source),
        p.synthetic,
        at.toISOString(),
        p.linkedBy,
      ],
    );
    return normalize(r.rows[0]!);
  }

  /** Replace the held facts (e.g. a contact number recorded at a counter), bumping the revision. */
  async setFacts(userId: number, facts: Record<string, unknown>): Promise<void> {
    await this.db.query(
      `UPDATE resident_profiles SET facts = $2::jsonb, revision = revision + 1 WHERE user_id = $1`,
      [userId, JSON.stringify(facts)],
    );
  }

  /** How many distinct people are on a snapshot's 应享未享 (gap) list. */
  async countGapPeople(snapshotId: number): Promise<number> {
    const r = await this.db.query<{ n: string }>(
      `SELECT count(DISTINCT person_index) AS n FROM entitlement_worklist_items
       WHERE snapshot_id = $1 AND kind = 'gap'`,
      [snapshotId],
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** People of a snapshot's gap list in person order, from `offset`. */
  async gapPeople(snapshotId: number, offset: number, limit: number): Promise<number[]> {
    const r = await this.db.query<{ p: number }>(
      `SELECT DISTINCT person_index AS p FROM entitlement_worklist_items
       WHERE snapshot_id = $1 AND kind = 'gap' ORDER BY person_index OFFSET $2 LIMIT $3`,
      [snapshotId, offset, limit],
    );
    return r.rows.map((x) => Number(x.p));
  }
}
