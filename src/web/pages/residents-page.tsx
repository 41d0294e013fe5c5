/**
 * Residential points (居民点): per district, the points and people held beside the district's
 * population in the plan pack, how many are synthetic (示例) and how many have estimated age bands;
 * and, for those who may, the import of real points (CSV, XLSX or GeoJSON, any coordinate system).
 */
import type {
  ResidentialPointImportResult,
  ResidentialPointSummary,
} from '../../domain/people/residential-point-views.ts';
import { useApp } from '../app-context.ts';
import { ResourcesNav } from '../components/district-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { PlaceImportForm } from '../components/place-import-form.tsx';
import { SampleBanner } from '../components/sample-banner.tsx';
import { formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function ResidentsPage() {
  const { t, lang, user } = useApp();
  useDocumentTitle(t('residentsTitle'));
  const summary = useApi<ResidentialPointSummary>('/api/residential-points/summary');
  const mayImport = user.role === 'admin' || user.role === 'planner' || user.role === 'districtOfficer';
  const data = summary.data;
  return (
    <>
      <h1>{t('residentsTitle')}</h1>
      <ResourcesNav current="residents" />
      <p>{t('residentsIntro')}</p>
      {summary.error && <ErrorMessage error={summary.error} onRetry={summary.reload} />}
      {!data && !summary.error && <Loading />}
      {data && data.synthetic > 0 && <SampleBanner detail={t('residentsSyntheticDetail')} />}
      {data && (
        <div class="table-wrap">
          <table data-testid="residents-table">
            <caption>
              {t('residentsCaption', {
                points: formatNumber(data.points, lang),
                population: formatNumber(data.population, lang),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('district')}</th>
                <th scope="col" class="num">
                  {t('residentsPoints')}
                </th>
                <th scope="col" class="num">
                  {t('residentsPopulation')}
                </th>
                <th scope="col" class="num">
                  {t('residentsPackPopulation')}
                </th>
                <th scope="col" class="num">
                  {t('residentsSynthetic')}
                </th>
                <th scope="col" class="num">
                  {t('residentsEstimated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.districts.map((d) => (
                <tr key={d.districtCode}>
                  <th scope="row">{d.name}</th>
                  <td class="num">{formatNumber(d.points, lang)}</td>
                  <td class="num">{formatNumber(d.population, lang)}</td>
                  <td class="num">
                    {d.packPopulation === null ? '—' : formatNumber(d.packPopulation, lang)}
                  </td>
                  <td class="num">{formatNumber(d.synthetic, lang)}</td>
                  <td class="num">{formatNumber(d.bandsEstimated, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayImport && (
        <PlaceImportForm<ResidentialPointImportResult>
          id="residents-import"
          url="/api/residential-points/import"
          title={t('residentsImportTitle')}
          intro={t('residentsImportIntro')}
          describeResult={(r) =>
            t('residentsImported', {
              created: r.created,
              updated: r.updated,
              estimated: r.bandsEstimated,
              removed: r.syntheticRemoved,
            })
          }
          onImported={summary.reload}
        />
      )}
    </>
  );
}
