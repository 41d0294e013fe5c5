/** Users and their roles and scopes. Password hashes only; the app hashes and verifies. */
import type { Db } from '../db.ts';

import type { Role } from '../../domain/identity/roles.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  sector: string | null;
  districtCode: string | null;
  /** The office (O-<area code>) of a case worker or supervisor (migration 0013); null for others. */
  officeCode: string | null;
  disabled: boolean;
}

const COLUMNS = `id, username, display_name AS "displayName", password_hash AS "passwordHash", role, sector,
  district_code AS "districtCode", office_code AS "officeCode", disabled`;

export class UserRepository {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const r = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return r.rows[0]?.n ?? 0;
  }

  async findByUsername(username: string): Promise<UserRow | null> {
    const r = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
    return r.rows[0] ?? null;
  }

  async findById(id: number): Promise<UserRow | null> {
    const r = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return r.rows[0] ?? null;
  }

  async list(): Promise<UserRow[]> {
    return (await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY id`)).rows;
  }

  async create(
    u: Omit<UserRow, 'id' | 'disabled' | 'officeCode'> & { officeCode?: string | null },
    at: Date,
  ): Promise<UserRow> {
    const r = await this.db.query<UserRow>(
      `INSERT INTO users (username, display_name, password_hash, role, sector, district_code, office_code, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        u.username,
        u.displayName,
        u.passwordHash,
        u.role,
        u.sector,
        u.districtCode,
        u.officeCode ?? null,
        at.toISOString(),
      ],
    );
    return r.rows[0] as UserRow;
  }

  async setPassword(id: number, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }

  /** Disable or re-enable an account; disabling also ends its sessions. */
  async setDisabled(id: number, disabled: boolean): Promise<void> {
    await this.db.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled]);
    if (disabled) await this.db.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  }

  /** End every session of a user but one (after a password change). */
  async endSessions(id: number, exceptTokenHash: string | null): Promise<void> {
    await this.db.query(
      'DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> $2)',
      [id, exceptTokenHash],
    );
  }
}
