/**
 * Picking a registry facility without knowing its id: narrow by district and type, search by part of
 * the name, and choose one of the open facilities found, each shown with its name, type, district
 * and capacities, generated ones marked 示例 (GET /api/facilities?district=&type=&q=). At most SHOWN are listed; a note asks to
 * narrow the search when more match.
 */
import { useState } from 'preact/hooks';
import type { FacilityType } from '../../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS } from '../../../domain/resources/facility.ts';
import type { FacilityView } from '../../../domain/resources/views.ts';
import { withQuery } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { areaName, formatNumber } from '../../format.ts';
import { useApi } from '../../use-api.ts';
import { DistrictSelect } from '../district-select.tsx';
import { ErrorMessage, Loading } from '../error-message.tsx';
import { FacilityTypeSelect } from '../facility-type-select.tsx';
import { SampleTag } from '../sample-tag.tsx';
import { capacityText } from './capacity-text.ts';

const SHOWN = 20;

export function FacilityPicker(props: {
  /** The facility chosen so far (null: none). */
  value: number | null;
  onPick: (facility: FacilityView) => void;
  /** Where the search starts (e.g. the comparison's type). */
  initialType?: FacilityType;
}) {
  const { t, pick, lang, meta } = useApp();
  const [district, setDistrict] = useState('');
  const [type, setType] = useState<FacilityType | ''>(props.initialType ?? '');
  const [q, setQ] = useState('');
  // Nothing is listed until the search is narrowed somehow: the registry holds tens of thousands.
  const narrowed = district !== '' || q.trim() !== '';
  const found = useApi<FacilityView[]>(
    narrowed
      ? withQuery('/api/facilities', { district, type: type || undefined, q: q.trim() || undefined })
      : null,
  );
  const open = (found.data ?? []).filter((f) => f.status === 'open');
  return (
    <fieldset class="facility-picker" data-testid="facility-picker">
      <legend>{t('scenarioEdPickFacility')}</legend>
      <div class="toolbar">
        <DistrictSelect id="picker-district" value={district} onChange={setDistrict} />
        <FacilityTypeSelect id="picker-type" value={type} onChange={setType} allowAll />
        <div class="field field-inline">
          <label for="picker-q">{t('scenarioEdSearchName')}</label>
          <input id="picker-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
      </div>
      {!narrowed && <p class="hint">{t('scenarioEdPickHint')}</p>}
      {found.error && <ErrorMessage error={found.error} onRetry={found.reload} />}
      {narrowed && found.loading && <Loading />}
      {narrowed && found.data && !found.loading && (
        <>
          <p role="status" class="muted">
            {open.length > SHOWN
              ? t('scenarioEdFoundMore', { n: formatNumber(open.length, lang), shown: SHOWN })
              : t('scenarioEdFound', { n: formatNumber(open.length, lang) })}
          </p>
          <ul class="picker-results" data-testid="facility-picker-results">
            {open.slice(0, SHOWN).map((f) => (
              <li key={f.id}>
                <label>
                  <input
                    type="radio"
                    name="picked-facility"
                    value={String(f.id)}
                    checked={props.value === f.id}
                    onChange={() => props.onPick(f)}
                  />{' '}
                  <strong>{f.name}</strong>
                  {f.synthetic && <SampleTag />} · {pick(FACILITY_TYPE_LABELS[f.type])} ·{' '}
                  {areaName(meta.areas, f.districtCode, lang)} ·{' '}
                  {capacityText(f.capacities, pick, lang) || t('scenarioEdNoCapacity')}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
