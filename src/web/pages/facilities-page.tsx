/**
 * The facility registry (设施登记): filter by type and district, the list (示例 marks generated
 * facilities), and for users who may write, a form to add one and a file import.
 */
import type { FacilityType } from '../../domain/resources/facility.ts';
import { CAPACITY_KEYS, CAPACITY_LABELS, FACILITY_TYPE_LABELS } from '../../domain/resources/facility.ts';
import type { FacilityImportResultView, FacilityView } from '../../domain/resources/views.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { DistrictSelect, ResourcesNav } from '../components/district-select.tsx';
import { FacilityTypeSelect } from '../components/facility-type-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { FacilityForm } from '../components/facility-form.tsx';
import { PlaceImportForm } from '../components/place-import-form.tsx';
import { FACILITY_STATUS_KEYS, OWNERSHIP_KEYS } from '../components/facility-labels.ts';
import { SampleBanner } from '../components/sample-banner.tsx';
import { SampleTag } from '../components/sample-tag.tsx';
import { areaName, formatNumber } from '../format.ts';
import { canWriteAny } from '../permissions.ts';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function FacilitiesPage({ route }: { route: Route }) {
  const { t, pick, lang, user, meta } = useApp();
  useDocumentTitle(t('facilitiesTitle'));
  const type = route.query.get('type') ?? '';
  const district = route.query.get('district') ?? '';
  const list = useApi<FacilityView[]>(withQuery('/api/facilities', { type, district }));
  const rows = list.data ?? [];
  const capacities = (f: FacilityView) =>
    CAPACITY_KEYS.filter((k) => f.capacities[k] !== undefined)
      .map((k) => `${pick(CAPACITY_LABELS[k])} ${formatNumber(f.capacities[k], lang)}`)
      .join('；');
  return (
    <>
      <h1>{t('resourcesTitle')}</h1>
      <ResourcesNav current="facilities" />
      <h2>{t('facilitiesTitle')}</h2>
      <div class="toolbar">
        <FacilityTypeSelect
          id="facilities-type"
          value={type}
          allowAll
          onChange={(ty) => replaceQuery(route, { type: ty })}
        />
        <DistrictSelect
          id="facilities-district"
          value={district}
          onChange={(code) => replaceQuery(route, { district: code })}
        />
      </div>
      {rows.some((f) => f.synthetic) && <SampleBanner />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && rows.length === 0 && <p>{t('noFacilities')}</p>}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table data-testid="facility-table">
            <caption>{t('facilitiesCaption', { n: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colType')}</th>
                <th scope="col">{t('district')}</th>
                <th scope="col">{t('colCapacities')}</th>
                <th scope="col">{t('colOwnership')}</th>
                <th scope="col">{t('colFacilityStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => (
                <tr key={f.id} data-testid={`facility-row-${f.id}`}>
                  <th scope="row">
                    {f.name} {f.synthetic && <SampleTag />}
                  </th>
                  <td>
                    {FACILITY_TYPE_LABELS[f.type as FacilityType]
                      ? pick(FACILITY_TYPE_LABELS[f.type])
                      : f.type}
                  </td>
                  <td>{areaName(meta.areas, f.districtCode, lang)}</td>
                  <td>{capacities(f) || '—'}</td>
                  <td>{OWNERSHIP_KEYS[f.ownership] ? t(OWNERSHIP_KEYS[f.ownership]) : f.ownership}</td>
                  <td>{FACILITY_STATUS_KEYS[f.status] ? t(FACILITY_STATUS_KEYS[f.status]) : f.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWriteAny(user) && (
        <div class="two-columns">
          <FacilityForm onSaved={list.reload} />
          <PlaceImportForm<FacilityImportResultView>
            id="facility-import"
            url="/api/facilities/import"
            title={t('importFacilitiesTitle')}
            intro={t('importFacilitiesIntro')}
            describeResult={(r) => t('facilitiesImported', { created: r.created })}
            onImported={list.reload}
          />
        </div>
      )}
    </>
  );
}
