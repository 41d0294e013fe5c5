/**
 * The case worker's queue (#/cases, issue 6 §3): the office's cases with filters kept in the hash
 * query, counts per state, the table in the server's order (overdue first), and for supervisors the
 * escalation check (overdue and near-deadline cases flagged now rather than at the next timer run).
 */
import { useState } from 'preact/hooks';
import type { CatalogSummary } from '../../domain/entitlements/views.ts';
import { api, asApiError } from '../api.ts';
import type { ApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import {
  countByState,
  officeText,
  queueApiPath,
  readQueueFilters,
  stateText,
} from '../components/cases/case-format.ts';
import type { CaseSummary, EscalationRunView } from '../components/cases/case-types.ts';
import { QueueFilters } from '../components/cases/queue-filters.tsx';
import { QueueTable } from '../components/cases/queue-table.tsx';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function CaseQueuePage({ route }: { route: Route }) {
  const { t, lang, meta, user } = useApp();
  useDocumentTitle(t('caseQueueTitle'));
  const filters = readQueueFilters(route.query);
  const cases = useApi<CaseSummary[]>(queueApiPath(filters));
  const catalog = useApi<CatalogSummary[]>('/api/catalog');
  const services = catalog.data ?? [];
  const counts = countByState(cases.data ?? []);

  return (
    <div class="case-worker">
      <h1>{t('caseQueueTitle')}</h1>
      <p>
        {t('cwQueueIntro', {
          office: user.officeCode ? officeText(user.officeCode, meta.areas, lang) : t('cwYourOffice'),
        })}
      </p>
      <QueueFilters route={route} filters={filters} services={services} />
      {user.role === 'supervisor' && <EscalationCheck onDone={cases.reload} />}
      {cases.error && <ErrorMessage error={cases.error} onRetry={cases.reload} />}
      {cases.loading && !cases.data && <Loading />}
      {cases.data && (
        <>
          <section class="case-counts" aria-labelledby="cw-counts-heading" data-testid="cw-counts">
            <h2 id="cw-counts-heading">
              {t('cwCountsTitle')} <span class="muted">{t('cwCountsTotal', { n: cases.data.length })}</span>
            </h2>
            <ul class="case-counts-list">
              {counts.map(({ state, count }) => (
                <li key={state} data-state={state}>
                  <button
                    type="button"
                    class="link-button"
                    aria-pressed={filters.state === state}
                    onClick={() =>
                      replaceQuery(route, { state: filters.state === state ? undefined : state })
                    }
                  >
                    {stateText(state, lang)} <strong>{count}</strong>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <QueueTable cases={cases.data} services={services} />
        </>
      )}
    </div>
  );
}

/** Supervisors run the escalation check now (POST /api/cases/escalations/run); the queue reloads after it. */
function EscalationCheck({ onDone }: { onDone: () => void }) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<EscalationRunView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      setDone(await api.post<EscalationRunView>('/api/cases/escalations/run'));
      onDone();
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="case-escalation-check">
      <button type="button" onClick={run} disabled={busy} data-testid="cw-run-escalation">
        {busy ? t('cwRunningEscalation') : t('cwRunEscalation')}
      </button>
      <p role="status" class="muted">
        {done === null
          ? ''
          : done.workingDay
            ? t('cwEscalationDone', {
                date: done.onDate,
                scanned: done.scanned,
                near: done.near,
                overdue: done.overdue,
              })
            : t('cwEscalationHoliday', { date: done.onDate })}
      </p>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
