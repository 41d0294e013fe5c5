/**
 * Import a CSV, XLSX or GeoJSON file of places (facilities, residential points) with the coordinate
 * system the file uses (`?crs=wgs84|gcj02|bd09`). All rows or none: a rejection lists every problem
 * by row (ImportRejection, shared with the observation import).
 */
import { useState } from 'preact/hooks';
import { withQuery } from '../api.ts';
import { useFileUpload } from '../use-file-upload.ts';
import { useApp } from '../app-context.ts';
import type { MessageKey } from '../i18n.ts';
import { ImportRejection } from './import-form.tsx';

const CRS: Array<{ value: string; label: MessageKey }> = [
  { value: 'wgs84', label: 'crsWgs84' },
  { value: 'gcj02', label: 'crsGcj02' },
  { value: 'bd09', label: 'crsBd09' },
];

export interface PlaceImportFormProps<T> {
  /** Prefix of the element ids (unique on the page). */
  id: string;
  /** The import endpoint, e.g. `/api/facilities/import`. */
  url: string;
  title: string;
  intro: string;
  /** What to say when the server accepted the file. */
  describeResult: (result: T) => string;
  onImported: () => void;
}

export function PlaceImportForm<T>({
  id,
  url,
  title,
  intro,
  describeResult,
  onImported,
}: PlaceImportFormProps<T>) {
  const { t } = useApp();
  const [crs, setCrs] = useState('wgs84');
  const {
    setFile,
    missing,
    busy,
    result,
    error,
    submit: upload,
  } = useFileUpload<T>({
    zh: t('unexpectedError'),
    en: t('unexpectedError'),
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (await upload(withQuery(url, { crs }))) onImported();
  };

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p id={`${id}-help`} class="hint">
        {intro}
      </p>
      <div class={`field${missing ? ' field-invalid' : ''}`}>
        <label for={`${id}-file`}>{t('importFile')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.xlsx,.geojson,.json,text/csv,application/geo+json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={missing ? `${id}-help ${id}-file-error` : `${id}-help`}
          aria-invalid={missing || undefined}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        {missing && (
          <p id={`${id}-file-error`} class="field-errors">
            {t('importChooseFile')}
          </p>
        )}
      </div>
      <div class="field">
        <label for={`${id}-crs`}>{t('coordinateSystem')}</label>
        <select id={`${id}-crs`} value={crs} onChange={(e) => setCrs(e.currentTarget.value)}>
          {CRS.map((c) => (
            <option key={c.value} value={c.value}>
              {t(c.label)}
            </option>
          ))}
        </select>
      </div>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('importing') : t('importButton')}
        </button>
      </div>
      {result && (
        <p class="message message-ok" role="status">
          {describeResult(result)}
        </p>
      )}
      {error && <ImportRejection error={error} />}
    </form>
  );
}
