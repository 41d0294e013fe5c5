/**
 * A form field: its label, an optional hint, the input, and the problems the API reported for
 * it, tied together with aria-describedby and aria-invalid.
 */
import type { ComponentChildren } from 'preact';
import type { Problem } from '../api.ts';
import { useApp } from '../app-context.ts';

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  problems?: Problem[];
  /** Extra local messages (checked before sending). */
  messages?: string[];
  /** Render the control; receives the attributes that link it to the label, hint and errors. */
  children: (aria: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
    required?: boolean;
  }) => ComponentChildren;
}

export function Field(props: FieldProps) {
  const { t, pick } = useApp();
  const errors = [...(props.messages ?? []), ...(props.problems ?? []).map((p) => pick(p))];
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : null, errors.length > 0 ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${errors.length > 0 ? ' field-invalid' : ''}`}>
      <label for={props.id}>
        {props.label}
        <span class="muted">{props.required ? t('required') : t('optional')}</span>
      </label>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.children({
        id: props.id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': errors.length > 0 || undefined,
        required: props.required || undefined,
      })}
      {errors.length > 0 && (
        <ul id={errorId} class="field-errors">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
