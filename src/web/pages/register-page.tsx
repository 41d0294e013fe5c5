/**
 * 居民注册 (#/register), issue 6 §1: a resident makes their own account — username, display name,
 * password twice — and may choose to use a sample person's records (示例) so the portal shows facts
 * "the government already holds". The server's field problems are shown beside their fields in the
 * UI language. Signed up, the resident is signed in and lands on 我的办事.
 */
import { useState } from 'preact/hooks';
import type { SessionView } from '../../domain/plan/views.ts';
import type { Problem } from '../api.ts';
import { ApiError, api, setCsrfToken } from '../api.ts';
import { useEntitlementsUi } from '../entitlements-ui.ts';
import type { Route } from '../router.ts';
import { useDocumentTitle } from '../use-document-title.ts';

type FieldName = 'username' | 'displayName' | 'password' | 'password2';

export function RegisterPage(_props: { route: Route }) {
  const { t, lang, user } = useEntitlementsUi();
  useDocumentTitle(t('registerTitle'));
  const [values, setValues] = useState<Record<FieldName, string>>({
    username: '',
    displayName: '',
    password: '',
    password2: '',
  });
  const [sample, setSample] = useState(true);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);

  if (user) {
    return (
      <div class="page-narrow">
        <h1>{t('registerTitle')}</h1>
        <p>
          {t('ptAlreadySignedIn')} <a href="#/portal">{t('portalTitle')}</a>
        </p>
      </div>
    );
  }

  const say = (p: Problem) => (lang === 'zh' ? p.zh : p.en);
  const set = (name: FieldName, v: string) => {
    setValues((prev) => ({ ...prev, [name]: v }));
    setLocal((prev) => ({ ...prev, [name]: undefined }));
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: Partial<Record<FieldName, string>> = {};
    if (values.username.trim() === '') problems.username = t('ptNeedUsername');
    if (values.password === '') problems.password = t('ptNeedPassword');
    if (values.password2 !== values.password) problems.password2 = t('ptPasswordsDiffer');
    setLocal(problems);
    setError(null);
    const first = (['username', 'password', 'password2'] as const).find((f) => problems[f]);
    if (first) {
      document.getElementById(`reg-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const session = await api.post<SessionView>('/api/residents', {
        username: values.username.trim(),
        displayName: values.displayName.trim() || undefined,
        password: values.password,
        linkSamplePerson: sample,
      });
      setCsrfToken(session.csrfToken);
      // The app learns of the new session as on any page load: open the portal fresh.
      location.replace('#/portal');
      location.reload();
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err
          : new ApiError(0, 'network', { zh: t('networkError'), en: t('networkError') }),
      );
      setBusy(false);
    }
  };

  const messagesFor = (name: FieldName): string[] => {
    const own = local[name] ? [local[name]] : [];
    const server = name === 'password2' ? [] : (error?.problemsFor(name).map(say) ?? []);
    return [...own, ...server];
  };
  const otherProblems =
    error?.problems.filter((p) => !['username', 'displayName', 'password'].includes(p.field)) ?? [];

  const field = (
    name: FieldName,
    label: string,
    type: string,
    autocomplete: string,
    required: boolean,
    hint?: string,
  ) => {
    const id = `reg-${name}`;
    const messages = messagesFor(name);
    const describedBy = [hint ? `${id}-hint` : null, messages.length > 0 ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div class={`field${messages.length > 0 ? ' field-invalid' : ''}`}>
        <label for={id}>
          {label}
          <span class="muted">{required ? t('required') : t('optional')}</span>
        </label>
        {hint && (
          <p id={`${id}-hint`} class="hint">
            {hint}
          </p>
        )}
        <input
          id={id}
          name={name}
          type={type}
          autocomplete={autocomplete}
          value={values[name]}
          required={required || undefined}
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby={describedBy || undefined}
          onInput={(e) => set(name, e.currentTarget.value)}
        />
        {messages.length > 0 && (
          <ul id={`${id}-error`} class="field-errors">
            {messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <div class="page-narrow pt-register">
      <h1>{t('registerTitle')}</h1>
      <p>{t('ptRegisterIntro')}</p>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        {field('username', t('username'), 'text', 'username', true, t('ptUsernameHint'))}
        {field('displayName', t('ptDisplayName'), 'text', 'name', false)}
        {field('password', t('password'), 'password', 'new-password', true, t('ptPasswordHint'))}
        {field('password2', t('ptPasswordAgain'), 'password', 'new-password', true)}
        <div class="field pt-sample-choice">
          <label>
            <input
              type="checkbox"
              checked={sample}
              aria-describedby="reg-sample-hint"
              onChange={(e) => setSample(e.currentTarget.checked)}
            />{' '}
            {t('ptUseSample')}
          </label>
          <p id="reg-sample-hint" class="hint">
            {t('ptUseSampleHint')}
          </p>
        </div>
        {error && (
          <div class="message message-error" role="alert">
            <p>{lang === 'zh' ? error.zh : error.en}</p>
            {otherProblems.length > 0 && (
              <ul>
                {otherProblems.map((p, i) => (
                  <li key={i}>{say(p)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="submit" class="primary big-button" disabled={busy}>
          {busy ? t('ptSigningUp') : t('ptSignUp')}
        </button>
      </form>
      <p>
        {t('ptHaveAccount')} <a href="#/">{t('ptSignInLink')}</a>
      </p>
    </div>
  );
}
