/** The year and area selectors shared by the board and the indicator page. */
import type { Area } from '../../domain/plan/pack.schema.ts';
import { useApp } from '../app-context.ts';

export function YearSelect(props: {
  id: string;
  years: number[];
  value: number;
  onChange: (year: number) => void;
}) {
  const { t } = useApp();
  return (
    <div class="field field-inline">
      <label for={props.id}>{t('year')}</label>
      <select
        id={props.id}
        value={String(props.value)}
        onChange={(e) => props.onChange(Number(e.currentTarget.value))}
      >
        {props.years.map((y) => (
          <option key={y} value={String(y)}>
            {t('yearSuffix', { year: y })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The city and its districts (functional zones have no figures of their own on the board). */
export function selectableAreas(areas: readonly Area[]): { city: Area[]; districts: Area[] } {
  return {
    city: areas.filter((a) => a.kind === 'city'),
    districts: areas.filter((a) => a.kind === 'district'),
  };
}

export function AreaSelect(props: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  label?: string;
}) {
  const { t, meta, lang } = useApp();
  const { city, districts } = selectableAreas(meta.areas);
  const name = (a: Area) => (lang === 'zh' ? a.name : a.nameEn);
  return (
    <div class="field field-inline">
      <label for={props.id}>{props.label ?? t('area')}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <optgroup label={t('areaCity')}>
          {city.map((a) => (
            <option key={a.code} value={a.code}>
              {name(a)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('areaDistricts')}>
          {districts.map((a) => (
            <option key={a.code} value={a.code}>
              {name(a)}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
