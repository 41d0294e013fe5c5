/**
 * What every screen needs: the language (with `t` and `pick`), the signed-in user, the plan's
 * meta data, and a way to refresh it (after sample data is loaded or removed).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MetaView, UserView } from '../domain/plan/views.ts';
import type { Lang, MessageKey, Text } from './i18n.ts';

export interface AppContextValue {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** The text of a bilingual label in the current language. */
  pick: (text: Text) => string;
  user: UserView;
  meta: MetaView;
  reloadMeta: () => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside <AppContext.Provider>');
  return value;
}
