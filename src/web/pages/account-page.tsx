/**
 * My account: any signed-in user changes their own password (current, new, new again). The two
 * new ones are compared before sending; the API's problems (a wrong current password, a too-short
 * new one) appear next to the field they name. The API ends the user's other sessions.
 */
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { Field } from '../components/field.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

type Local = Partial<Record<'currentPassword' | 'newPassword' | 'repeatPassword', string[]>>;

export function AccountPage() {
  const { t, user } = useApp();
  useDocumentTitle(t('accountTitle'));
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [local, setLocal] = useState<Local>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  /** Put the keyboard on the first field that has a problem. */
  const focusFirstInvalid = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    const problems: Local = {};
    if (!currentPassword) problems.currentPassword = [t('currentPasswordMissing')];
    if (!newPassword) problems.newPassword = [t('newPasswordMissing')];
    else if (repeatPassword !== newPassword) problems.repeatPassword = [t('passwordsDiffer')];
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/session/password', { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setRepeatPassword('');
      setDone(true);
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const fieldProblems =
    error !== null &&
    error.problemsFor('currentPassword').length + error.problemsFor('newPassword').length > 0;
  return (
    <>
      <h1>{t('accountTitle')}</h1>
      <p>{t('accountIntro', { username: user.username })}</p>
      <form
        ref={formRef}
        class="form account-form"
        onSubmit={submit}
        noValidate
        aria-labelledby="change-password-heading"
      >
        <h2 id="change-password-heading">{t('changePasswordTitle')}</h2>
        {/* A problem with a field is shown at the field (which takes the focus), anything else here. */}
        {error && !fieldProblems && <ErrorMessage error={error} />}
        {done && (
          <p class="message message-ok" role="status">
            {t('passwordChanged')}
          </p>
        )}
        {/* Lets a password manager know whose password this is. */}
        <input type="text" name="username" autocomplete="username" value={user.username} hidden readOnly />
        <Field
          id="account-current-password"
          label={t('currentPassword')}
          required
          messages={local.currentPassword}
          problems={error?.problemsFor('currentPassword')}
        >
          {(aria) => (
            <input
              {...aria}
              type="password"
              autocomplete="current-password"
              value={currentPassword}
              onInput={(e) => setCurrentPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="account-new-password"
          label={t('newPassword')}
          hint={t('newPasswordOwnHint')}
          required
          messages={local.newPassword}
          problems={error?.problemsFor('newPassword')}
        >
          {(aria) => (
            <input
              {...aria}
              type="password"
              autocomplete="new-password"
              value={newPassword}
              onInput={(e) => setNewPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="account-repeat-password"
          label={t('repeatPassword')}
          required
          messages={local.repeatPassword}
        >
          {(aria) => (
            <input
              {...aria}
              type="password"
              autocomplete="new-password"
              value={repeatPassword}
              onInput={(e) => setRepeatPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('changingPassword') : t('changePassword')}
          </button>
        </div>
      </form>
    </>
  );
}
