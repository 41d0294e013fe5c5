/**
 * Where to build next (选址): choose a facility type, how many new sites (or a budget) and where
 * they may go; the run is a background job with progress. The result shows the proposed sites on a
 * map and in a table (people newly covered by each), the share of the served group covered before
 * and after, the heuristic's proven gap to the optimum, and each district's norm gap before and after.
 */
import { useState } from 'preact/hooks';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS } from '../../domain/resources/facility.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { CandidateKind, SitingResult } from '../../domain/siting/siting-view.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ResourcesNav } from '../components/district-select.tsx';
import { FacilityTypeSelect } from '../components/facility-type-select.tsx';
import { useBoundaries } from '../components/district-map.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { SitesMap } from '../components/map/sites-map.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { ScenarioAccept } from '../components/scenario-accept.tsx';
import { formatNumber } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useJob } from '../use-job.ts';

const KINDS: Array<{ value: Exclude<CandidateKind, 'points'>; label: MessageKey }> = [
  { value: 'grid', label: 'sitingCandGrid' },
  { value: 'townshipCentres', label: 'sitingCandTownships' },
  { value: 'communityServiceCentres', label: 'sitingCandCentres' },
];

const STAGES: Record<string, MessageKey> = {
  loading: 'sitingStageLoading',
  coverageSets: 'sitingStageSets',
  solving: 'sitingStageSolving',
  exact: 'sitingStageExact',
};

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function SitingPage() {
  const { t, pick, lang, user } = useApp();
  useDocumentTitle(t('sitingTitle'));
  const [type, setType] = useState<FacilityType>('elderlyServiceStation');
  const [kind, setKind] = useState<Exclude<CandidateKind, 'points'>>('grid');
  const [k, setK] = useState('10');
  const [gridMetres, setGridMetres] = useState('1000');
  const [kError, setKError] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const { job, error: jobError } = useJob<SitingResult>(jobId);
  const boundaries = useBoundaries();
  const mayRun = user.role === 'admin' || user.role === 'planner';
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  const submit = async (e: Event) => {
    e.preventDefault();
    const kk = Number(k);
    const bad = !Number.isInteger(kk) || kk < 1 || kk > 500;
    setKError(bad);
    if (bad) return;
    setStartError(null);
    try {
      const started = await api.post<JobView>('/api/siting/runs', {
        type,
        k: kk,
        candidates: kind,
        ...(kind === 'grid' ? { gridMetres: Number(gridMetres) } : {}),
      });
      setJobId(started.id);
    } catch (err) {
      setStartError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    }
  };
  const stageLabel = (stage: string) => {
    const key = STAGES[stage];
    return key ? t(key) : stage;
  };
  const result = job?.status === 'succeeded' ? job.result : null;
  const people = (x: number) => formatNumber(Math.round(x), lang);

  return (
    <>
      <h1>{t('sitingTitle')}</h1>
      <ResourcesNav current="siting" />
      <p>{t('sitingIntro')}</p>
      {!mayRun && <p class="muted">{t('sitingNotAllowed')}</p>}
      {mayRun && (
        <form class="form" onSubmit={submit} noValidate aria-labelledby="siting-form-heading">
          <h2 id="siting-form-heading">{t('sitingFormTitle')}</h2>
          <FacilityTypeSelect
            id="siting-type"
            value={type}
            inline={false}
            onChange={(ty) => setType(ty || 'elderlyServiceStation')}
          />
          <div class={`field${kError ? ' field-invalid' : ''}`}>
            <label for="siting-k">{t('sitingK')}</label>
            <input
              id="siting-k"
              type="number"
              min={1}
              max={500}
              value={k}
              aria-invalid={kError || undefined}
              aria-describedby={kError ? 'siting-k-error' : undefined}
              onInput={(e) => setK(e.currentTarget.value)}
            />
            {kError && (
              <p id="siting-k-error" class="field-errors">
                {t('sitingKError')}
              </p>
            )}
          </div>
          <div class="field">
            <label for="siting-candidates">{t('sitingCandidates')}</label>
            <select
              id="siting-candidates"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as Exclude<CandidateKind, 'points'>)}
            >
              {KINDS.map((c) => (
                <option key={c.value} value={c.value}>
                  {t(c.label)}
                </option>
              ))}
            </select>
          </div>
          {kind === 'grid' && (
            <div class="field">
              <label for="siting-grid">{t('sitingGridMetres')}</label>
              <select
                id="siting-grid"
                value={gridMetres}
                onChange={(e) => setGridMetres(e.currentTarget.value)}
              >
                {['500', '1000', '2000'].map((m) => (
                  <option key={m} value={m}>
                    {t('runsMetres', { metres: m })}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="buttons">
            <button type="submit" class="primary" disabled={running}>
              {running ? t('runsRunning') : t('sitingRun')}
            </button>
          </div>
        </form>
      )}
      {startError && <ErrorMessage error={startError} />}
      {jobError && <ErrorMessage error={jobError} />}
      {job && <JobProgress job={job} stageLabel={stageLabel} />}
      {result && (
        <section aria-labelledby="siting-result-heading" data-testid="siting-result">
          <h2 id="siting-result-heading">
            {t('sitingResultTitle', { type: pick(FACILITY_TYPE_LABELS[result.type]) })}
          </h2>
          {result.usesSyntheticData && <SampleBanner detail={t('runsSyntheticDetail')} />}
          {result.approximation && (
            <div class="approximation-notice" role="note">
              <strong>{pick(result.approximation)}</strong>
            </div>
          )}
          <p data-testid="siting-summary">
            {t('sitingSummary', {
              sites: result.sites.length,
              people: people(result.newlyCovered),
              before: percent(result.shareBefore),
              after: percent(result.shareAfter),
            })}
          </p>
          {mayRun && jobId && <ScenarioAccept jobId={jobId} type={result.type} />}
          {result.exact && (
            <p data-testid="siting-exact">
              {result.exact.status === 'optimal'
                ? t('sitingExactOptimal', {
                    optimum: people(result.exact.objective ?? 0),
                    gap: percent(result.exact.gap),
                  })
                : t('sitingExactBound', {
                    bound: people(result.exact.bound ?? 0),
                    gap: percent(result.exact.gap),
                  })}
            </p>
          )}
          {boundaries.data && (
            <SitesMap
              boundaries={boundaries.data}
              sites={result.sites}
              label={t('sitingMapLabel')}
              describe={(s) =>
                t('sitingSiteTooltip', { rank: s.rank, people: people(s.gain), district: s.districtName })
              }
            />
          )}
          <div class="table-wrap">
            <table data-testid="siting-sites">
              <caption>{t('sitingSitesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('sitingRank')}
                  </th>
                  <th scope="col">{t('district')}</th>
                  <th scope="col">{t('sitingLabel')}</th>
                  <th scope="col" class="num">
                    {t('sitingGain')}
                  </th>
                  <th scope="col">{t('sitingPosition')}</th>
                </tr>
              </thead>
              <tbody>
                {result.sites.map((s) => (
                  <tr key={s.rank}>
                    <td class="num">{s.rank}</td>
                    <td>{s.districtName}</td>
                    <td>{s.label}</td>
                    <td class="num">{people(s.gain)}</td>
                    <td>
                      {s.lon.toFixed(5)}, {s.lat.toFixed(5)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.normGaps.length > 0 && (
            <div class="table-wrap">
              <table data-testid="siting-gaps">
                <caption>
                  {t('sitingGapsCaption', {
                    capacity: result.capacityPerSite ? formatNumber(result.capacityPerSite.value, lang) : '—',
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('district')}</th>
                    <th scope="col">{t('colNorm')}</th>
                    <th scope="col" class="num">
                      {t('sitingGapBefore')}
                    </th>
                    <th scope="col" class="num">
                      {t('sitingGapAfter')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.normGaps.map((g) => (
                    <tr key={`${g.districtCode}-${g.normCode}`}>
                      <td>{g.districtName}</td>
                      <td>{g.normName}</td>
                      <td class="num">{formatNumber(Math.round(g.gapBefore), lang)}</td>
                      <td class="num">{formatNumber(Math.round(g.gapAfter), lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="muted">
            {t('sitingTimings', {
              candidates: formatNumber(result.candidates.count, lang),
              sets: result.timingsMs.coverageSets,
              solve: result.timingsMs.solve,
            })}
          </p>
        </section>
      )}
    </>
  );
}
