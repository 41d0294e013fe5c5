/**
 * Sign-in and sign-up attempts (migration 0016), the memory behind the lock-out and the per-address
 * limits. An attempt is written before it is checked, so parallel guesses see each other.
 */
import type { Db } from '../db.ts';

export type AttemptKind = 'signIn' | 'signUp';

export class AuthAttemptRepository {
  constructor(private readonly db: Db) {}

  async record(
    kind: AttemptKind,
    username: string | null,
    address: string,
    at: Date,
    countsForUser: boolean,
  ): Promise<number> {
    const r = await this.db.query<{ id: number | string }>(
      `INSERT INTO auth_attempts (kind, username, address, at, counts_for_user)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [kind, username, address, at.toISOString(), countsForUser],
    );
    return Number(r.rows[0]?.id);
  }

  async delete(id: number): Promise<void> {
    await this.db.query('DELETE FROM auth_attempts WHERE id = $1', [id]);
  }

  /** Attempts older than `before` matter to no rule any more. */
  async deleteBefore(before: Date): Promise<void> {
    await this.db.query('DELETE FROM auth_attempts WHERE at < $1', [before.toISOString()]);
  }

  /** When the other attempts of `kind` from `address` since `since` were made. */
  async timesFromAddress(kind: AttemptKind, address: string, since: Date, exceptId: number): Promise<Date[]> {
    const r = await this.db.query<{ at: Date | string }>(
      'SELECT at FROM auth_attempts WHERE kind = $1 AND address = $2 AND at >= $3 AND id <> $4',
      [kind, address, since.toISOString(), exceptId],
    );
    return r.rows.map((row) => new Date(row.at));
  }

  /** When the other failures that still count against `username` since `since` were made. */
  async userFailureTimes(username: string, since: Date, exceptId: number): Promise<Date[]> {
    const r = await this.db.query<{ at: Date | string }>(
      `SELECT at FROM auth_attempts
       WHERE username = $1 AND counts_for_user AND kind = 'signIn' AND at >= $2 AND id <> $3`,
      [username, since.toISOString(), exceptId],
    );
    return r.rows.map((row) => new Date(row.at));
  }

  async stopCounting(id: number): Promise<void> {
    await this.db.query('UPDATE auth_attempts SET counts_for_user = false WHERE id = $1', [id]);
  }

  /** Forget the failures of `username` for its lock (they still count for their addresses); how many. */
  async clearUser(username: string): Promise<number> {
    const r = await this.db.query<{ id: number }>(
      `UPDATE auth_attempts SET counts_for_user = false
       WHERE username = $1 AND counts_for_user RETURNING id`,
      [username],
    );
    return r.rows.length;
  }

  /**
   * Replace a user's password hash with a stronger one of the same password, unless it changed
   * meanwhile (a password change wins over the upgrade).
   */
  async upgradePasswordHash(userId: number, oldHash: string, newHash: string): Promise<boolean> {
    const r = await this.db.query<{ id: number }>(
      'UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2 RETURNING id',
      [userId, oldHash, newHash],
    );
    return r.rows.length > 0;
  }
}
