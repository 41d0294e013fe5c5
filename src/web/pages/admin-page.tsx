/**
 * Administration: the generated sample data, users and roles, and the audit log. An auditor sees the
 * audit log only (issue 7): it is their one page.
 */
import { useState } from 'preact/hooks';
import type { AuditView } from '../../domain/plan/views.ts';
import type { SyntheticResourcesView } from '../../domain/resources/views.ts';
import { may } from '../../domain/identity/permissions.ts';
import { ApiError, api } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { AuditVerify } from '../components/audit-verify.tsx';
import { DataAccessLog } from '../components/data-access-log.tsx';
import { UserAdmin } from '../components/user-admin.tsx';
import { areaName, formatDateTime, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function AdminPage() {
  const { t, lang, user, meta, reloadMeta } = useApp();
  const isAdmin = user.role === 'admin';
  const readsAudit = may(user.role, 'audit.read');
  const title = isAdmin ? t('adminTitle') : t('navAudit');
  useDocumentTitle(title);
  const audit = useApi<AuditView[] | { entries: AuditView[] }>(readsAudit ? '/api/audit?limit=200' : null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  if (!readsAudit) {
    return (
      <>
        <h1>{t('adminTitle')}</h1>
        <p role="alert">{t('adminOnly')}</p>
      </>
    );
  }

  const sample = async (load: boolean) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      if (load) await api.post('/api/sample-data');
      else await api.delete('/api/sample-data');
      setMessage(load ? t('sampleLoadedDone') : t('sampleRemovedDone'));
      reloadMeta();
      audit.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };

  const entries = Array.isArray(audit.data) ? audit.data : (audit.data?.entries ?? []);
  return (
    <>
      <h1>{title}</h1>
      {isAdmin && (
        <>
          <section aria-labelledby="sample-heading" class="card">
            <h2 id="sample-heading">{t('sampleDataTitle')}</h2>
            <p>{t('sampleDataIntro')}</p>
            <p>
              <strong>{meta.sampleDataLoaded ? t('sampleDataLoaded') : t('sampleDataAbsent')}</strong>
            </p>
            <div class="buttons">
              <button type="button" class="primary" disabled={busy} onClick={() => void sample(true)}>
                {t('loadSample')}
              </button>
              <button
                type="button"
                class="danger"
                disabled={busy || !meta.sampleDataLoaded}
                onClick={() => void sample(false)}
              >
                {t('removeSample')}
              </button>
            </div>
            {busy && <Loading />}
            {message && (
              <p class="message message-ok" role="status">
                {message}
              </p>
            )}
            {error && <ErrorMessage error={error} />}
          </section>

          <p>
            <a href="#/admin/sharing">{t('sharingLink')}</a>
          </p>

          <SyntheticResourcesSection onChanged={audit.reload} />

          <UserAdmin onChanged={audit.reload} />
        </>
      )}

      <DataAccessLog />

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t('auditTitle')}</h2>
        <AuditVerify />
        {audit.error && <ErrorMessage error={audit.error} onRetry={audit.reload} />}
        {audit.loading && !audit.data && <Loading />}
        {audit.data && entries.length === 0 && <p>{t('noAudit')}</p>}
        {entries.length > 0 && (
          <div class="table-wrap" role="region" aria-labelledby="audit-heading" tabIndex={0}>
            <table class="audit">
              <thead>
                <tr>
                  <th scope="col">{t('colAt')}</th>
                  <th scope="col">{t('colActor')}</th>
                  <th scope="col">{t('colAction')}</th>
                  <th scope="col">{t('colEntity')}</th>
                  <th scope="col">{t('colDetail')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{formatDateTime(e.at, lang)}</th>
                    <td>{e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.entity}
                      {e.entityId ? ` #${e.entityId}` : ''}
                    </td>
                    <td class="detail">
                      <code>
                        {e.detail === null || e.detail === undefined ? '' : JSON.stringify(e.detail)}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** Generate or remove the 示例 facilities and residential points, each after a confirmation. */
function SyntheticResourcesSection({ onChanged }: { onChanged: () => void }) {
  const { t, lang, meta } = useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ generated: boolean; counts: SyntheticResourcesView } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (generate: boolean) => {
    if (!window.confirm(generate ? t('confirmGenerateSynthetic') : t('confirmRemoveSynthetic'))) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const counts = generate
        ? await api.post<SyntheticResourcesView>('/api/synthetic-resources')
        : await api.delete<SyntheticResourcesView>('/api/synthetic-resources');
      setResult({ generated: generate, counts });
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  };

  const num = (n: number | undefined) => formatNumber(n ?? 0, lang);
  const skipped = result?.counts.skippedDistricts ?? [];
  return (
    <section aria-labelledby="synthetic-heading" class="card">
      <h2 id="synthetic-heading">{t('syntheticResourcesTitle')}</h2>
      <p>{t('syntheticResourcesIntro')}</p>
      <div class="buttons">
        <button type="button" class="primary" disabled={busy} onClick={() => void run(true)}>
          {t('generateSyntheticResources')}
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => void run(false)}>
          {t('removeSyntheticResources')}
        </button>
      </div>
      {busy && <Loading />}
      {result && (
        <div class="message message-ok" role="status" data-testid="synthetic-result">
          <p>
            {result.generated
              ? t('syntheticGenerated', {
                  facilities: num(result.counts.facilities),
                  points: num(result.counts.residentialPoints),
                  population: num(result.counts.population),
                })
              : t('syntheticRemoved', {
                  facilities: num(result.counts.facilities),
                  points: num(result.counts.residentialPoints),
                })}
          </p>
          {skipped.length > 0 && (
            <p>
              {t('syntheticSkipped', {
                names: skipped
                  .map((code) => areaName(meta.areas, code, lang))
                  .join(lang === 'zh' ? '、' : ', '),
              })}
            </p>
          )}
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
