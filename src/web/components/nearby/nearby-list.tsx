/**
 * The answer as a list, which is the main view (the map only repeats it): how it was computed, then
 * each facility type with something in reach, nearest first with walking minutes, capacity and the
 * 示例 mark on generated data; then the types with nothing in reach, which is the useful answer too.
 */
import { CAPACITY_LABELS } from '../../../domain/resources/facility.ts';
import type { CapacityKey } from '../../../domain/resources/facility.ts';
import type { NearbyFacility, NearbyServicesView } from '../../../domain/resources/nearby-view.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';

function capacityText(f: NearbyFacility, pick: (t: { zh: string; en: string }) => string): string {
  return (Object.entries(f.capacities) as Array<[CapacityKey, number | undefined]>)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${pick(CAPACITY_LABELS[k])} ${v}`)
    .join('，');
}

export function NearbyList({ view, placeLabel }: { view: NearbyServicesView; placeLabel: string }) {
  const { t, pick } = useEntitlementsUi();
  const inReach = view.groups.filter((g) => !g.noneInReach);
  const none = view.groups.filter((g) => g.noneInReach);
  return (
    <section class="nearby-result" aria-labelledby="nearby-result-title" data-method={view.method}>
      <h2 id="nearby-result-title">{t('nbFrom', { place: placeLabel })}</h2>
      <p class="nearby-method" data-testid="nearby-method">
        {view.approximation
          ? pick(view.approximation)
          : t('nbMethodNetwork', {
              source: view.network?.source ?? '',
              speed: view.walkingMetresPerSecond,
            })}
      </p>
      {view.snapMetres !== null && view.snapMetres > 300 && (
        <p class="message">{t('nbFarFromNetwork', { m: Math.round(view.snapMetres) })}</p>
      )}
      <p class="nearby-summary" role="status">
        {t('nbSummary', {
          minutes: view.minutes,
          inReach: view.counts.typesInReach,
          facilities: view.counts.facilities,
          none: view.counts.types - view.counts.typesInReach,
        })}
      </p>
      {inReach.map((g) => (
        <section
          class="nearby-type"
          key={g.type}
          data-type={g.type}
          aria-labelledby={`nearby-type-${g.type}`}
        >
          <h3 id={`nearby-type-${g.type}`}>
            {pick(g.label)} <span class="nearby-count">{t('nbCount', { n: g.total })}</span>
          </h3>
          <ol class="nearby-facilities">
            {g.facilities.map((f) => (
              <li key={f.id} data-minutes={f.minutes}>
                <span class="nearby-name">{f.name}</span>
                {f.synthetic && (
                  <>
                    {' '}
                    <abbr class="sample-tag" title={t('sampleTagTitle')}>
                      {t('sampleTag')}
                    </abbr>
                  </>
                )}
                <span class="nearby-minutes">{t('nbWalkMinutes', { n: f.minutes })}</span>
                <span class="nearby-detail muted">
                  {[f.districtName, capacityText(f, pick)].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ol>
          {g.total > g.facilities.length && (
            <p class="muted">{t('nbMore', { n: g.total - g.facilities.length })}</p>
          )}
        </section>
      ))}
      {none.length > 0 && (
        <section class="nearby-none" aria-labelledby="nearby-none-title">
          <h3 id="nearby-none-title">{t('nbNoneTitle', { minutes: view.minutes })}</h3>
          <p class="muted">{t('nbNoneHint')}</p>
          <ul>
            {none.map((g) => (
              <li key={g.type} data-type={g.type}>
                {pick(g.label)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
