/** An attachment as the API shows it (never its content), and who may add files to a case. */
import { OPEN_STATES } from '../../domain/cases/case-machine-definition.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { AttachmentRow } from '../../store/repositories/case-attachment.repository.ts';
import type { CaseRow } from '../../store/repositories/case.repository.ts';

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  material: string | null;
  uploadedBy: { id: number; role: string; displayName: string };
  uploadedAt: string;
}

export function toAttachmentView(a: AttachmentRow): AttachmentView {
  return {
    id: a.id,
    fileName: a.fileName,
    mediaType: a.mediaType,
    bytes: a.bytes,
    sha256: a.sha256,
    material: a.material,
    uploadedBy: { id: a.uploadedBy, role: a.uploaderRole, displayName: a.uploaderName },
    uploadedAt: a.uploadedAt,
  };
}

/**
 * The applicant adds files while the case is open (submitted … means check): after a decision the
 * file could no longer count. Staff who may see the case (its office, or the office that accepted
 * it) add files in any state — a decision letter goes with a decided case. `readableCase` has
 * already kept everyone else out.
 */
export function requireMayAttach(actor: Actor, c: CaseRow): void {
  if (actor.role !== 'resident') return;
  if (!(OPEN_STATES as readonly string[]).includes(c.state))
    throw new FuwuError(
      'conflict',
      `案件 ${c.id} 已办结或已撤回，不能再上传材料`,
      `case ${c.id} is decided or withdrawn: files can no longer be added`,
    );
}
