/**
 * Proactive work lists (服务找人工作清单, #/entitlements/worklists): run a batch over the synthetic
 * population as a job, pick a snapshot, read its counts and the plan's coverage indicators, filter
 * and page the work list, open a person's reasons (a stated purpose is required: it is audited), and
 * download the filtered list as XLSX.
 */
import { useEffect, useState } from 'preact/hooks';
import type {
  MatchingResult,
  ServiceCoverage,
  SnapshotCountsView,
  SnapshotSummary,
  WorklistPage,
} from '../../domain/entitlements/matching-views.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError, withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { EntitlementsNav } from '../components/entitlements-nav.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { WorklistPerson } from '../components/worklist-person.tsx';
import { formatNumber } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useJob } from '../use-job.ts';

const STAGES: Record<string, MessageKey> = {
  population: 'wlStagePopulation',
  matching: 'wlStageMatching',
  saving: 'wlStageSaving',
};
const PAGE = 50;
const base = (id: number) => `/api/entitlements/matching/snapshots/${id}`;

interface Filters {
  district: string;
  service: string;
  department: string;
  kind: string;
}
const NO_FILTERS: Filters = { district: '', service: '', department: '', kind: '' };

export function WorklistsPage() {
  const { t, lang, user } = useApp();
  useDocumentTitle(t('wlTitle'));
  const n = (x: number) => formatNumber(x, lang);
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [size, setSize] = useState('1000000');
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJob<MatchingResult>(jobId);
  const [error, setError] = useState<ApiError | null>(null);
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [snapshotId, setSnapshotId] = useState<number | null>(null);
  const [counts, setCounts] = useState<SnapshotCountsView | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  // An export is personal data leaving the system: its purpose is asked first and audited.
  const [exportPurpose, setExportPurpose] = useState('');
  const [page, setPage] = useState<WorklistPage | null>(null);
  const [person, setPerson] = useState<{ index: number; id: string } | null>(null);
  const mayRun = user.role !== 'viewer';
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  const fail = (err: unknown) =>
    setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));

  const loadSnapshots = async (select?: number) => {
    try {
      const list = await api.get<SnapshotSummary[]>('/api/entitlements/matching/snapshots');
      setSnapshots(list);
      setSnapshotId(select ?? list[0]?.id ?? null);
    } catch (err) {
      fail(err);
    }
  };
  useEffect(() => {
    void loadSnapshots();
  }, []);
  useEffect(() => {
    if (job?.status === 'succeeded' && job.result) void loadSnapshots(job.result.snapshotId);
  }, [job?.status]);
  useEffect(() => {
    setCounts(null);
    setFilters(NO_FILTERS);
    setOffset(0);
    setPerson(null);
    if (snapshotId === null) return;
    api.get<SnapshotCountsView>(`${base(snapshotId)}/counts`).then(setCounts, fail);
  }, [snapshotId]);
  const query = { ...filters, offset, limit: PAGE };
  useEffect(() => {
    setPage(null);
    if (snapshotId === null || user.role === 'viewer') return;
    api.get<WorklistPage>(withQuery(`${base(snapshotId)}/items`, query)).then(setPage, fail);
  }, [snapshotId, filters, offset]);

  const run = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const started = await api.post<JobView>('/api/entitlements/matching/runs', {
        date,
        size: Number(size),
      });
      setJobId(started.id);
    } catch (err) {
      fail(err);
    }
  };
  const setFilter = (key: keyof Filters, value: string) => {
    setFilters({ ...filters, [key]: value });
    setOffset(0);
  };
  const districts = counts ? [...new Map(counts.rows.map((r) => [r.districtCode, r.districtName]))] : [];
  const departments = counts ? [...new Set(counts.services.map((s) => s.leadDepartment))] : [];
  const percent = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);
  // The per-service table follows the district filter: summed from the district × service rows.
  const shownServices: ServiceCoverage[] =
    counts && filters.district
      ? counts.services.map((svc) => {
          const rows = counts.rows.filter(
            (r) => r.serviceCode === svc.serviceCode && r.districtCode === filters.district,
          );
          const sum = (
            k: 'eligible' | 'receivingEligible' | 'receiving' | 'gap' | 'recheck' | 'cannotDecide',
          ) => rows.reduce((t, r) => t + r[k], 0);
          const eligible = sum('eligible');
          return {
            ...svc,
            eligible,
            receivingEligible: sum('receivingEligible'),
            receiving: sum('receiving'),
            gap: sum('gap'),
            recheck: sum('recheck'),
            cannotDecide: sum('cannotDecide'),
            percent: eligible > 0 ? (100 * sum('receivingEligible')) / eligible : null,
          };
        })
      : (counts?.services ?? []);

  return (
    <>
      <h1>{t('wlTitle')}</h1>
      <EntitlementsNav current="workLists" />
      <SampleBanner detail={t('wlBanner')} />
      <p>{t('wlIntro')}</p>
      {(error ?? jobError) && <ErrorMessage error={(error ?? jobError)!} />}
      {mayRun ? (
        <form class="form" onSubmit={run} aria-labelledby="wl-run-heading">
          <h2 id="wl-run-heading">{t('wlRunTitle')}</h2>
          <div class="field">
            <label for="wl-date">{t('wlDate')}</label>
            <input id="wl-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="wl-size">{t('wlSize')}</label>
            <input
              id="wl-size"
              type="number"
              min={1}
              max={21000000}
              value={size}
              onInput={(e) => setSize(e.currentTarget.value)}
            />
          </div>
          <button type="submit" disabled={running}>
            {t('wlRun')}
          </button>
          {job && <JobProgress job={job} stageLabel={(s) => (STAGES[s] ? t(STAGES[s]) : s)} />}
        </form>
      ) : (
        <p class="muted">{t('wlNotAllowed')}</p>
      )}

      {snapshots !== null && snapshots.length === 0 && <p>{t('wlNoSnapshots')}</p>}
      {snapshots !== null && snapshots.length > 0 && (
        <div class="field">
          <label for="wl-snapshot">{t('wlSnapshot')}</label>
          <select
            id="wl-snapshot"
            value={snapshotId ?? ''}
            onChange={(e) => setSnapshotId(Number(e.currentTarget.value))}
          >
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                {t('wlSnapshotLabel', {
                  id: s.id,
                  date: s.onDate,
                  size: n(s.populationSize),
                  gap: n(s.gapCount),
                  recheck: n(s.recheckCount),
                })}
              </option>
            ))}
          </select>
        </div>
      )}

      {counts && counts.indicators.length > 0 && (
        <section aria-labelledby="wl-indicators">
          <h2 id="wl-indicators">{t('wlIndicators')}</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('wlIndicator')}</th>
                <th scope="col">{t('wlEligible')}</th>
                <th scope="col">{t('wlReceiving')}</th>
                <th scope="col">{t('wlComputed')}</th>
                <th scope="col">{t('wlTarget')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.indicators.map((i) => (
                <tr key={i.indicatorCode}>
                  <th scope="row">
                    {i.indicatorCode} {i.indicatorName}
                  </th>
                  <td>{n(i.eligible)}</td>
                  <td>{n(i.receivingEligible)}</td>
                  <td>{percent(i.percent)}</td>
                  <td>{i.targetText ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {counts && (
        <section aria-labelledby="wl-counts">
          <h2 id="wl-counts">
            {t('wlCounts')}
            {filters.district &&
              `（${districts.find(([c]) => c === filters.district)?.[1] ?? filters.district}）`}
          </h2>
          <table class="table" data-testid="wl-counts">
            <thead>
              <tr>
                <th scope="col">{t('wlService')}</th>
                <th scope="col">{t('wlDepartment')}</th>
                <th scope="col">{t('wlEligible')}</th>
                <th scope="col">{t('wlReceiving')}</th>
                <th scope="col">{t('wlCoverage')}</th>
                <th scope="col">{t('wlGap')}</th>
                <th scope="col">{t('wlRecheck')}</th>
                <th scope="col">{t('wlCannotDecide')}</th>
              </tr>
            </thead>
            <tbody>
              {shownServices.map((s) => (
                <tr key={s.serviceCode}>
                  <th scope="row">
                    {s.serviceCode} {s.serviceName}
                  </th>
                  <td>{s.leadDepartment}</td>
                  <td>{n(s.eligible)}</td>
                  <td>{n(s.receiving)}</td>
                  <td>{percent(s.percent)}</td>
                  <td>{n(s.gap)}</td>
                  <td>{n(s.recheck)}</td>
                  <td>{n(s.cannotDecide)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {counts && snapshotId !== null && user.role !== 'viewer' && (
        <section aria-labelledby="wl-list">
          <h2 id="wl-list">{t('wlList')}</h2>
          <div class="toolbar" role="group" aria-label={t('wlList')}>
            <div class="field field-inline">
              <label for="wl-f-district">{t('wlDistrict')}</label>
              <select
                id="wl-f-district"
                value={filters.district}
                onChange={(e) => setFilter('district', e.currentTarget.value)}
              >
                <option value="">{t('wlAll')}</option>
                {districts.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field-inline">
              <label for="wl-f-service">{t('wlService')}</label>
              <select
                id="wl-f-service"
                value={filters.service}
                onChange={(e) => setFilter('service', e.currentTarget.value)}
              >
                <option value="">{t('wlAll')}</option>
                {counts.services.map((s) => (
                  <option key={s.serviceCode} value={s.serviceCode}>
                    {s.serviceCode} {s.serviceName}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field-inline">
              <label for="wl-f-department">{t('wlDepartment')}</label>
              <select
                id="wl-f-department"
                value={filters.department}
                onChange={(e) => setFilter('department', e.currentTarget.value)}
              >
                <option value="">{t('wlAll')}</option>
                {departments.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field-inline">
              <label for="wl-f-kind">{t('wlKind')}</label>
              <select
                id="wl-f-kind"
                value={filters.kind}
                onChange={(e) => setFilter('kind', e.currentTarget.value)}
              >
                <option value="">{t('wlAll')}</option>
                <option value="gap">{t('wlGap')}</option>
                <option value="recheck">{t('wlRecheck')}</option>
              </select>
            </div>
          </div>
          <div class="field field-inline">
            <label for="wl-export-purpose">{t('wlExportPurpose')}</label>
            <input
              id="wl-export-purpose"
              value={exportPurpose}
              maxLength={200}
              onInput={(e) => setExportPurpose(e.currentTarget.value)}
            />
          </div>
          <p>
            {exportPurpose.trim().length >= 2 ? (
              <a
                href={withQuery(`${base(snapshotId)}/items.xlsx`, {
                  ...filters,
                  purpose: exportPurpose.trim(),
                })}
                download
                data-testid="wl-download"
              >
                {t('wlDownload')}
              </a>
            ) : (
              <span class="muted">{t('wlDownload')}</span>
            )}
          </p>
          {page && (
            <>
              <p data-testid="wl-total">{t('wlTotal', { n: n(page.total) })}</p>
              {page.items.length === 0 ? (
                <p>{t('wlEmpty')}</p>
              ) : (
                <table class="table" data-testid="wl-items">
                  <thead>
                    <tr>
                      <th scope="col">{t('wlPerson')}</th>
                      <th scope="col">{t('wlService')}</th>
                      <th scope="col">{t('wlKind')}</th>
                      <th scope="col">{t('wlDistrict')}</th>
                      <th scope="col">{t('wlDepartment')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((it) => (
                      <tr key={`${it.serviceCode}/${it.kind}/${it.personIndex}`}>
                        <td>
                          <button
                            type="button"
                            class="link-button"
                            onClick={() => setPerson({ index: it.personIndex, id: it.personId })}
                          >
                            {it.personId}
                          </button>
                        </td>
                        <td>
                          {it.serviceCode} {it.serviceName}
                        </td>
                        <td>{it.kind === 'gap' ? t('wlGap') : t('wlRecheck')}</td>
                        <td>{it.districtName}</td>
                        <td>{it.leadDepartment}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p class="pager">
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  {t('wlPrev')}
                </button>{' '}
                <span>
                  {page.total > 0 &&
                    t('wlPage', { from: n(offset + 1), to: n(Math.min(page.total, offset + PAGE)) })}
                </span>{' '}
                <button
                  type="button"
                  disabled={offset + PAGE >= page.total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  {t('wlNext')}
                </button>
              </p>
            </>
          )}
          {person && (
            <WorklistPerson
              snapshotId={snapshotId}
              personIndex={person.index}
              personId={person.id}
              onClose={() => setPerson(null)}
            />
          )}
        </section>
      )}
    </>
  );
}
