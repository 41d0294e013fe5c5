/** What operations read: is the database answering, its schema version, and a few cheap counts. */
import type { Db } from '../db.ts';

export class OpsRepository {
  constructor(private readonly db: Db) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** The highest migration applied (0 before the first). */
  async schemaVersion(): Promise<number> {
    const r = await this.db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return Number(r.rows[0]?.v ?? 0);
  }

  async jobsByStatus(): Promise<{ status: string; n: number }[]> {
    const r = await this.db.query<{ status: string; n: number | string }>(
      'SELECT status, count(*) AS n FROM jobs GROUP BY status',
    );
    return r.rows.map((row) => ({ status: row.status, n: Number(row.n) }));
  }

  /** Notice deliveries waiting to be sent (or retried). */
  async pendingDeliveries(): Promise<number> {
    const r = await this.db.query<{ n: number | string }>(
      "SELECT count(*) AS n FROM notice_deliveries WHERE status = 'pending'",
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  async casesByState(): Promise<{ state: string; n: number }[]> {
    const r = await this.db.query<{ state: string; n: number | string }>(
      'SELECT state, count(*) AS n FROM cases GROUP BY state',
    );
    return r.rows.map((row) => ({ state: row.state, n: Number(row.n) }));
  }
}
