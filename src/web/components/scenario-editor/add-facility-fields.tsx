/**
 * The fields of an added facility: type, name, the place (a click on the map fills longitude,
 * latitude and the district it falls in; the fields can also be typed), and capacities. Today's
 * facilities of the chosen type are on the map, so a planner sees where the gaps are.
 */
import type { FacilityView } from '../../../domain/resources/views.ts';
import type { CapacityKey } from '../../../domain/resources/facility.ts';
import { useApp } from '../../app-context.ts';
import { areaName } from '../../format.ts';
import { useApi } from '../../use-api.ts';
import { selectableAreas } from '../area-year-select.tsx';
import { CapacityInputs } from '../capacity-inputs.tsx';
import { useBoundaries } from '../district-map.tsx';
import { DistrictSelect } from '../district-select.tsx';
import { FacilityTypeSelect } from '../facility-type-select.tsx';
import { Field } from '../field.tsx';
import { districtAt } from './district-at.ts';
import type { DraftFieldsProps } from './draft.ts';
import { PlacementMap } from './placement-map.tsx';

export function AddFacilityFields({ draft, set, problems }: DraftFieldsProps) {
  const { t, lang, meta } = useApp();
  const boundaries = useBoundaries();
  const existing = useApi<FacilityView[]>(`/api/facilities?type=${draft.type}`);
  const districtCodes = new Set(selectableAreas(meta.areas).districts.map((a) => a.code));
  const lon = Number(draft.lon);
  const lat = Number(draft.lat);
  const placed =
    draft.lon.trim() !== '' && draft.lat.trim() !== '' && Number.isFinite(lon) && Number.isFinite(lat)
      ? { lon, lat }
      : null;
  const onPlace = (x: number, y: number) => {
    const code = boundaries.data ? districtAt(boundaries.data, districtCodes, x, y) : null;
    set({ lon: x.toFixed(6), lat: y.toFixed(6), ...(code ? { districtCode: code } : {}) });
  };
  return (
    <>
      <FacilityTypeSelect id="change-type" value={draft.type} onChange={(ty) => ty && set({ type: ty })} />
      <Field id="change-name" label={t('scenarioFieldName')} problems={problems('name')}>
        {(aria) => (
          <input {...aria} value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        )}
      </Field>
      <p class="hint" id="placement-hint">
        {t('scenarioEdPlaceHint')}
      </p>
      {boundaries.data && (
        <PlacementMap
          boundaries={boundaries.data}
          facilities={(existing.data ?? []).filter((f) => f.status === 'open')}
          placed={placed}
          onPlace={onPlace}
          focusDistrict={draft.districtCode}
          label={t('scenarioEdPlaceMapLabel', { n: (existing.data ?? []).length })}
        />
      )}
      <div class="field-row">
        <Field id="change-lon" label={t('scenarioFieldLon')} required problems={problems('lon')}>
          {(aria) => (
            <input
              {...aria}
              inputMode="decimal"
              value={draft.lon}
              onInput={(e) => set({ lon: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="change-lat" label={t('scenarioFieldLat')} required problems={problems('lat')}>
          {(aria) => (
            <input
              {...aria}
              inputMode="decimal"
              value={draft.lat}
              onInput={(e) => set({ lat: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <DistrictSelect
        id="change-district"
        value={draft.districtCode}
        onChange={(code) => set({ districtCode: code })}
      />
      {placed && (
        <p role="status" data-testid="placement-status">
          {draft.districtCode
            ? t('scenarioEdPlacedIn', { district: areaName(meta.areas, draft.districtCode, lang) })
            : t('scenarioEdPlacedOutside')}
        </p>
      )}
      <CapacityInputs
        idPrefix="change-capacity"
        values={draft.capacities}
        onChange={(k: CapacityKey, v) => set({ capacities: { ...draft.capacities, [k]: v } })}
        problems={problems}
      />
    </>
  );
}
