/**
 * Add one facility to the registry (POST /api/facilities). The types and districts offered are
 * those the user may write (permissions.ts); the server checks every field and its problems appear
 * next to the fields they name.
 */
import { useState } from 'preact/hooks';
import type { CapacityKey, FacilityType } from '../../domain/resources/facility.ts';
import {
  CAPACITY_KEYS,
  FACILITY_STATUSES,
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  OWNERSHIPS,
} from '../../domain/resources/facility.ts';
import type { FacilityView } from '../../domain/resources/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { canWrite } from '../permissions.ts';
import { selectableAreas } from './area-year-select.tsx';
import { FACILITY_STATUS_KEYS, OWNERSHIP_KEYS } from './facility-labels.ts';
import { CapacityInputs } from './capacity-inputs.tsx';
import { Field } from './field.tsx';

interface Draft {
  name: string;
  type: string;
  lon: string;
  lat: string;
  districtCode: string;
  communityCode: string;
  capacities: Record<CapacityKey, string>;
  ownership: string;
  status: string;
  openingDate: string;
  source: string;
}

const emptyCapacities = () =>
  Object.fromEntries(CAPACITY_KEYS.map((k) => [k, ''])) as Record<CapacityKey, string>;

export function FacilityForm({ onSaved }: { onSaved: (f: FacilityView) => void }) {
  const { t, pick, lang, user, meta } = useApp();
  const { districts } = selectableAreas(meta.areas);
  const initialDistrict = user.role === 'districtOfficer' && user.districtCode ? user.districtCode : '';
  const empty = (): Draft => ({
    name: '',
    type: '',
    lon: '',
    lat: '',
    districtCode: initialDistrict,
    communityCode: '',
    capacities: emptyCapacities(),
    ownership: 'public',
    status: 'open',
    openingDate: '',
    source: '',
  });
  const [draft, setDraft] = useState<Draft>(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const sectorOf = (type: string) => FACILITY_TYPE_LABELS[type as FacilityType]?.sector ?? '';
  const types = FACILITY_TYPES.filter((ty) =>
    districts.some((d) => canWrite(user, FACILITY_TYPE_LABELS[ty].sector, d.code)),
  );
  const districtChoices = districts.filter((d) =>
    draft.type
      ? canWrite(user, sectorOf(draft.type), d.code)
      : types.some((ty) => canWrite(user, sectorOf(ty), d.code)),
  );
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const problems = (field: string) => error?.problems.filter((p) => p.field === field) ?? [];

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    setError(null);
    const capacities: Record<string, string> = {};
    for (const k of CAPACITY_KEYS)
      if (draft.capacities[k].trim() !== '') capacities[k] = draft.capacities[k].trim();
    const body = {
      name: draft.name,
      type: draft.type,
      lon: draft.lon.trim(),
      lat: draft.lat.trim(),
      districtCode: draft.districtCode,
      communityCode: draft.communityCode.trim() || undefined,
      capacities,
      ownership: draft.ownership,
      status: draft.status,
      openingDate: draft.openingDate || undefined,
      source: draft.source,
    };
    setBusy(true);
    try {
      const row = await api.post<FacilityView>('/api/facilities', body);
      setSaved(row.name);
      setDraft(empty());
      onSaved(row);
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  const shown = new Set([
    'name',
    'type',
    'lon',
    'lat',
    'districtCode',
    'communityCode',
    'ownership',
    'status',
    'openingDate',
    'source',
    ...CAPACITY_KEYS.map((k) => `capacities.${k}`),
  ]);
  const unplaced = error?.problems.filter((p) => !shown.has(p.field)) ?? [];

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="facility-form-heading">
      <h2 id="facility-form-heading">{t('addFacilityTitle')}</h2>
      <Field id="facility-name" label={t('facilityName')} required problems={problems('name')}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            value={draft.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field id="facility-type" label={t('facilityType')} required problems={problems('type')}>
        {(aria) => (
          <select {...aria} value={draft.type} onChange={(e) => set({ type: e.currentTarget.value })}>
            <option value="">{t('chooseType')}</option>
            {types.map((ty) => (
              <option key={ty} value={ty}>
                {pick(FACILITY_TYPE_LABELS[ty])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="field-row">
        <Field id="facility-lon" label={t('lon')} required problems={problems('lon')}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="decimal"
              value={draft.lon}
              onInput={(e) => set({ lon: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="facility-lat" label={t('lat')} required problems={problems('lat')}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="decimal"
              value={draft.lat}
              onInput={(e) => set({ lat: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <Field id="facility-district" label={t('district')} required problems={problems('districtCode')}>
        {(aria) => (
          <select
            {...aria}
            value={draft.districtCode}
            onChange={(e) => set({ districtCode: e.currentTarget.value })}
          >
            <option value="">{t('chooseDistrict')}</option>
            {districtChoices.map((d) => (
              <option key={d.code} value={d.code}>
                {lang === 'zh' ? d.name : d.nameEn}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="facility-community"
        label={t('communityCode')}
        hint={t('communityCodeHint')}
        problems={problems('communityCode')}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            inputMode="numeric"
            value={draft.communityCode}
            onInput={(e) => set({ communityCode: e.currentTarget.value })}
          />
        )}
      </Field>
      <fieldset class="capacities">
        <legend>{t('capacitiesLegend')}</legend>
        <CapacityInputs
          idPrefix="facility-capacity"
          values={draft.capacities}
          onChange={(k, v) => setDraft((d) => ({ ...d, capacities: { ...d.capacities, [k]: v } }))}
          problems={problems}
        />
      </fieldset>
      <div class="field-row">
        <Field id="facility-ownership" label={t('ownership')} required problems={problems('ownership')}>
          {(aria) => (
            <select
              {...aria}
              value={draft.ownership}
              onChange={(e) => set({ ownership: e.currentTarget.value })}
            >
              {OWNERSHIPS.map((o) => (
                <option key={o} value={o}>
                  {t(OWNERSHIP_KEYS[o])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="facility-status" label={t('facilityStatus')} required problems={problems('status')}>
          {(aria) => (
            <select {...aria} value={draft.status} onChange={(e) => set({ status: e.currentTarget.value })}>
              {FACILITY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(FACILITY_STATUS_KEYS[s])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="facility-opening" label={t('openingDate')} problems={problems('openingDate')}>
          {(aria) => (
            <input
              {...aria}
              type="date"
              value={draft.openingDate}
              onInput={(e) => set({ openingDate: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <Field
        id="facility-source"
        label={t('facilitySource')}
        hint={t('facilitySourceHint')}
        required
        problems={problems('source')}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            value={draft.source}
            onInput={(e) => set({ source: e.currentTarget.value })}
          />
        )}
      </Field>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('savingFacility') : t('saveFacility')}
        </button>
      </div>
      {saved !== null && (
        <p class="message message-ok" role="status">
          {t('facilitySaved', { name: saved })}
        </p>
      )}
      {error && (
        <div class="message message-error" role="alert">
          <p>{error.problems.length > 0 ? t('facilityFormProblems') : pick(error)}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((p, i) => (
                <li key={i}>
                  <code>{p.field}</code> {pick(p)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
