/**
 * A case's attachments: the list (without content) for the applicant and the case's office, and one
 * file's bytes. A download by staff is a read of a resident's personal file, so it goes to the audit
 * log; the applicant reading their own file does not.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { CaseAttachmentRepository } from '../../store/repositories/case-attachment.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { FIXED_PURPOSES } from '../../domain/identity/personal-data.ts';
import { recordReads } from '../privacy/record-read.ts';
import { authorize } from '../policies.ts';
import type { AttachmentView } from './attachment-view.ts';
import { toAttachmentView } from './attachment-view.ts';
import { readableCase } from './case-access.ts';

export async function listAttachments(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<AttachmentView[]> {
  authorize(actor, 'cases.read');
  await readableCase(ctx, actor, caseId);
  return (await new CaseAttachmentRepository(ctx.db).list(caseId)).map(toAttachmentView);
}

export interface AttachmentFile {
  attachment: AttachmentView;
  content: Uint8Array;
}

export async function downloadAttachment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  authorize(actor, 'cases.read');
  const c = await readableCase(ctx, actor, caseId);
  const repo = new CaseAttachmentRepository(ctx.db);
  const row = await repo.find(caseId, attachmentId);
  const content = row ? await repo.content(caseId, attachmentId) : null;
  if (!row || !content) throw notFound('attachment', '附件', attachmentId);
  if (actor.role !== 'resident') {
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await audit(tx, actor, now, 'case.attachment.download', 'case', caseId, {
        attachmentId,
        fileName: row.fileName,
        sha256: row.sha256,
      });
      await recordReads(
        tx,
        actor,
        [{ userId: c.applicantId, personId: c.personId }],
        { what: 'attachment', purpose: FIXED_PURPOSES.caseHandling, entityId: `${caseId}/${attachmentId}` },
        now,
      );
    });
  }
  return { attachment: toAttachmentView(row), content };
}
