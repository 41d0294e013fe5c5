/**
 * The page header: app name and plan title, the main navigation, who is signed in (with a link to
 * their account page), and the display switches (language, elder mode). The skip link comes
 * first in the tab order.
 */
import type { Role } from '../../domain/identity/roles.ts';
import { ROLE_LABELS } from '../../domain/identity/roles.ts';
import { useApp } from '../app-context.ts';
import { DisplayPrefs } from './display-prefs.tsx';
import type { MessageKey } from '../i18n.ts';
import type { RouteName } from '../router.ts';

export interface HeaderProps {
  current: RouteName;
  elder: boolean;
  onToggleLang: () => void;
  onToggleElder: () => void;
  onSignOut: () => void;
}

/** Who sees a navigation entry: planning staff, residents, case staff (issue 6), or auditors (issue 7). */
type Audience = 'planning' | 'resident' | 'caseStaff' | 'oversight';

const NAV: Array<{
  route: RouteName;
  hash: string;
  label: MessageKey;
  for: readonly Audience[];
  adminOnly?: boolean;
}> = [
  { route: 'board', hash: '#/', label: 'navBoard', for: ['planning'] },
  { route: 'observations', hash: '#/observations', label: 'navEntry', for: ['planning'] },
  { route: 'reviews', hash: '#/reviews', label: 'navReviews', for: ['planning'] },
  { route: 'resources', hash: '#/resources', label: 'navResources', for: ['planning'] },
  { route: 'projects', hash: '#/projects', label: 'navProjects', for: ['planning'] },
  { route: 'portal', hash: '#/portal', label: 'navPortal', for: ['resident'] },
  { route: 'caseQueue', hash: '#/cases', label: 'navCaseQueue', for: ['caseStaff'] },
  { route: 'nearby', hash: '#/nearby', label: 'navNearby', for: ['resident'] },
  {
    route: 'catalog',
    hash: '#/catalog',
    label: 'navEntitlements',
    for: ['planning', 'resident', 'caseStaff'],
  },
  { route: 'admin', hash: '#/admin', label: 'navAdmin', for: ['planning'], adminOnly: true },
  // An auditor's one page: the audit log (the admin page shows them only that).
  { route: 'admin', hash: '#/admin', label: 'navAudit', for: ['oversight'] },
];

function audienceOf(role: Role): Audience {
  if (role === 'resident') return 'resident';
  if (role === 'caseWorker' || role === 'supervisor') return 'caseStaff';
  if (role === 'auditor') return 'oversight';
  return 'planning';
}

export function Header(props: HeaderProps) {
  const { t, pick, lang, user, meta } = useApp();
  const current =
    props.current === 'indicator'
      ? 'board'
      : props.current === 'facilities'
        ? 'resources'
        : props.current === 'project'
          ? 'projects'
          : props.current === 'catalogItem' || props.current === 'selfCheck'
            ? 'catalog'
            : props.current === 'portalApply' || props.current === 'portalCase'
              ? 'portal'
              : props.current === 'caseView'
                ? 'caseQueue'
                : props.current === 'adminSharing'
                  ? 'admin'
                  : props.current;
  const audience = audienceOf(user.role);
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
            {NAV.filter((n) => n.for.includes(audience) && (!n.adminOnly || user.role === 'admin')).map(
              (n) => (
                <li key={n.route}>
                  <a href={n.hash} aria-current={current === n.route ? 'page' : undefined}>
                    {t(n.label)}
                  </a>
                </li>
              ),
            )}
          </ul>
        </nav>
        <DisplayPrefs
          lang={lang}
          elder={props.elder}
          t={t}
          onToggleLang={props.onToggleLang}
          onToggleElder={props.onToggleElder}
        />
      </div>
    </header>
  );
}
