/** A facility type selector (optionally with an "all types" choice, empty value), for the resource screens. */
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { useApp } from '../app-context.ts';

export function FacilityTypeSelect(props: {
  id: string;
  value: string;
  onChange: (type: FacilityType | '') => void;
  allowAll?: boolean;
  /** Inline in a toolbar (default) or a stacked form field. */
  inline?: boolean;
}) {
  const { t, pick } = useApp();
  return (
    <div class={props.inline === false ? 'field' : 'field field-inline'}>
      <label for={props.id}>{t('facilityType')}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as FacilityType | '')}
      >
        {props.allowAll && <option value="">{t('allTypes')}</option>}
        {FACILITY_TYPES.map((ty) => (
          <option key={ty} value={ty}>
            {pick(FACILITY_TYPE_LABELS[ty])}
          </option>
        ))}
      </select>
    </div>
  );
}
