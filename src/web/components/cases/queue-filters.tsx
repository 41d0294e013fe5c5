/**
 * The queue's filters (service, district, state, deadline, escalated). Each change replaces the hash
 * query (router.ts replaceQuery), so the filtered queue is a link and the back button is not filled
 * with every choice.
 */
import { CASE_STATES } from '../../../domain/cases/case-machine-definition.ts';
import type { CatalogSummary } from '../../../domain/entitlements/views.ts';
import { useApp } from '../../app-context.ts';
import type { Route } from '../../router.ts';
import { replaceQuery } from '../../router.ts';
import type { QueueFilters as Filters } from './case-format.ts';
import { QUEUE_FILTER_KEYS, stateText } from './case-format.ts';

export function QueueFilters(props: { route: Route; filters: Filters; services: CatalogSummary[] }) {
  const { t, lang, meta } = useApp();
  const set = (key: keyof Filters, value: string) => replaceQuery(props.route, { [key]: value });
  const clear = () =>
    replaceQuery(props.route, Object.fromEntries(QUEUE_FILTER_KEYS.map((k) => [k, undefined])));
  const f = props.filters;
  const districts = meta.areas.filter((a) => a.kind !== 'city');
  const any = QUEUE_FILTER_KEYS.some((k) => f[k] !== '');
  return (
    <form
      class="form queue-filters"
      aria-labelledby="cw-filters-heading"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 id="cw-filters-heading">{t('cwFilters')}</h2>
      <div class="field-row">
        <div class="field">
          <label for="cw-f-service">{t('cwFilterService')}</label>
          <select id="cw-f-service" value={f.service} onChange={(e) => set('service', e.currentTarget.value)}>
            <option value="">{t('cwAll')}</option>
            {props.services.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} {lang === 'zh' ? s.name : s.nameEn}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="cw-f-district">{t('cwFilterDistrict')}</label>
          <select
            id="cw-f-district"
            value={f.district}
            onChange={(e) => set('district', e.currentTarget.value)}
          >
            <option value="">{t('cwAll')}</option>
            {districts.map((a) => (
              <option key={a.code} value={a.code}>
                {lang === 'zh' ? a.name : a.nameEn}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="cw-f-state">{t('cwFilterState')}</label>
          <select id="cw-f-state" value={f.state} onChange={(e) => set('state', e.currentTarget.value)}>
            <option value="">{t('cwAll')}</option>
            {CASE_STATES.map((s) => (
              <option key={s} value={s}>
                {stateText(s, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="cw-f-deadline">{t('cwFilterDeadline')}</label>
          <select
            id="cw-f-deadline"
            value={f.deadline}
            onChange={(e) => set('deadline', e.currentTarget.value)}
          >
            <option value="">{t('cwAll')}</option>
            <option value="overdue">{t('cwFlagOverdue')}</option>
            <option value="near">{t('cwFlagNear')}</option>
          </select>
        </div>
      </div>
      <div class="field field-check">
        <label>
          <input
            type="checkbox"
            checked={f.escalated === '1'}
            onChange={(e) => set('escalated', e.currentTarget.checked ? '1' : '')}
          />{' '}
          {t('cwFilterEscalated')}
        </label>
      </div>
      {any && (
        <button type="button" onClick={clear}>
          {t('cwClearFilters')}
        </button>
      )}
    </form>
  );
}
