/**
 * Import a CSV, XLSX or GeoJSON file of facilities (POST /api/facilities/import?crs=…), with the
 * coordinate system the file uses. All rows or none: a rejection lists every problem by row
 * (ImportRejection, shared with the observation import).
 */
import { useState } from 'preact/hooks';
import type { FacilityImportResultView } from '../../domain/resources/views.ts';
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

export function FacilityImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useApp();
  const [crs, setCrs] = useState('wgs84');
  const {
    setFile,
    missing,
    busy,
    result,
    error,
    submit: upload,
  } = useFileUpload<FacilityImportResultView>({
    zh: t('unexpectedError'),
    en: t('unexpectedError'),
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (await upload(withQuery('/api/facilities/import', { crs }))) onImported();
  };

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="facility-import-heading">
      <h2 id="facility-import-heading">{t('importFacilitiesTitle')}</h2>
      <p id="facility-import-help" class="hint">
        {t('importFacilitiesIntro')}
      </p>
      <div class={`field${missing ? ' field-invalid' : ''}`}>
        <label for="facility-import-file">{t('importFile')}</label>
        <input
          id="facility-import-file"
          type="file"
          accept=".csv,.xlsx,.geojson,.json,text/csv,application/geo+json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={
            missing ? 'facility-import-help facility-import-file-error' : 'facility-import-help'
          }
          aria-invalid={missing || undefined}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        {missing && (
          <p id="facility-import-file-error" class="field-errors">
            {t('importChooseFile')}
          </p>
        )}
      </div>
      <div class="field">
        <label for="facility-import-crs">{t('coordinateSystem')}</label>
        <select id="facility-import-crs" value={crs} onChange={(e) => setCrs(e.currentTarget.value)}>
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
          {t('facilitiesImported', { created: result.created })}
        </p>
      )}
      {error && <ImportRejection error={error} />}
    </form>
  );
}
