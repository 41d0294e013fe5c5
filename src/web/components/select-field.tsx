/**
 * A labelled drop-down: a Field whose control is a <select> of given options, with an optional
 * empty first choice ('—', 'Choose a sector') for a value not yet chosen. The scope pickers of the
 * user and sharing admin pages were each this block.
 */
import type { FieldProps } from './field.tsx';
import { Field } from './field.tsx';

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectFieldProps = Omit<FieldProps, 'children'> & {
  value: string;
  onValue: (value: string) => void;
  options: readonly SelectOption[];
  /** The text of an empty first option; without it every option is a real value. */
  placeholder?: string;
};

export function SelectField({ value, onValue, options, placeholder, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(aria) => (
        <select {...aria} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
