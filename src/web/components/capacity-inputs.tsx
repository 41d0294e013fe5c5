/**
 * One input per capacity the plan's norms count (beds, nursing-type beds, places, seats, floor area,
 * nurses, physicians), each a Field with its own problems; shared by the facility and project forms.
 */
import type { CapacityKey } from '../../domain/resources/facility.ts';
import { CAPACITY_KEYS, CAPACITY_LABELS } from '../../domain/resources/facility.ts';
import type { Problem } from '../api.ts';
import { useApp } from '../app-context.ts';
import { Field } from './field.tsx';

export function CapacityInputs(props: {
  idPrefix: string;
  values: Record<CapacityKey, string>;
  onChange: (key: CapacityKey, value: string) => void;
  /** The API's problems for a field such as `capacities.beds`. */
  problems: (field: string) => Problem[] | undefined;
  /** The label of a capacity (default: its name). */
  label?: (name: string) => string;
}) {
  const { pick } = useApp();
  return (
    <div class="field-row">
      {CAPACITY_KEYS.map((k) => (
        <Field
          key={k}
          id={`${props.idPrefix}-${k}`}
          label={props.label ? props.label(pick(CAPACITY_LABELS[k])) : pick(CAPACITY_LABELS[k])}
          problems={props.problems(`capacities.${k}`)}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="decimal"
              value={props.values[k]}
              onInput={(e) => props.onChange(k, e.currentTarget.value)}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
