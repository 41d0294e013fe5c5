/**
 * The two display switches (language, elder mode), in the signed-in header and in the public
 * shell of the self-check: one place for their labels and pressed state.
 */
import type { ComponentChildren } from 'preact';
import type { Lang, MessageKey } from '../i18n.ts';

export function DisplayPrefs(props: {
  lang: Lang;
  elder: boolean;
  t: (key: MessageKey) => string;
  onToggleLang: () => void;
  onToggleElder: () => void;
  children?: ComponentChildren;
}) {
  const { lang, t } = props;
  return (
    <div class="prefs" role="group" aria-label={t('preferences')}>
      <button
        type="button"
        onClick={props.onToggleLang}
        lang={lang === 'zh' ? 'en' : 'zh-CN'}
        title={t('switchLanguageLabel')}
      >
        {t('switchLanguage')}
      </button>
      <button
        type="button"
        aria-pressed={props.elder}
        onClick={props.onToggleElder}
        title={t('elderModeHint')}
      >
        {t('elderMode')}
      </button>
      {props.children}
    </div>
  );
}
