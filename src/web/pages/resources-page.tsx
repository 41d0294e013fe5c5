/**
 * The gap table (资源配置): each district against each per-population norm of the plan, from the
 * facility registry (GET /api/gaps), with the Excel download. Norms that cannot be computed say why;
 * whether a norm is met is said in words and with an icon, never by colour alone. Below it, the
 * walking network and, for an admin, its import from OpenStreetMap (NetworkSection).
 */
import type { NormGapView, NormGapsView } from '../../domain/resources/views.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { DistrictSelect, ResourcesNav } from '../components/district-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { NetworkSection } from '../components/network-import-form.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { formatNumber } from '../format.ts';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function ResourcesPage({ route }: { route: Route }) {
  const { t } = useApp();
  useDocumentTitle(t('resourcesTitle'));
  const district = route.query.get('district') ?? '';
  const gaps = useApi<NormGapsView>(withQuery('/api/gaps', { district }));
  const estimated = gaps.data?.rows.some((r) => r.populationEstimated) ?? false;
  return (
    <>
      <h1>{t('resourcesTitle')}</h1>
      <ResourcesNav current="resources" />
      <p>{t('resourcesIntro')}</p>
      <div class="toolbar">
        <DistrictSelect
          id="gaps-district"
          value={district}
          onChange={(code) => replaceQuery(route, { district: code })}
        />
        <a href={withQuery('/api/gaps.xlsx', { district })} download>
          {t('downloadGaps')}
        </a>
      </div>
      {gaps.data?.usesSyntheticFacilities && <SampleBanner detail={t('gapsSyntheticDetail')} />}
      {gaps.error && <ErrorMessage error={gaps.error} onRetry={gaps.reload} />}
      {!gaps.data && !gaps.error && <Loading />}
      {gaps.data && gaps.data.rows.length === 0 && <p>{t('noGaps')}</p>}
      {gaps.data && gaps.data.rows.length > 0 && (
        <div class="table-wrap">
          <table data-testid="gap-table">
            <caption>{t('gapsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district')}</th>
                <th scope="col">{t('colNorm')}</th>
                <th scope="col" class="num">
                  {t('colPopulation')}
                </th>
                <th scope="col" class="num">
                  {t('colRequired')}
                </th>
                <th scope="col" class="num">
                  {t('colSupply')}
                </th>
                <th scope="col" class="num">
                  {t('colGap')}
                </th>
                <th scope="col">{t('colMet')}</th>
              </tr>
            </thead>
            <tbody>
              {gaps.data.rows.map((r) => (
                <GapRow key={`${r.districtCode}|${r.normCode}`} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {estimated && gaps.data && (
        <p class="hint">{t('estimatedNote', { source: gaps.data.ageSharesSource })}</p>
      )}
      <NetworkSection />
    </>
  );
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function GapRow({ row: r }: { row: NormGapView }) {
  const { t, lang, pick } = useApp();
  const id = `${r.districtCode}-${r.normCode}`;
  const name = lang === 'zh' ? r.normName : r.normNameEn;
  const num = (x: number | null) => formatNumber(round1(x), lang);
  return (
    <tr data-testid={`gap-row-${id}`}>
      <th scope="row">{r.districtName}</th>
      <td>
        {name}
        <br />
        <span class="small muted">
          {t('normPer', {
            count: formatNumber(r.perCount, lang),
            value: formatNumber(r.normValue, lang),
            unit: r.unit,
          })}
        </span>
      </td>
      {r.computable ? (
        <>
          <td class="num" data-testid={`gap-population-${id}`}>
            {formatNumber(r.population, lang)}
            {r.populationEstimated && <span class="muted">{t('estimatedMark')}</span>}
          </td>
          <td class="num" data-testid={`gap-required-${id}`}>
            {num(r.required)}
          </td>
          <td class="num" data-testid={`gap-supply-${id}`}>
            {num(r.supply)}
          </td>
          <td class="num" data-testid={`gap-gap-${id}`}>
            {num(r.gap)}
          </td>
        </>
      ) : (
        <td colSpan={4} data-testid={`gap-reason-${id}`}>
          {r.reason ? pick(r.reason) : t('notComputable')}
        </td>
      )}
      <td data-testid={`gap-met-${id}`}>
        {r.met === null ? (
          <span class="met met-unknown">{t('notComputable')}</span>
        ) : r.met ? (
          <span class="met met-yes">{t('metYes')}</span>
        ) : (
          <span class="met met-no">{t('metNo')}</span>
        )}
      </td>
    </tr>
  );
}
