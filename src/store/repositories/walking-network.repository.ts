/** The walking networks an installation imported (their hashes and statistics), one marked current. */
import type { Db } from '../db.ts';
import type { NetworkMeta } from '../network/network-store.ts';

export class WalkingNetworkRepository {
  constructor(private readonly db: Db) {}

  /** The SHA-256 of the network imported last, or null when none was recorded. */
  async currentSha256(): Promise<string | null> {
    const r = await this.db.query<{ sha256: string }>('SELECT sha256 FROM walking_networks WHERE current');
    return r.rows[0]?.sha256 ?? null;
  }

  /** Marks `meta`'s network current (a re-import of the same file becomes current again). Run in a transaction. */
  async recordCurrent(meta: NetworkMeta, by: string, at: Date): Promise<void> {
    await this.db.query('UPDATE walking_networks SET current = false WHERE current');
    await this.db.query(
      `INSERT INTO walking_networks (sha256, meta, imported_by, imported_at, current)
       VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (sha256) DO UPDATE SET meta = EXCLUDED.meta, imported_by = EXCLUDED.imported_by,
         imported_at = EXCLUDED.imported_at, current = true`,
      [meta.sha256, JSON.stringify(meta), by, at.toISOString()],
    );
  }
}
