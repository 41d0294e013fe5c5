/**
 * A confirmation opened in place under a table row: a form named by its title, a sentence saying
 * what will happen, optional fields, and confirm and cancel buttons. It takes the keyboard when it
 * opens; confirming runs the action and closes the panel with the action's message, a refusal is
 * shown in the panel (at the field it names, which then takes the focus) and the panel stays open.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage } from './error-message.tsx';

export interface ConfirmPanelProps {
  /** The title's id: the form is labelled by it, so it must be unique on the page. */
  titleId: string;
  title: string;
  text: string;
  confirmLabel: string;
  /** The confirm button's text while the action runs (the confirm label unless given). */
  busyLabel?: string;
  /** A confirm button that destroys or takes away (disabling an account) is marked as dangerous. */
  danger?: boolean;
  /** Does the change; resolves to the message shown once the panel has closed. */
  action: () => Promise<string>;
  /** Closes the panel: with the action's message after it succeeded, without one on cancel. */
  onClose: (message?: string) => void;
  /** The panel's fields, given the refusal (if any) so each shows the problems it names. */
  children?: (error: ApiError | null) => ComponentChildren;
  /** Whether a refusal is shown at the fields, and so not again above them. */
  shownAtFields?: (error: ApiError) => boolean;
}

export function ConfirmPanel(props: ConfirmPanelProps) {
  const { t } = useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);

  // Focus the first field or button when the panel opens, so the keyboard lands in it.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onClose(await props.action());
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
      setBusy(false);
      requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  };

  return (
    <form
      ref={ref}
      class="form form-inline-panel"
      onSubmit={submit}
      noValidate
      aria-labelledby={props.titleId}
    >
      <h3 class="panel-title" id={props.titleId}>
        {props.title}
      </h3>
      <p>{props.text}</p>
      {error && !props.shownAtFields?.(error) && <ErrorMessage error={error} />}
      {props.children?.(error)}
      <div class="buttons">
        <button type="submit" class={props.danger ? 'danger' : 'primary'} disabled={busy}>
          {busy && props.busyLabel ? props.busyLabel : props.confirmLabel}
        </button>
        <button type="button" onClick={() => props.onClose()}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
