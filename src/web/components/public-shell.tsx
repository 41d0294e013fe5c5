/**
 * The frame of the pages a resident opens without an account (the self-check and the catalog): a
 * plain header with the display switches (language, elder mode), a link to sign in (staff and
 * residents alike) and one to resident sign-up. The sign-in page uses the same header (PublicHeader),
 * without the links.
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { EntitlementsUi } from '../entitlements-ui.ts';
import { PublicUiContext } from '../entitlements-ui.ts';
import type { Lang, MessageKey, Text } from '../i18n.ts';
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
      <PublicHeader
        lang={lang}
        elder={elder}
        t={t}
        title={t('pubTitle')}
        onToggleLang={props.onToggleLang}
        onToggleElder={props.onToggleElder}
      >
        <a href="#/" class="account-link">
          {t('ptSignInLink')}
        </a>
        <a href="#/register" class="account-link">
          {t('ptResidentSignUp')}
        </a>
      </PublicHeader>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </PublicUiContext.Provider>
  );
}

/**
 * The header of the pages without an account (these and sign-in): the brand, an optional title, and
 * the display switches, followed by `children` (e.g. the link to staff sign-in).
 */
export function PublicHeader(props: {
  lang: Lang;
  elder: boolean;
  t: (key: MessageKey) => string;
  title?: string;
  onToggleLang: () => void;
  onToggleElder: () => void;
  children?: ComponentChildren;
}) {
  return (
    <header class="site-header public-header">
      <div class="brand-row">
        <p class="brand">
          <span class="brand-zh" lang="zh-CN">
            服务
          </span>{' '}
          <span class="brand-en" lang="en">
            fuwu
          </span>
          {props.title && (
            <>
              {' '}
              <span class="plan-title">{props.title}</span>
            </>
          )}
        </p>
        <DisplayPrefs
          lang={props.lang}
          elder={props.elder}
          t={props.t}
          onToggleLang={props.onToggleLang}
          onToggleElder={props.onToggleElder}
        >
          {props.children}
        </DisplayPrefs>
      </div>
    </header>
  );
}
