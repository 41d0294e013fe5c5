/**
 * Sign-in: username and password; the API's own message (zh or en) when it refuses. The header is the
 * public pages' (brand and display switches).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../domain/plan/views.ts';
import { ApiError, api } from '../api.ts';
import { PublicHeader } from '../components/public-shell.tsx';
import type { Lang } from '../i18n.ts';
import { translate } from '../i18n.ts';

export interface SignInPageProps {
  lang: Lang;
  elder: boolean;
  onToggleLang: () => void;
  onToggleElder: () => void;
  onSignedIn: (session: SessionView) => void;
}

export function SignInPage(props: SignInPageProps) {
  const t = (key: Parameters<typeof translate>[1]) => translate(props.lang, key);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('signInTitle')} · 服务 fuwu`;
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signInMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<SessionView>('/api/session', { username: username.trim(), password });
      props.onSignedIn(session);
    } catch (err) {
      setError(err instanceof ApiError ? (props.lang === 'zh' ? err.zh : err.en) : t('networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PublicHeader
        lang={props.lang}
        elder={props.elder}
        t={t}
        onToggleLang={props.onToggleLang}
        onToggleElder={props.onToggleElder}
      />
      <main id="main" class="page-narrow">
        <h1>{t('signInTitle')}</h1>
        <p>{t('signInIntro')}</p>
        <form class="form sign-in" onSubmit={submit} noValidate>
          <div class="field">
            <label for="username">{t('username')}</label>
            <input
              id="username"
              name="username"
              autocomplete="username"
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
          <div class="field">
            <label for="password">{t('password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
          {error && (
            <p id="sign-in-error" class="message message-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('signingIn') : t('signInButton')}
          </button>
        </form>
        <nav class="public-links" aria-label={t('signInPublicLinks')}>
          <p>{t('signInPublicIntro')}</p>
          <ul>
            <li>
              <a href="#/self-check">{t('scTitle')}</a>
            </li>
            <li>
              <a href="#/catalog">{t('catTitle')}</a>
            </li>
          </ul>
          <p>
            <a href="#/register">{t('ptResidentSignUp')}</a>
          </p>
        </nav>
      </main>
    </>
  );
}
