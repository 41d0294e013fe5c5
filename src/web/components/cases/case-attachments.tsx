/**
 * A case's files: each with a download link, its type, size and checksum, who uploaded it and when;
 * staff add a file (a decision letter, a scanned document) with an optional material name.
 */
import { useRef, useState } from 'preact/hooks';
import { ApiError, api, asApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../format.ts';
import { translate } from '../../i18n.ts';
import { ErrorMessage } from '../error-message.tsx';
import { Field } from '../field.tsx';
import { bytesText, roleText } from './case-format.ts';
import type { AttachmentView } from './case-types.ts';

export function CaseAttachments(props: {
  caseId: string;
  attachments: AttachmentView[];
  /** The service's required materials: an upload may say which one it answers. */
  materials: readonly string[];
  onUploaded: (message: string) => void;
}) {
  const { t, lang } = useApp();
  const file = useRef<HTMLInputElement>(null);
  const [material, setMaterial] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fileProblems = error?.problemsFor('file') ?? [];
  const materialProblems = error?.problemsFor('material') ?? [];
  const otherError = error && fileProblems.length + materialProblems.length === 0 ? error : null;
  const base = `/api/cases/${encodeURIComponent(props.caseId)}/attachments`;

  const upload = async (e: Event) => {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    setError(null);
    if (!chosen) {
      const text = { zh: translate('zh', 'cwChooseFile'), en: translate('en', 'cwChooseFile') };
      setError(new ApiError(0, 'invalid_input', text, [{ field: 'file', ...text }]));
      file.current?.focus();
      return;
    }
    const form = new FormData();
    if (material.trim()) form.append('material', material.trim());
    form.append('file', chosen);
    setBusy(true);
    try {
      await api.post(base, form);
      if (file.current) file.current.value = '';
      setMaterial('');
      props.onUploaded(t('cwUploaded', { name: chosen.name }));
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {props.attachments.length === 0 ? (
        <p>{t('cwNoAttachments')}</p>
      ) : (
        <ul class="case-attachments" data-testid="cw-attachments">
          {props.attachments.map((a) => (
            <li key={a.id}>
              <a href={`${base}/${encodeURIComponent(a.id)}`} download={a.fileName}>
                {a.material ? `${a.material}：` : ''}
                {a.fileName}
              </a>{' '}
              <span class="muted">
                {a.mediaType} · {bytesText(a.bytes)} ·{' '}
                {t('cwUploadedBy', {
                  name: a.uploadedBy.displayName || String(a.uploadedBy.id),
                  role: roleText(a.uploadedBy.role, lang),
                  at: formatDateTime(a.uploadedAt, lang),
                })}
              </span>
              <br />
              <span class="muted case-sha">SHA-256 {a.sha256}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="form form-inline-panel" aria-labelledby="cw-upload-heading" onSubmit={upload}>
        <h3 id="cw-upload-heading">{t('cwUpload')}</h3>
        <Field
          id="cw-upload-file"
          label={t('cwUploadFile')}
          hint={t('cwUploadHint')}
          required
          problems={fileProblems}
        >
          {(aria) => (
            <input
              {...aria}
              required={undefined}
              type="file"
              ref={file}
              accept="image/png,image/jpeg,application/pdf"
            />
          )}
        </Field>
        {props.materials.length > 0 && (
          <Field id="cw-upload-material" label={t('cwUploadMaterial')} problems={materialProblems}>
            {(aria) => (
              <select {...aria} value={material} onChange={(e) => setMaterial(e.currentTarget.value)}>
                <option value="">{t('cwNoMaterial')}</option>
                {props.materials.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <button type="submit" disabled={busy} data-testid="cw-upload-submit">
          {busy ? t('cwSending') : t('cwUpload')}
        </button>
        {otherError && <ErrorMessage error={otherError} />}
      </form>
    </>
  );
}
