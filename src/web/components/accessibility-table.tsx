/**
 * Capacity-aware accessibility (2SFCA / E2SFCA) of one facility type by district: supply per 1,000
 * people of the group the type serves within the plan's circle (e.g. childcare places per 1,000
 * children under 3 within 15 minutes), and the share of that group with nothing in reach. A switch
 * chooses plain 2SFCA or E2SFCA with distance decay; the catchment is walked over the network, or
 * a flagged straight-line approximation without one. The inputs' hash is printed for tracing.
 */
import { useState } from 'preact/hooks';
import type { AccessibilityView } from '../../domain/resources/accessibility-view.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { CAPACITY_LABELS } from '../../domain/resources/facility.ts';
import { withQuery } from '../api.ts';
import { useApp } from '../app-context.ts';
import { areaName, formatDateTime, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage, Loading } from './error-message.tsx';

/** Supply per person as supply per 1,000 people, one decimal; '—' without demand. */
export function perThousand(x: number | null): string {
  return x === null ? '—' : (x * 1000).toFixed(1);
}

const share = (s: number | null) => (s === null ? '—' : `${(s * 100).toFixed(1)}%`);

export function AccessibilityTable({ type }: { type: FacilityType }) {
  const { t, pick, lang, meta } = useApp();
  const [method, setMethod] = useState<'2sfca' | 'e2sfca'>('e2sfca');
  const res = useApi<AccessibilityView>(withQuery('/api/accessibility', { type, method }));
  const view = res.data && res.data.type === type && res.data.method === method ? res.data : undefined;
  const num = (n: number) => formatNumber(n, lang);
  const supply = view
    ? view.capacity
      ? pick(CAPACITY_LABELS[view.capacity])
      : t('accessibilityFacilities')
    : '';
  return (
    <section aria-labelledby="accessibility-heading" data-testid="accessibility">
      <h3 id="accessibility-heading">{t('accessibilityTitle')}</h3>
      <fieldset class="toolbar">
        <legend>{t('accessibilityMethod')}</legend>
        {(['e2sfca', '2sfca'] as const).map((m) => (
          <label key={m} class="radio">
            <input
              type="radio"
              name="accessibility-method"
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
            />{' '}
            {m === 'e2sfca' ? t('accessibilityE2sfca') : t('accessibility2sfca')}
          </label>
        ))}
      </fieldset>
      {res.error && <ErrorMessage error={res.error} onRetry={res.reload} />}
      {!view && !res.error && <Loading />}
      {view && (
        <>
          {view.approximation && (
            <p class="approximation-notice" role="note" data-testid="accessibility-approximation">
              <strong>{pick(view.approximation)}</strong>
            </p>
          )}
          <p class="muted">
            {t('accessibilityExplain', {
              supply,
              bands: view.servedBands.map((b) => b.replace('-', '–')).join(', '),
              catchment:
                view.catchmentSeconds !== null
                  ? t('accessibilityCatchmentNetwork', { seconds: num(view.catchmentSeconds) })
                  : t('accessibilityCatchmentLine', { metres: num(view.catchmentMetres) }),
            })}
          </p>
          <div class="table-wrap" role="region" aria-labelledby="accessibility-heading" tabIndex={0}>
            <table data-testid="accessibility-table">
              <thead>
                <tr>
                  <th scope="col">{t('district')}</th>
                  <th scope="col">{t('accessibilityDemand')}</th>
                  <th scope="col">{t('accessibilityPerThousand', { supply })}</th>
                  <th scope="col">{t('accessibilityWithout')}</th>
                </tr>
              </thead>
              <tbody>
                {view.byDistrict.map((d) => (
                  <tr key={d.districtCode}>
                    <th scope="row">{lang === 'zh' ? d.name : areaName(meta.areas, d.districtCode, lang)}</th>
                    <td class="num">{num(d.demand)}</td>
                    <td class="num">{perThousand(d.accessibility)}</td>
                    <td class="num">{share(d.withoutAccess)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('accessibilityCity')}</th>
                  <td class="num">{num(view.city.demand)}</td>
                  <td class="num">{perThousand(view.city.accessibility)}</td>
                  <td class="num">{share(view.city.withoutAccess)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p class="muted small" data-testid="accessibility-inputs">
            {t('accessibilityInputs', {
              points: num(view.inputs.residentialPoints),
              facilities: num(view.inputs.facilities),
              network: view.network ? view.network.sha256.slice(0, 12) : '—',
              hash: view.inputs.sha256.slice(0, 12),
              at: formatDateTime(view.inputs.computedAt, lang),
            })}
          </p>
        </>
      )}
    </section>
  );
}
