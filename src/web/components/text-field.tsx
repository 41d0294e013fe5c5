/**
 * A labelled text input: a Field whose control is an <input> bound to one string. The admin forms
 * had the same Field-and-input block for each of their fields, differing only in these attributes.
 */
import type { JSX } from 'preact';
import type { FieldProps } from './field.tsx';
import { Field } from './field.tsx';

export type TextFieldProps = Omit<FieldProps, 'children'> &
  Pick<
    JSX.InputHTMLAttributes<HTMLInputElement>,
    'type' | 'autocomplete' | 'autocapitalize' | 'spellcheck'
  > & {
    value: string;
    onValue: (value: string) => void;
  };

export function TextField({
  value,
  onValue,
  type,
  autocomplete,
  autocapitalize,
  spellcheck,
  ...field
}: TextFieldProps) {
  return (
    <Field {...field}>
      {(aria) => (
        <input
          {...aria}
          type={type}
          autocomplete={autocomplete}
          autocapitalize={autocapitalize}
          spellcheck={spellcheck}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
