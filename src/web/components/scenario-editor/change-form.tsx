/**
 * Adding or editing one change of a scenario: the kind, then the fields of that kind — facilities
 * picked by name, placed by a click on the map, districts and norms chosen by name, projects from the
 * list. Editing starts from the change as it is; saving replaces it (the API keeps a revision of
 * every save). The API's problems appear beside the fields they name.
 */
import { useState } from 'preact/hooks';
import type { FacilityType } from '../../../domain/resources/facility.ts';
import type { ScenarioChange } from '../../../domain/scenarios/scenario.ts';
import type { ApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { CapacityInputs } from '../capacity-inputs.tsx';
import { Field } from '../field.tsx';
import { AddFacilityFields } from './add-facility-fields.tsx';
import { KIND_LABELS } from './change-list.tsx';
import { CompleteProjectsFields } from './complete-projects-fields.tsx';
import type { ChangeDraft, ChangeKind } from './draft.ts';
import { changeOf, draftOf, emptyDraft } from './draft.ts';
import { FacilityPicker } from './facility-picker.tsx';
import { NormSelect } from './norm-select.tsx';
import { PopulationFields } from './population-fields.tsx';

export function ChangeForm({
  initial,
  index,
  type,
  error,
  onSubmit,
  onCancel,
}: {
  /** The change being edited (absent: a new one). */
  initial?: ScenarioChange;
  /** Where the change goes in the list (for the API's field names, `changes[i].…`). */
  index: number;
  /** The comparison's facility type, where a new facility or a search starts. */
  type: FacilityType;
  error: ApiError | null;
  onSubmit: (change: unknown) => void;
  onCancel?: () => void;
}) {
  const { t } = useApp();
  const [draft, setDraft] = useState<ChangeDraft>(() =>
    initial ? draftOf(initial, type) : emptyDraft('addFacility', type),
  );
  const set = (patch: Partial<ChangeDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const problems = (field: string) => {
    const found = error?.problemsFor(`changes[${index}].${field}`) ?? [];
    return found.length > 0 ? found : undefined;
  };
  const submit = (e: Event) => {
    e.preventDefault();
    onSubmit(changeOf(draft));
  };
  const editing = initial !== undefined;
  const kind = draft.kind;
  return (
    <form
      class="form scenario-change-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="change-form-heading"
    >
      <h3 id="change-form-heading">
        {editing ? t('scenarioEdEditHeading', { n: index + 1 }) : t('scenarioAddChange')}
      </h3>
      <div class="field">
        <label for="change-kind">{t('scenarioChangeKind')}</label>
        <select
          id="change-kind"
          value={kind}
          disabled={editing}
          onChange={(e) => setDraft(emptyDraft(e.currentTarget.value as ChangeKind, draft.type))}
        >
          {(Object.keys(KIND_LABELS) as ChangeKind[]).map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABELS[k])}
            </option>
          ))}
        </select>
      </div>
      {kind === 'addFacility' && <AddFacilityFields draft={draft} set={set} problems={problems} />}
      {(kind === 'removeFacility' || kind === 'resizeFacility') && (
        <>
          <FacilityPicker
            value={draft.facilityId}
            initialType={type}
            onPick={(f) => set({ facilityId: f.id, facilityLabel: f.name })}
          />
          <Field id="change-facility" label={t('scenarioEdPicked')} problems={problems('facilityId')}>
            {(aria) => (
              <output {...aria} data-testid="picked-facility">
                {draft.facilityId === null
                  ? t('scenarioEdNothingPicked')
                  : draft.facilityLabel || t('scenarioEdFacilityNumber', { id: draft.facilityId })}
              </output>
            )}
          </Field>
        </>
      )}
      {kind === 'resizeFacility' && (
        <CapacityInputs
          idPrefix="change-capacity"
          values={draft.capacities}
          onChange={(k, v) => set({ capacities: { ...draft.capacities, [k]: v } })}
          problems={problems}
          label={(name) => t('scenarioEdNewCapacity', { name })}
        />
      )}
      {kind === 'projectPopulation' && <PopulationFields draft={draft} set={set} problems={problems} />}
      {kind === 'changeNorm' && (
        <>
          <NormSelect
            id="change-norm"
            value={draft.normCode}
            onChange={(n) => set({ normCode: n?.code ?? '' })}
          />
          <Field id="change-value" label={t('scenarioFieldValue')} required problems={problems('value')}>
            {(aria) => (
              <input
                {...aria}
                inputMode="decimal"
                value={draft.value}
                onInput={(e) => set({ value: e.currentTarget.value })}
              />
            )}
          </Field>
        </>
      )}
      {kind === 'completeProjects' && <CompleteProjectsFields draft={draft} set={set} problems={problems} />}
      <div class="buttons">
        <button type="submit">{editing ? t('scenarioEdSaveChange') : t('scenarioAddChangeButton')}</button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
