/**
 * The plan's three reviews (annual, mid-term 2023, final 2025): status counts, the binding
 * indicators off track, and the Word and Excel documents to download.
 */
import type { Review, ReviewKind } from '../../domain/plan/review.ts';
import { NATURE_LABELS } from '../../domain/plan/labels.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { YearSelect } from '../components/area-year-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
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

const KINDS: ReviewKind[] = ['annual', 'midTerm', 'final'];

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
  const docUrl = (ext: 'docx' | 'xlsx') =>
    withQuery(`/api/reviews/${kind}/document.${ext}`, { year: yearQuery });

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
