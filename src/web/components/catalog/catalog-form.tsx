/**
 * The shell every catalog edit form shares: a titled form, its own fields, the reason for the change
 * (kept in the revision history), the API's problems when refused or a note when saved, and the
 * submit button, disabled while the request runs.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiError } from '../../api.ts';
import { api, asApiError } from '../../api.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';
import { CatalogProblem } from './catalog-problem.tsx';

/** What a form sends, but for the reason, which the shell adds last. */
export interface CatalogRequest {
  method: 'post' | 'put';
  url: string;
  body: Record<string, unknown>;
}

export function CatalogForm(props: {
  /** Prefix of the heading's and the reason's ids. */
  id: string;
  title: string;
  hint?: string;
  submitLabel: string;
  /** The request, built from the form's fields when it is submitted. */
  request: () => CatalogRequest;
  onSaved: () => void;
  children: ComponentChildren;
}) {
  const { t } = useEntitlementsUi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    const { method, url, body } = props.request();
    setBusy(true);
    setSaved(false);
    (method === 'post' ? api.post(url, { ...body, reason }) : api.put(url, { ...body, reason }))
      .then(
        () => {
          setError(undefined);
          setSaved(true);
          props.onSaved();
        },
        (err: unknown) => setError(asApiError(err, { zh: String(err), en: String(err) })),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form class="catalog-form" onSubmit={submit} aria-labelledby={`${props.id}-form-h`}>
      <h3 id={`${props.id}-form-h`}>{props.title}</h3>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.children}
      <TextInput id={`${props.id}-reason`} label={t('catReason')} value={reason} onInput={setReason} />
      {error && <CatalogProblem error={error} />}
      {saved && (
        <p class="message message-ok" role="status">
          {t('catSaved')}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

/** One labelled text or date input of the edit forms. */
export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  type?: 'text' | 'date';
  hint?: string;
}) {
  return (
    <p>
      <label for={props.id}>{props.label}</label>
      {props.hint && <span class="hint"> {props.hint}</span>}
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
    </p>
  );
}
