/** The fields of a population projection: the district by name, the year, and a total or a trend. */
import { useApp } from '../../app-context.ts';
import { DistrictSelect } from '../district-select.tsx';
import { Field } from '../field.tsx';
import type { DraftFieldsProps } from './draft.ts';

type TextKey = 'year' | 'total' | 'fromYear' | 'fromPopulation' | 'toYear' | 'toPopulation';

export function PopulationFields({ draft, set, problems }: DraftFieldsProps) {
  const { t } = useApp();
  const input = (k: TextKey, label: Parameters<typeof t>[0], field: string = k, required = false) => (
    <Field id={`change-${k}`} label={t(label)} required={required} problems={problems(field)}>
      {(aria) => (
        <input
          {...aria}
          inputMode="numeric"
          value={draft[k]}
          onInput={(e) => set({ [k]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  return (
    <>
      <DistrictSelect
        id="change-district"
        value={draft.districtCode}
        onChange={(code) => set({ districtCode: code })}
      />
      {input('year', 'scenarioFieldYear', 'year', true)}
      {input('total', 'scenarioFieldTotal')}
      <p class="hint">{t('scenarioTrendHint')}</p>
      <div class="field-row">
        {input('fromYear', 'scenarioFieldFromYear', 'trend.fromYear')}
        {input('fromPopulation', 'scenarioFieldFromPopulation', 'trend.fromPopulation')}
        {input('toYear', 'scenarioFieldToYear', 'trend.toYear')}
        {input('toPopulation', 'scenarioFieldToPopulation', 'trend.toPopulation')}
      </div>
    </>
  );
}
