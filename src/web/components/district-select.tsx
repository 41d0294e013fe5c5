/** A district selector with an "all districts" choice (empty value), for the resource screens. */
import { useApp } from '../app-context.ts';
import { selectableAreas } from './area-year-select.tsx';

export function DistrictSelect(props: { id: string; value: string; onChange: (code: string) => void }) {
  const { t, meta, lang } = useApp();
  const { districts } = selectableAreas(meta.areas);
  return (
    <div class="field field-inline">
      <label for={props.id}>{t('district')}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{t('allDistricts')}</option>
        {districts.map((a) => (
          <option key={a.code} value={a.code}>
            {lang === 'zh' ? a.name : a.nameEn}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The resource screens, linked from each other. */
export function ResourcesNav({
  current,
}: {
  current: 'resources' | 'facilities' | 'residents' | 'coverage' | 'runs' | 'siting' | 'scenarios';
}) {
  const { t } = useApp();
  return (
    <nav aria-label={t('subNav')} class="sub-nav">
      <ul>
        <li>
          <a href="#/resources" aria-current={current === 'resources' ? 'page' : undefined}>
            {t('tabGaps')}
          </a>
        </li>
        <li>
          <a href="#/resources/facilities" aria-current={current === 'facilities' ? 'page' : undefined}>
            {t('tabFacilities')}
          </a>
        </li>
        <li>
          <a href="#/resources/residents" aria-current={current === 'residents' ? 'page' : undefined}>
            {t('tabResidents')}
          </a>
        </li>
        <li>
          <a href="#/resources/coverage" aria-current={current === 'coverage' ? 'page' : undefined}>
            {t('tabCoverage')}
          </a>
        </li>
        <li>
          <a href="#/resources/runs" aria-current={current === 'runs' ? 'page' : undefined}>
            {t('tabRuns')}
          </a>
        </li>
        <li>
          <a href="#/resources/siting" aria-current={current === 'siting' ? 'page' : undefined}>
            {t('tabSiting')}
          </a>
        </li>
        <li>
          <a href="#/resources/scenarios" aria-current={current === 'scenarios' ? 'page' : undefined}>
            {t('tabScenarios')}
          </a>
        </li>
      </ul>
    </nav>
  );
}
