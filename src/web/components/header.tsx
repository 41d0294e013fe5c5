/**
 * The page header: app name and plan title, the main navigation, who is signed in (with a link to
 * their account page), and the display switches (language, elder mode). The skip link comes
 * first in the tab order.
 */
import { ROLE_LABELS } from '../../domain/identity/roles.ts';
import { useApp } from '../app-context.ts';
import type { MessageKey } from '../i18n.ts';
import type { RouteName } from '../router.ts';

export interface HeaderProps {
  current: RouteName;
  elder: boolean;
  onToggleLang: () => void;
  onToggleElder: () => void;
  onSignOut: () => void;
}

const NAV: Array<{ route: RouteName; hash: string; label: MessageKey; adminOnly?: boolean }> = [
  { route: 'board', hash: '#/', label: 'navBoard' },
  { route: 'observations', hash: '#/observations', label: 'navEntry' },
  { route: 'reviews', hash: '#/reviews', label: 'navReviews' },
  { route: 'resources', hash: '#/resources', label: 'navResources' },
  { route: 'projects', hash: '#/projects', label: 'navProjects' },
  { route: 'admin', hash: '#/admin', label: 'navAdmin', adminOnly: true },
];

export function Header(props: HeaderProps) {
  const { t, pick, lang, user, meta } = useApp();
  const current =
    props.current === 'indicator'
      ? 'board'
      : props.current === 'facilities'
        ? 'resources'
        : props.current === 'project'
          ? 'projects'
          : props.current;
  return (
    <header class="site-header">
      <div class="brand-row">
        <p class="brand">
          <a href="#/" class="brand-link">
            <span class="brand-zh" lang="zh-CN">
              服务
            </span>{' '}
            <span class="brand-en" lang="en">
              fuwu
            </span>
          </a>
          <span class="plan-title">{lang === 'zh' ? meta.pack.title : meta.pack.titleEn}</span>
        </p>
        <div class="user-box">
          <p class="user">
            <span class="visually-hidden">{t('signedInAs')}：</span>
            <strong>{user.displayName}</strong> <span class="role">{pick(ROLE_LABELS[user.role])}</span>
          </p>
          <a href="#/account" class="account-link" aria-current={current === 'account' ? 'page' : undefined}>
            {t('navAccount')}
          </a>
          <button type="button" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </div>
      <div class="nav-row">
        <nav aria-label={t('mainNav')}>
          <ul class="nav-list">
            {NAV.filter((n) => !n.adminOnly || user.role === 'admin').map((n) => (
              <li key={n.route}>
                <a href={n.hash} aria-current={current === n.route ? 'page' : undefined}>
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
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
        </div>
      </div>
    </header>
  );
}
