/**
 * Every facility type at once (全类型测算): coverage of the plan's circle and E2SFCA accessibility,
 * computed as one background job with progress (POST /api/coverage/runs), and the latest result.
 * Each row carries the hash of its inputs so a figure can be traced; approximations and synthetic
 * inputs are said in words.
 */
import { useState } from 'preact/hooks';
import type { AccessRunResult } from '../../domain/resources/access-run-view.ts';
import { FACILITY_TYPE_LABELS } from '../../domain/resources/facility.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ResourcesNav } from '../components/district-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useJob } from '../use-job.ts';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export function AccessRunsPage() {
  const { t, pick, lang, user } = useApp();
  useDocumentTitle(t('runsTitle'));
  const latest = useApi<JobView<AccessRunResult> | null>('/api/coverage/runs/latest');
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const { job, error: jobError } = useJob<AccessRunResult>(jobId);
  const mayRun = user.role === 'admin' || user.role === 'planner';
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  const shown = job?.status === 'succeeded' ? job : (latest.data ?? null);

  const start = async () => {
    setStartError(null);
    try {
      const started = await api.post<JobView>('/api/coverage/runs', {});
      setJobId(started.id);
    } catch (err) {
      setStartError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    }
  };
  const stageLabel = (stage: string) => {
    const [kind, type] = stage.split(':');
    if (kind === 'coverage' && type && type in FACILITY_TYPE_LABELS)
      return t('runsStageType', { type: pick(FACILITY_TYPE_LABELS[type as FacilityType]) });
    return stage === 'done' ? t('runsStageDone') : stage;
  };
  const result = shown?.result ?? null;

  return (
    <>
      <h1>{t('runsTitle')}</h1>
      <ResourcesNav current="runs" />
      <p>{t('runsIntro')}</p>
      {mayRun && (
        <div class="toolbar">
          <button type="button" onClick={start} disabled={running} data-testid="start-run">
            {running ? t('runsRunning') : t('runsStart')}
          </button>
        </div>
      )}
      {startError && <ErrorMessage error={startError} />}
      {jobError && <ErrorMessage error={jobError} />}
      {job && <JobProgress job={job} stageLabel={stageLabel} />}
      {latest.error && <ErrorMessage error={latest.error} onRetry={latest.reload} />}
      {!latest.data && latest.loading && <Loading />}
      {!result && !latest.loading && !running && <p data-testid="no-run">{t('runsNone')}</p>}
      {result && (
        <>
          {result.usesSyntheticData && <SampleBanner detail={t('runsSyntheticDetail')} />}
          {!result.network && (
            <div class="approximation-notice" role="note" data-testid="runs-approximation">
              <strong>{t('runsApproximation')}</strong>
            </div>
          )}
          <p>
            {t('runsComputedAt', {
              at: formatDateTime(result.computedAt, lang),
              points: formatNumber(result.residentialPoints, lang),
            })}
            {result.network ? ` ${t('runsNetwork', { sha: result.network.sha256.slice(0, 12) })}` : ''}
          </p>
          <div class="table-wrap">
            <table data-testid="runs-table">
              <caption>{t('runsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('facilityType')}</th>
                  <th scope="col">{t('runsCircle')}</th>
                  <th scope="col" class="num">
                    {t('runsFacilities')}
                  </th>
                  <th scope="col" class="num">
                    {t('runsShare')}
                  </th>
                  <th scope="col" class="num">
                    {t('runsAccessibility')}
                  </th>
                  <th scope="col" class="num">
                    {t('runsWithoutAccess')}
                  </th>
                  <th scope="col">{t('runsInputs')}</th>
                </tr>
              </thead>
              <tbody>
                {result.types.map((row) => (
                  <tr key={row.type}>
                    <th scope="row">
                      <a href={`#/resources/coverage?type=${row.type}`}>
                        {pick(FACILITY_TYPE_LABELS[row.type])}
                      </a>
                    </th>
                    <td>
                      {row.circle.minutes !== null
                        ? t('runsMinutes', { minutes: row.circle.minutes })
                        : t('runsMetres', { metres: row.circle.metres })}
                    </td>
                    <td class="num">{formatNumber(row.facilities, lang)}</td>
                    <td class="num">{percent(row.share)}</td>
                    <td class="num">{row.accessibility === null ? '—' : row.accessibility.toPrecision(3)}</td>
                    <td class="num">{percent(row.withoutAccess)}</td>
                    <td>
                      <code title={row.inputsSha256}>{row.inputsSha256.slice(0, 12)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
