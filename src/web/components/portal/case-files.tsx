/** The files of a case, each a download link with its material, size and who added it when. */
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../format.ts';
import { bytesText, roleText } from '../cases/case-format.ts';
import type { AttachmentView } from '../cases/case-types.ts';

export function CaseFiles({ caseId, files }: { caseId: string; files: readonly AttachmentView[] }) {
  const { t, lang, user } = useApp();
  if (files.length === 0) return <p class="muted">{t('ptNoFiles')}</p>;
  return (
    <ul class="pt-files" data-testid="pt-files">
      {files.map((f) => (
        <li key={f.id}>
          <a
            href={`/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(f.id)}`}
            download={f.fileName}
          >
            {f.fileName}
          </a>{' '}
          <span class="muted small">
            {f.material ? `${f.material} · ` : ''}
            {bytesText(f.bytes)} ·{' '}
            {f.uploadedBy.id === user.id ? t('ptByYou') : roleText(f.uploadedBy.role, lang)} ·{' '}
            {formatDateTime(f.uploadedAt, lang)}
          </span>
        </li>
      ))}
    </ul>
  );
}
