/**
 * Service-circle coverage (服务圈覆盖): for a facility type, the share of residents within the
 * circle the plan names (15分钟公共服务圈, 5分钟养老服务圈, 出门500米见公园), for the city, by
 * district (table and choropleth) and by age band, and the largest uncovered places. Until a walking
 * network is imported the result is a straight-line approximation, and the page says so first.
 */
import { useMemo } from 'preact/hooks';
import { AGE_BANDS } from '../../domain/people/age-bands.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { CoverageView } from '../../domain/resources/views.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { AccessibilityTable } from '../components/accessibility-table.tsx';
import { useBoundaries } from '../components/district-map.tsx';
import { TownshipCoverageTable } from '../components/township-coverage-table.tsx';
import { ResourcesNav } from '../components/district-select.tsx';
import { FacilityTypeSelect } from '../components/facility-type-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { areaName, formatDateTime, formatNumber } from '../format.ts';
import type { Text } from '../i18n.ts';
import { projectBoundaries } from '../map-projection.ts';
import type { Route } from '../router.ts';
import { href, replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const DEFAULT_TYPE: FacilityType = 'childcare';
const MAP_WIDTH = 560;

/** The circle the plan names for a type (the same rule as the server's `planCircle`). */
export function circleName(type: FacilityType): Text {
  if (type === 'elderlyServiceStation')
    return { zh: '5分钟养老服务圈', en: '5-minute elderly service circle' };
  if (type === 'park') return { zh: '出门500米见公园', en: 'a park within 500 m' };
  return { zh: '15分钟公共服务圈', en: '15-minute public service circle' };
}

/** A share 0…1 as a percentage with one decimal, or '—' when there is no one to count. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** Five equal classes of coverage share (0–20 %, …, 80–100 %); -1 when there is no share. */
export function shareClass(share: number | null | undefined): number {
  if (share === null || share === undefined) return -1;
  return Math.min(4, Math.max(0, Math.floor(share * 5)));
}

const CLASS_LABELS = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'];

const bandLabel = (band: string) => band.replace('-', '–');

export function CoveragePage({ route }: { route: Route }) {
  const { t, pick, lang } = useApp();
  useDocumentTitle(t('coverageTitle'));
  const raw = route.query.get('type') ?? DEFAULT_TYPE;
  const type = (FACILITY_TYPES as readonly string[]).includes(raw) ? (raw as FacilityType) : DEFAULT_TYPE;
  const coverage = useApi<CoverageView>(withQuery('/api/coverage', { type }));
  const view = coverage.data?.type === type ? coverage.data : undefined;
  const circle = pick(circleName(type));
  const num = (n: number) => formatNumber(n, lang);
  return (
    <>
      <h1>{t('resourcesTitle')}</h1>
      <ResourcesNav current="coverage" />
      <h2>{t('coverageTitle')}</h2>
      <p>
        {t('coverageIntro')}{' '}
        <a href={href('/resources/map', { type })} data-testid="coverage-map-link">
          {t('cmapOpen')}
        </a>
      </p>
      <div class="toolbar">
        <FacilityTypeSelect
          id="coverage-type"
          value={type}
          onChange={(ty) => replaceQuery(route, { type: ty })}
        />
      </div>
      <p data-testid="coverage-circle">
        <strong>
          {t('coverageCircle')}
          {lang === 'zh' ? '：' : ': '}
          {circle}
        </strong>
        {view && (
          <span class="muted">
            {lang === 'zh' ? '（' : ' ('}
            {view.circle.minutes !== null
              ? t('coverageCircleMinutes', { minutes: view.circle.minutes, metres: num(view.circle.metres) })
              : t('coverageCircleMetres', { metres: num(view.circle.metres) })}
            {lang === 'zh' ? '）' : ')'}
          </span>
        )}
      </p>
      {coverage.error && <ErrorMessage error={coverage.error} onRetry={coverage.reload} />}
      {!view && !coverage.error && <Loading />}
      {view && (
        <>
          {view.approximation ? (
            <div class="approximation-notice" role="note" data-testid="coverage-approximation">
              <strong>{pick(view.approximation)}</strong>
            </div>
          ) : (
            view.network && (
              <p class="muted" data-testid="coverage-network">
                {view.network.source} · {view.network.nodes} · {view.network.sha256.slice(0, 12)}
              </p>
            )
          )}
          {view.usesSyntheticData && <SampleBanner detail={t('coverageSyntheticDetail')} />}
          {view.inputs.residentialPoints === 0 ? (
            <p>{t('coverageNoResidents')}</p>
          ) : (
            <CoverageResult view={view} circle={circle} />
          )}
          <p class="muted small" data-testid="coverage-inputs">
            {t('coverageInputs', {
              points: num(view.inputs.residentialPoints),
              facilities: num(view.inputs.facilities),
              hash: view.inputs.sha256.slice(0, 12),
              at: formatDateTime(view.inputs.computedAt, lang),
            })}
          </p>
        </>
      )}
      {view && view.inputs.residentialPoints > 0 && <AccessibilityTable type={type} />}
    </>
  );
}

function CoverageResult({ view, circle }: { view: CoverageView; circle: string }) {
  const { t, lang, meta } = useApp();
  const num = (n: number) => formatNumber(n, lang);
  const { report } = view;
  return (
    <>
      <p class="coverage-city" data-testid="coverage-city">
        {t('coverageCity')}
        {lang === 'zh' ? '：' : ': '}
        <strong>{formatShare(report.all.share)}</strong>{' '}
        <span class="muted">
          {t('coverageCityText', {
            covered: num(report.all.covered),
            population: num(report.all.population),
            facilities: num(view.facilities),
          })}
        </span>
      </p>
      <div class="two-columns">
        <div class="table-wrap">
          <table data-testid="coverage-districts">
            <caption>{t('coverageByDistrict')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district')}</th>
                <th scope="col">{t('colResidents')}</th>
                <th scope="col">{t('colCovered')}</th>
                <th scope="col">{t('colShare')}</th>
              </tr>
            </thead>
            <tbody>
              {report.byDistrict.map((d) => (
                <tr key={d.districtCode}>
                  <th scope="row">{lang === 'zh' ? d.name : areaName(meta.areas, d.districtCode, lang)}</th>
                  <td class="num">{num(d.population)}</td>
                  <td class="num">{num(d.covered)}</td>
                  <td class="num">{formatShare(d.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CoverageMap view={view} circle={circle} />
      </div>
      <div class="table-wrap">
        <table data-testid="coverage-bands">
          <caption>{t('coverageByBand')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colAgeBand')}</th>
              <th scope="col">{t('colResidents')}</th>
              <th scope="col">{t('colCovered')}</th>
              <th scope="col">{t('colShare')}</th>
            </tr>
          </thead>
          <tbody>
            {AGE_BANDS.map((b) => (
              <tr key={b}>
                <th scope="row">{bandLabel(b)}</th>
                <td class="num">{num(report.byBand[b].population)}</td>
                <td class="num">{num(report.byBand[b].covered)}</td>
                <td class="num">{formatShare(report.byBand[b].share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TownshipCoverageTable view={view.byTownship} />
      <h3>{t('coverageUncovered')}</h3>
      {report.uncovered.length === 0 ? (
        <p>{t('coverageUncoveredNone')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="coverage-uncovered">
            <thead>
              <tr>
                <th scope="col">{t('district')}</th>
                <th scope="col">{t('colPeople')}</th>
                <th scope="col">{t('colNearest')}</th>
              </tr>
            </thead>
            <tbody>
              {report.uncovered.slice(0, 20).map((u) => (
                <tr key={u.id}>
                  <th scope="row">{areaName(meta.areas, u.districtCode, lang)}</th>
                  <td class="num">{num(u.total)}</td>
                  <td class="num">{u.distanceMetres === null ? '—' : num(Math.round(u.distanceMetres))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CoverageMap({ view, circle }: { view: CoverageView; circle: string }) {
  const { t, lang } = useApp();
  const boundaries = useBoundaries();
  const projected = useMemo(
    () => (boundaries.data ? projectBoundaries(boundaries.data, MAP_WIDTH) : null),
    [boundaries.data],
  );
  const shares = new Map(view.report.byDistrict.map((d) => [d.districtCode, d.share]));
  if (!boundaries.data && !boundaries.failed) return <Loading />;
  if (!projected || projected.areas.length === 0) return <p class="muted">{t('mapUnavailable')}</p>;
  return (
    <figure class="map" data-testid="coverage-map">
      <svg
        viewBox={`0 0 ${projected.width} ${projected.height}`}
        class="map-svg"
        role="img"
        aria-labelledby="coverage-map-title"
        aria-describedby="coverage-map-desc"
      >
        <title id="coverage-map-title">{t('coverageMapTitle')}</title>
        <desc id="coverage-map-desc">{t('coverageMapDesc', { circle })}</desc>
        {projected.areas.map((area) => {
          const share = shares.get(area.code);
          const cls = shareClass(share);
          const name = lang === 'zh' ? area.name : area.nameEn;
          const label = `${name}${lang === 'zh' ? '：' : ': '}${
            share === undefined || share === null ? t('coverageNoData') : formatShare(share)
          }`;
          return (
            <path
              key={area.code}
              d={area.d}
              fill-rule="evenodd"
              class={`map-area ${cls < 0 ? 'map-none' : `coverage-${cls}`}`}
              data-code={area.code}
            >
              <title>{label}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <ul class="map-legend">
          {CLASS_LABELS.map((label, i) => (
            <li key={label}>
              <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
                <rect x="1" y="1" width="18" height="18" class={`map-area coverage-${i}`} />
              </svg>
              {label}
            </li>
          ))}
          <li>
            <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
              <rect x="1" y="1" width="18" height="18" class="map-area map-none" />
            </svg>
            {t('coverageNoData')}
          </li>
        </ul>
        <p class="muted small">{t('mapSource')}</p>
      </figcaption>
    </figure>
  );
}
