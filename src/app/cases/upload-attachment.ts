/**
 * Add a file to a case (issue 6 §1): the applicant while the case is open, or its office's staff.
 * The type is sniffed from the bytes, sizes and counts are checked (attachment-rules.ts), the SHA-256
 * is computed here, and the same content sent again (a retry) returns the first attachment. The row
 * and its audit entry are written in one transaction, or nothing is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { checkAttachment, displayFileName } from '../../domain/cases/attachment-rules.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { CaseAttachmentRepository } from '../../store/repositories/case-attachment.repository.ts';
import type { CaseRow } from '../../store/repositories/case.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { loadCatalog } from '../entitlements/load-catalog.ts';
import { invalidInput } from '../input-errors.ts';
import type { AttachmentView } from './attachment-view.ts';
import { requireMayAttach, toAttachmentView } from './attachment-view.ts';
import { readableCase } from './case-access.ts';

export interface AttachmentUpload {
  fileName: string;
  bytes: Uint8Array;
  material?: string | null;
}

export interface UploadedAttachment {
  attachment: AttachmentView;
  /** False when the case already held the same content: this is the first upload of it. */
  created: boolean;
}

/**
 * `upload` may be a reader of the request's body: it is called only once the actor may attach to this
 * case, so a role without the permission, or someone else's case, is refused before any file is read.
 */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  upload: AttachmentUpload | (() => Promise<AttachmentUpload>),
): Promise<UploadedAttachment> {
  authorize(actor, 'cases.attach');
  const c = await readableCase(ctx, actor, caseId);
  return storeAttachment(ctx, actor, c, typeof upload === 'function' ? await upload() : upload);
}

async function storeAttachment(
  ctx: AppContext,
  actor: Actor,
  c: CaseRow,
  upload: AttachmentUpload,
): Promise<UploadedAttachment> {
  const caseId = c.id;
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const repo = new CaseAttachmentRepository(ctx.db);
  // A retry of a file already stored succeeds with the first upload, whatever the limits say now.
  const same = await repo.findBySha256(caseId, sha256);
  if (same) return { attachment: toAttachmentView(same), created: false };
  requireMayAttach(actor, c);

  const service = (await loadCatalog(ctx)).services.find((s) => s.code === c.serviceCode);
  const verdict = checkAttachment(
    { bytes: upload.bytes, material: upload.material },
    await repo.totals(caseId),
    service?.requiredMaterials ?? [],
  );
  if (verdict.problems.length > 0 || verdict.mediaType === null) throw invalidInput(verdict.problems);

  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const r = await new CaseAttachmentRepository(tx).insert(
      {
        id: `A-${randomUUID()}`,
        caseId,
        fileName: displayFileName(upload.fileName),
        mediaType: verdict.mediaType!,
        bytes: upload.bytes.length,
        sha256,
        material: verdict.material,
        uploadedBy: actor.id,
        uploaderRole: actor.role,
        content: upload.bytes,
      },
      now,
    );
    if (r.created)
      await audit(tx, actor, now, 'case.attachment.upload', 'case', caseId, {
        attachmentId: r.row.id,
        fileName: r.row.fileName,
        mediaType: r.row.mediaType,
        bytes: r.row.bytes,
        sha256,
        material: r.row.material,
      });
    return { attachment: toAttachmentView(r.row), created: r.created };
  });
}
