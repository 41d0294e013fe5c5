/**
 * What the entitlement pages need from the app: the language, `t`, and who is signed in (null for a
 * resident on the self-check). Signed in, it comes from the app context; signed out, the public
 * shell provides it, so the self-check and the catalog work without an account.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { UserView } from '../domain/plan/views.ts';
import { AppContext } from './app-context.ts';
import type { Lang, MessageKey, Text } from './i18n.ts';

export interface EntitlementsUi {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  pick: (text: Text) => string;
  user: UserView | null;
  /** Elder mode is on: one step per screen. */
  elder: boolean;
}

export const PublicUiContext = createContext<EntitlementsUi | null>(null);

/** Whether <html> has the elder class (preferences.ts sets it), following every switch. */
function useElderClass(): boolean {
  const read = () => document.documentElement.classList.contains('elder');
  const [on, setOn] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setOn(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return on;
}

export function useEntitlementsUi(): EntitlementsUi {
  const app = useContext(AppContext);
  const pub = useContext(PublicUiContext);
  const elder = useElderClass();
  if (pub) return { ...pub, elder };
  if (app) return { lang: app.lang, t: app.t, pick: app.pick, user: app.user, elder };
  throw new Error('useEntitlementsUi needs the app context or the public shell');
}
