/**
 * The frame of the pages a resident opens without an account (the self-check and the catalog): a
 * plain header with the display switches (language, elder mode) and a link to staff sign-in.
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { EntitlementsUi } from '../entitlements-ui.ts';
import { PublicUiContext } from '../entitlements-ui.ts';
import type { Lang, Text } from '../i18n.ts';
import { translate } from '../i18n.ts';
import { DisplayPrefs } from './display-prefs.tsx';

export function PublicShell(props: {
  lang: Lang;
  elder: boolean;
  onToggleLang: () => void;
  onToggleElder: () => void;
  children: ComponentChildren;
}) {
  const { lang, elder } = props;
  const ui = useMemo<EntitlementsUi>(
    () => ({
      lang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (text: Text) => text[lang],
      user: null,
      elder,
    }),
    [lang, elder],
  );
  const t = ui.t;
  return (
    <PublicUiContext.Provider value={ui}>
      <header class="site-header public-header">
        <div class="brand-row">
          <p class="brand">
            <span class="brand-zh" lang="zh-CN">
              服务
            </span>{' '}
            <span class="brand-en" lang="en">
              fuwu
            </span>{' '}
            <span class="plan-title">{t('pubTitle')}</span>
          </p>
          <DisplayPrefs
            lang={lang}
            elder={elder}
            t={t}
            onToggleLang={props.onToggleLang}
            onToggleElder={props.onToggleElder}
          >
            <a href="#/" class="account-link">
              {t('pubStaffSignIn')}
            </a>
          </DisplayPrefs>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </PublicUiContext.Provider>
  );
}
