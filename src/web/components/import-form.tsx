/**
 * Import a CSV or XLSX file of observations. The API takes all rows or none: on rejection this
 * lists every problem with its row and field and says plainly that nothing was imported.
 */
import type { ImportResultView } from '../../domain/plan/views.ts';
import type { ApiError } from '../api.ts';
import { useFileUpload } from '../use-file-upload.ts';
import { useApp } from '../app-context.ts';
import { templateCsv, templateHref } from '../csv-template.ts';
import { ErrorMessage } from './error-message.tsx';

export function ImportForm() {
  const { t, meta } = useApp();
  const {
    setFile,
    missing,
    busy,
    result,
    error,
    submit: upload,
  } = useFileUpload<ImportResultView>({
    zh: t('unexpectedError'),
    en: t('unexpectedError'),
  });
  const template = templateHref(
    templateCsv({ indicatorCode: 'H01', areaCode: meta.pack.cityCode, year: meta.defaultYear }),
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    await upload('/api/observations/import');
  };

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="import-heading">
      <h2 id="import-heading">{t('importTitle')}</h2>
      <p>{t('importIntro')}</p>
      <p>
        <a href={template} download="fuwu-observations-template.csv">
          {t('templateLink')}
        </a>
      </p>
      <p class="hint" id="import-help">
        {t('templateHelp')}
      </p>
      <div class={`field${missing ? ' field-invalid' : ''}`}>
        <label for="import-file">{t('importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={missing ? 'import-help import-file-error' : 'import-help'}
          aria-invalid={missing || undefined}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        {missing && (
          <p id="import-file-error" class="field-errors">
            {t('importChooseFile')}
          </p>
        )}
      </div>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('importing') : t('importButton')}
        </button>
      </div>
      {result && (
        <p class="message message-ok" role="status">
          {t('importDone', { rows: result.rows, created: result.created, updated: result.updated })}
        </p>
      )}
      {error && <ImportRejection error={error} />}
    </form>
  );
}

/**
 * A rejected import (shared by the observation and facility imports): the API's message, and when
 * it named problems, every one with its row and field, saying nothing was imported.
 */
export function ImportRejection({ error }: { error: ApiError }) {
  const { t, pick } = useApp();
  const rowProblems = error.problems;
  if (rowProblems.length === 0) return <ErrorMessage error={error} />;
  return (
    <>
      <div class="message message-error" role="alert">
        <p>{t('importRejected', { n: rowProblems.length })}</p>
        <p class="small">{pick(error)}</p>
      </div>
      <div class="table-wrap">
        <table data-testid="import-problems">
          <caption>{t('importProblemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colRow')}</th>
              <th scope="col">{t('colField')}</th>
              <th scope="col">{t('colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {rowProblems.map((p, i) => (
              <tr key={i}>
                <th scope="row" class="num">
                  {p.row ?? '—'}
                </th>
                <td>
                  <code>{p.field}</code>
                </td>
                <td>{pick(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
