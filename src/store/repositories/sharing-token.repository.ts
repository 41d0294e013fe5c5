/** Data-sharing tokens (一网通享): stored by the SHA-256 of their secret, never the secret itself. */
import type { ShareGrant, ShareScope } from '../../domain/sharing/token-rules.ts';
import type { Sector } from '../../domain/plan/pack.schema.ts';
import type { Db } from '../db.ts';

export interface ShareTokenRow {
  id: number;
  name: string;
  ownerSystem: string;
  grants: ShareGrant[];
  scope: ShareScope;
  secretHash: string;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** A token with how it has been used, for the admin list. */
export interface ShareTokenUsageRow extends ShareTokenRow {
  calls: number;
  refusedCalls: number;
  lastUsedAt: Date | null;
}

interface RawRow {
  id: number;
  name: string;
  ownerSystem: string;
  grants: ShareGrant[] | string;
  districtCode: string | null;
  sector: string | null;
  secretHash: string;
  createdAt: string | Date;
  createdBy: string;
  expiresAt: string | Date;
  revokedAt: string | Date | null;
  revokedBy: string | null;
}

const COLUMNS = `t.id, t.name, t.owner_system AS "ownerSystem", t.grants, t.district_code AS "districtCode",
  t.sector, t.secret_hash AS "secretHash", t.created_at AS "createdAt", t.created_by AS "createdBy",
  t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", t.revoked_by AS "revokedBy"`;

const toRow = (r: RawRow): ShareTokenRow => ({
  id: Number(r.id),
  name: r.name,
  ownerSystem: r.ownerSystem,
  grants: typeof r.grants === 'string' ? (JSON.parse(r.grants) as ShareGrant[]) : r.grants,
  scope: { districtCode: r.districtCode, sector: r.sector as Sector | null },
  secretHash: r.secretHash,
  createdAt: new Date(r.createdAt),
  createdBy: r.createdBy,
  expiresAt: new Date(r.expiresAt),
  revokedAt: r.revokedAt ? new Date(r.revokedAt) : null,
  revokedBy: r.revokedBy,
});

export class SharingTokenRepository {
  constructor(private readonly db: Db) {}

  /** The id a new token will have: it is part of the secret, which must be hashed before the insert. */
  async nextId(): Promise<number> {
    const r = await this.db.query<{ id: number | string }>(
      "SELECT nextval(pg_get_serial_sequence('sharing_tokens', 'id')) AS id",
    );
    return Number(r.rows[0]?.id);
  }

  async create(t: Omit<ShareTokenRow, 'revokedAt' | 'revokedBy'>): Promise<ShareTokenRow> {
    await this.db.query(
      `INSERT INTO sharing_tokens (id, name, owner_system, grants, district_code, sector, secret_hash,
         created_at, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        t.id,
        t.name,
        t.ownerSystem,
        JSON.stringify(t.grants),
        t.scope.districtCode,
        t.scope.sector,
        t.secretHash,
        t.createdAt.toISOString(),
        t.createdBy,
        t.expiresAt.toISOString(),
      ],
    );
    return { ...t, revokedAt: null, revokedBy: null };
  }

  async get(id: number): Promise<ShareTokenRow | null> {
    const r = await this.db.query<RawRow>(`SELECT ${COLUMNS} FROM sharing_tokens t WHERE t.id = $1`, [id]);
    return r.rows[0] ? toRow(r.rows[0]) : null;
  }

  async findByName(name: string): Promise<ShareTokenRow | null> {
    const r = await this.db.query<RawRow>(`SELECT ${COLUMNS} FROM sharing_tokens t WHERE t.name = $1`, [
      name,
    ]);
    return r.rows[0] ? toRow(r.rows[0]) : null;
  }

  /** Every token, newest first, with its call counts and last use. */
  async listWithUsage(): Promise<ShareTokenUsageRow[]> {
    const r = await this.db.query<
      RawRow & { calls: number | string; refusedCalls: number | string; lastUsedAt: string | Date | null }
    >(
      `SELECT ${COLUMNS}, count(c.id) AS calls,
         count(c.id) FILTER (WHERE c.status >= 400) AS "refusedCalls", max(c.at) AS "lastUsedAt"
       FROM sharing_tokens t LEFT JOIN sharing_calls c ON c.token_id = t.id
       GROUP BY t.id ORDER BY t.id DESC`,
    );
    return r.rows.map((row) => ({
      ...toRow(row),
      calls: Number(row.calls),
      refusedCalls: Number(row.refusedCalls),
      lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt) : null,
    }));
  }

  /** Revoke once: a second revocation changes nothing and returns false. */
  async revoke(id: number, at: Date, by: string): Promise<boolean> {
    const r = await this.db.query<{ id: number }>(
      'UPDATE sharing_tokens SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, at.toISOString(), by],
    );
    return r.rows.length > 0;
  }
}
