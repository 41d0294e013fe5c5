/** Adding a file to a case (POST /api/cases/:id/attachments, multipart: `file` and the material's name). */
import { api } from '../../api.ts';
import type { AttachmentView } from '../cases/case-types.ts';

export function uploadAttachment(
  caseId: string,
  file: File,
  material: string | null,
): Promise<AttachmentView> {
  const body = new FormData();
  if (material) body.append('material', material);
  body.append('file', file, file.name);
  return api.post<AttachmentView>(`/api/cases/${encodeURIComponent(caseId)}/attachments`, body);
}
