/**
 * A case's attachments (migration 0014): the bytes in a bytea column with their SHA-256, size and
 * sniffed media type. The same content twice on one case is one row: UNIQUE (case_id, sha256) decides,
 * also under concurrent retries, and the losing insert returns the row that won.
 */
import type { Db } from '../db.ts';

export interface AttachmentRow {
  id: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  material: string | null;
  uploadedBy: number;
  uploaderRole: string;
  /** The uploader's display name (users.display_name). */
  uploaderName: string;
  uploadedAt: string;
}

export type NewAttachment = Omit<AttachmentRow, 'uploaderName' | 'uploadedAt'> & { content: Uint8Array };

const COLUMNS = `a.id, a.case_id AS "caseId", a.file_name AS "fileName", a.media_type AS "mediaType", a.bytes,
  a.sha256, a.material, a.uploaded_by AS "uploadedBy", a.uploader_role AS "uploaderRole",
  u.display_name AS "uploaderName", a.uploaded_at AS "uploadedAt"`;

const FROM = 'case_attachments a JOIN users u ON u.id = a.uploaded_by';

function normalize(r: AttachmentRow): AttachmentRow {
  return { ...r, bytes: Number(r.bytes), uploadedAt: new Date(r.uploadedAt).toISOString() };
}

export class CaseAttachmentRepository {
  constructor(private readonly db: Db) {}

  async list(caseId: string): Promise<AttachmentRow[]> {
    const r = await this.db.query<AttachmentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.case_id = $1 ORDER BY a.seq`,
      [caseId],
    );
    return r.rows.map(normalize);
  }

  async find(caseId: string, id: string): Promise<AttachmentRow | null> {
    const r = await this.db.query<AttachmentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.case_id = $1 AND a.id = $2`,
      [caseId, id],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  async findBySha256(caseId: string, sha256: string): Promise<AttachmentRow | null> {
    const r = await this.db.query<AttachmentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.case_id = $1 AND a.sha256 = $2`,
      [caseId, sha256],
    );
    return r.rows[0] ? normalize(r.rows[0]) : null;
  }

  /** The case's files so far: how many, and their bytes together. */
  async totals(caseId: string): Promise<{ files: number; bytes: number }> {
    const r = await this.db.query<{ files: number | string; bytes: number | string | null }>(
      'SELECT count(*) AS files, sum(bytes) AS bytes FROM case_attachments WHERE case_id = $1',
      [caseId],
    );
    return { files: Number(r.rows[0]?.files ?? 0), bytes: Number(r.rows[0]?.bytes ?? 0) };
  }

  async content(caseId: string, id: string): Promise<Uint8Array | null> {
    const r = await this.db.query<{ content: Uint8Array }>(
      'SELECT content FROM case_attachments WHERE case_id = $1 AND id = $2',
      [caseId, id],
    );
    const c = r.rows[0]?.content;
    return c ? new Uint8Array(c.buffer, c.byteOffset, c.byteLength) : null;
  }

  /** Insert, or return the attachment already holding the same content (`created: false`). */
  async insert(a: NewAttachment, at: Date): Promise<{ row: AttachmentRow; created: boolean }> {
    const r = await this.db.query<{ id: string }>(
      `INSERT INTO case_attachments (id, case_id, file_name, media_type, bytes, sha256, content, material,
         uploaded_by, uploader_role, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (case_id, sha256) DO NOTHING
       RETURNING id`,
      [
        a.id,
        a.caseId,
        a.fileName,
        a.mediaType,
        a.bytes,
        a.sha256,
        Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
        a.material,
        a.uploadedBy,
        a.uploaderRole,
        at.toISOString(),
      ],
    );
    const created = r.rows.length === 1;
    const row = await this.findBySha256(a.caseId, a.sha256);
    if (!row) throw new Error(`attachment ${a.id} neither inserted nor found`);
    return { row, created };
  }
}
