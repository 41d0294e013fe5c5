/** The log of every call made with a data-sharing token: appended, never changed. */
import type { ShareCallView } from '../../domain/sharing/views.ts';
import type { Db } from '../db.ts';

export type ShareCallEntry = Omit<ShareCallView, 'id' | 'at'>;

export class SharingCallRepository {
  constructor(private readonly db: Db) {}

  async append(e: ShareCallEntry, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO sharing_calls (token_id, at, dataset, operation, status, rows_returned, client_address, request_path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.tokenId, at.toISOString(), e.dataset, e.operation, e.status, e.rows, e.clientAddress, e.path],
    );
  }

  /** One token's calls, newest first; `tokenId` null: the calls whose token was unknown. */
  async list(tokenId: number | null, limit: number): Promise<ShareCallView[]> {
    const r = await this.db.query<ShareCallView>(
      `SELECT id, token_id AS "tokenId", at, dataset, operation, status, rows_returned AS rows,
         client_address AS "clientAddress", request_path AS path
       FROM sharing_calls WHERE token_id IS NOT DISTINCT FROM $1::integer ORDER BY id DESC LIMIT $2`,
      [tokenId, limit],
    );
    return r.rows.map((row) => ({
      ...row,
      id: Number(row.id),
      tokenId: row.tokenId === null ? null : Number(row.tokenId),
      at: new Date(row.at).toISOString(),
    }));
  }
}
