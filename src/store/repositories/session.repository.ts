/** Sign-in sessions, stored by the SHA-256 of their token so a database leak yields no usable cookie. */
import type { Db } from '../db.ts';

export class SessionRepository {
  constructor(private readonly db: Db) {}

  async create(tokenHash: string, userId: number, at: Date, expiresAt: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, userId, at.toISOString(), expiresAt.toISOString()],
    );
  }

  /** The user id of a live session, or null when unknown or expired. */
  async findUserId(tokenHash: string, now: Date): Promise<number | null> {
    const r = await this.db.query<{ userId: number }>(
      'SELECT user_id AS "userId" FROM sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now.toISOString()],
    );
    return r.rows[0]?.userId ?? null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [now.toISOString()]);
  }
}
