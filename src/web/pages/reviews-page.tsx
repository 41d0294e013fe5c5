/**
 * The plan's three reviews (annual, mid-term 2023, final 2025): status counts, the binding
 * indicators off track, and the Word and Excel documents to download — rendered in the request, or
 * in the background as a job (followed here, then downloaded from the job's output).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Review, ReviewKind } from '../../domain/plan/review.ts';
import { NATURE_LABELS } from '../../domain/plan/labels.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError, withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { YearSelect } from '../components/area-year-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { SampleTag } from '../components/sample-tag.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusCounts } from '../components/status-counts.tsx';
import { formatNumber, yearRange } from '../format.ts';
import type { Route } from '../router.ts';
import { href, replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useIndicators } from '../use-indicators.ts';
import { useJob } from '../use-job.ts';
import type { MessageKey } from '../i18n.ts';

const KINDS: ReviewKind[] = ['annual', 'midTerm', 'final'];
const FORMATS = ['docx', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/** What a finished background rendering (job kind report.review) says of its file. */
interface ReviewReportResult {
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
}
const STAGES: Record<string, MessageKey> = {
  rendering: 'reviewStageRendering',
  saving: 'reviewStageSaving',
};

export function ReviewsPage({ route }: { route: Route }) {
  const { t, lang, pick, meta } = useApp();
  useDocumentTitle(t('reviewsTitle'));
  const k = route.query.get('kind');
  const kind: ReviewKind = KINDS.includes(k as ReviewKind) ? (k as ReviewKind) : 'annual';
  const y = Number(route.query.get('year'));
  const annualYear =
    Number.isInteger(y) && y >= meta.pack.periodStart && y <= meta.pack.periodEnd ? y : meta.defaultYear;
  const year =
    kind === 'midTerm' ? meta.pack.midTermYear : kind === 'final' ? meta.pack.periodEnd : annualYear;
  const yearQuery = kind === 'annual' ? year : undefined;
  const review = useApi<Review>(withQuery(`/api/reviews/${kind}`, { year: yearQuery }));
  const indicators = useIndicators();
  const rowsByCode = new Map((indicators.data?.rows ?? []).map((r) => [r.code, r]));
  const data =
    review.data && review.data.kind === kind && review.data.year === year ? review.data : undefined;
  const kindLabel = (x: ReviewKind) =>
    x === 'annual'
      ? t('reviewAnnual')
      : x === 'midTerm'
        ? t('reviewMidTerm', { year: meta.pack.midTermYear })
        : t('reviewFinal', { year: meta.pack.periodEnd });
  const docUrl = (ext: Format) => withQuery(`/api/reviews/${kind}/document.${ext}`, { year: yearQuery });

  // The background rendering: started here, followed until its file is ready. Another kind or year
  // is another document, so choosing one forgets the job.
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const { job, error: jobError } = useJob<ReviewReportResult>(jobId);
  useEffect(() => {
    setJobId(null);
    setStartError(null);
  }, [kind, year]);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  const generate = async (ext: Format) => {
    setStartError(null);
    setJobId(null);
    try {
      const started = await api.post<JobView>(
        withQuery(`/api/reviews/${kind}/document.${ext}/jobs`, { year: yearQuery }),
      );
      setJobId(started.id);
    } catch (err) {
      setStartError(
        asApiError(err, { zh: '无法开始后台生成。', en: 'Could not start the background rendering.' }),
      );
    }
  };

  return (
    <>
      <h1>{t('reviewsTitle')}</h1>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t('reviewKind')}>
        <fieldset class="segmented">
          <legend>{t('reviewKind')}</legend>
          {KINDS.map((x) => (
            <label key={x}>
              <input
                type="radio"
                name="review-kind"
                checked={kind === x}
                onChange={() => replaceQuery(route, { kind: x === 'annual' ? undefined : x })}
              />
              {kindLabel(x)}
            </label>
          ))}
        </fieldset>
        {kind === 'annual' && (
          <YearSelect
            id="review-year"
            years={yearRange(meta.pack.periodStart, meta.pack.periodEnd)}
            value={year}
            onChange={(v) => replaceQuery(route, { year: v })}
          />
        )}
      </form>

      <section aria-labelledby="downloads-heading" class="card">
        <h2 id="downloads-heading">{t('downloads')}</h2>
        <ul class="downloads">
          <li>
            <a class="button-link" href={docUrl('docx')} download>
              {t('downloadDocx')}
            </a>
          </li>
          <li>
            <a class="button-link" href={docUrl('xlsx')} download>
              {t('downloadXlsx')}
            </a>
          </li>
        </ul>
        <h3 id="background-heading">{t('reviewBackground')}</h3>
        <p class="muted">{t('reviewBackgroundHint')}</p>
        <ul class="downloads" aria-labelledby="background-heading">
          {FORMATS.map((ext) => (
            <li key={ext}>
              <button type="button" disabled={running} onClick={() => void generate(ext)}>
                {t(ext === 'docx' ? 'reviewBackgroundDocx' : 'reviewBackgroundXlsx')}
              </button>
            </li>
          ))}
        </ul>
        {(startError ?? jobError) && <ErrorMessage error={(startError ?? jobError)!} />}
        {job && <JobProgress job={job} stageLabel={(st) => (STAGES[st] ? t(STAGES[st]) : st)} />}
        {job?.status === 'succeeded' && job.result && (
          <p>
            <a
              class="button-link"
              href={`/api/jobs/${encodeURIComponent(job.id)}/output`}
              download
              data-testid="review-background-download"
            >
              {t('reviewBackgroundReady', { file: job.result.fileName })}
            </a>
          </p>
        )}
      </section>

      {review.error && <ErrorMessage error={review.error} onRetry={review.reload} />}
      {!data && !review.error && <Loading />}
      {data && (
        <>
          <h2>{t('reviewHeading', { kind: kindLabel(kind).replace(/\s*[（(].*$/, ''), year })}</h2>
          {data.usesSampleData && <SampleBanner />}
          <div class="counts-row">
            <StatusCounts id="review-headline" title={t('countsHeadline')} counts={data.counts.headline} />
            <StatusCounts id="review-all" title={t('countsAll')} counts={data.counts.all} />
          </div>
          <section aria-labelledby="offtrack-heading">
            <h2 id="offtrack-heading">
              {t('bindingOffTrack')} <span class="muted">({data.bindingOffTrack.length})</span>
            </h2>
            {data.bindingOffTrack.length === 0 ? (
              <p>{t('bindingOffTrackNone')}</p>
            ) : (
              <div class="table-wrap" role="region" aria-labelledby="offtrack-heading" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('colCode')}</th>
                      <th scope="col">{t('colIndicator')}</th>
                      <th scope="col">{t('colNature')}</th>
                      <th scope="col">{t('colTarget')}</th>
                      <th scope="col">{t('colLatest')}</th>
                      <th scope="col">{t('colExpected')}</th>
                      <th scope="col">{t('colStatus')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.bindingOffTrack.map((code) => {
                      const ev = data.city.find((e) => e.indicatorCode === code);
                      const row = rowsByCode.get(code);
                      return (
                        <tr key={code}>
                          <th scope="row">{code}</th>
                          <td>
                            <a href={href(`/indicators/${encodeURIComponent(code)}`, { year })}>
                              {row ? (lang === 'zh' ? row.name : row.nameEn) : code}
                            </a>
                          </td>
                          <td>{row ? pick(NATURE_LABELS[row.nature]) : ''}</td>
                          <td class="num">{row?.targetText ?? ''}</td>
                          <td class="num">
                            {ev?.latest ? (
                              <>
                                {formatNumber(ev.runningTotal ?? ev.latest.value, lang)}{' '}
                                <span class="muted">({ev.latest.year})</span>{' '}
                                {ev.latest.sample && <SampleTag />}
                              </>
                            ) : (
                              '—'
                            )}
                          </td>
                          <td class="num">{formatNumber(ev?.expected ?? null, lang)}</td>
                          <td>{ev && <StatusBadge status={ev.status} />}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
