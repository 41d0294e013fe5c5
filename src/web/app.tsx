/**
 * The application shell: session and plan meta, display preferences, the header, and the screen
 * for the current hash route (see router.ts for why routing uses the hash).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MetaView, SessionView, UserView } from '../domain/plan/views.ts';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from './api.ts';
import type { AppContextValue } from './app-context.ts';
import { AppContext, useApp } from './app-context.ts';
import { ErrorMessage } from './components/error-message.tsx';
import { Header } from './components/header.tsx';
import type { Lang, Text } from './i18n.ts';
import { translate } from './i18n.ts';
import { AccountPage } from './pages/account-page.tsx';
import { AdminPage } from './pages/admin-page.tsx';
import { SharingAdmin } from './components/sharing-admin.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { CoveragePage } from './pages/coverage-page.tsx';
import { CoverageMapPage } from './pages/coverage-map-page.tsx';
import { FacilitiesPage } from './pages/facilities-page.tsx';
import { IndicatorPage } from './pages/indicator-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { ObservationsPage } from './pages/observations-page.tsx';
import { ResourcesPage } from './pages/resources-page.tsx';
import { AccessRunsPage } from './pages/access-runs-page.tsx';
import { ResidentsPage } from './pages/residents-page.tsx';
import { SitingPage } from './pages/siting-page.tsx';
import { ScenariosPage } from './pages/scenarios-page.tsx';
import { ProjectPage, ProjectsPage } from './pages/projects-page.tsx';
import { ReviewsPage } from './pages/reviews-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { CatalogItemPage, CatalogPage } from './pages/catalog-page.tsx';
import { SelfCheckPage } from './pages/self-check-page.tsx';
import { WorklistsPage } from './pages/worklists-page.tsx';
import { PortalHomePage } from './pages/portal-page.tsx';
import { PortalApplyPage } from './pages/portal-apply-page.tsx';
import { PortalCasePage } from './pages/portal-case-page.tsx';
import { DataAccessPage } from './components/portal/data-access.tsx';
import { RegisterPage } from './pages/register-page.tsx';
import { NearbyPage } from './pages/nearby-page.tsx';
import { CaseQueuePage } from './pages/case-queue-page.tsx';
import { CaseViewPage } from './pages/case-view-page.tsx';
import { PublicShell } from './components/public-shell.tsx';
import {
  applyElderMode,
  applyLang,
  loadElderMode,
  loadLang,
  saveElderMode,
  saveLang,
} from './preferences.ts';
import type { Route } from './router.ts';
import { useRoute } from './router.ts';

const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set([
  'selfCheck',
  'catalog',
  'catalogItem',
  'nearby',
  'register',
]);

export function App() {
  const [lang, setLang] = useState<Lang>(loadLang);
  const [elder, setElder] = useState<boolean>(loadElderMode);
  // undefined: not yet known; null: signed out.
  const [user, setUser] = useState<UserView | null | undefined>(undefined);
  const [meta, setMeta] = useState<MetaView | undefined>(undefined);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const route = useRoute();

  useEffect(() => applyLang(lang), [lang]);
  useEffect(() => applyElderMode(elder), [elder]);

  const loadSession = useCallback(() => {
    setFailure(undefined);
    api.get<SessionView>('/api/session').then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setUser(session.user);
      },
      (err: unknown) => setFailure(err instanceof ApiError ? err : undefined),
    );
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
    });
    loadSession();
    return () => setUnauthenticatedHandler(null);
  }, [loadSession]);

  const loadMeta = useCallback(() => {
    api
      .get<MetaView>('/api/meta')
      .then(setMeta, (err: unknown) => setFailure(err instanceof ApiError ? err : undefined));
  }, []);

  useEffect(() => {
    if (user) loadMeta();
    else setMeta(undefined);
  }, [user, loadMeta]);

  const t = useCallback(
    (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
      translate(lang, key, vars),
    [lang],
  );
  const pick = useCallback((text: Text) => text[lang], [lang]);
  const toggleLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    saveLang(next);
    setLang(next);
  };
  const toggleElder = () => {
    saveElderMode(!elder);
    setElder(!elder);
  };
  const signOut = () => {
    api.delete('/api/session').finally(() => {
      setCsrfToken(null);
      setUser(null);
    });
  };
  const signedIn = (session: SessionView) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
  };

  const context = useMemo<AppContextValue | null>(
    () => (user && meta ? { lang, t, pick, user, meta, reloadMeta: loadMeta } : null),
    [lang, t, pick, user, meta, loadMeta],
  );

  if (failure && !context) {
    return (
      <main id="main" class="page-narrow">
        <p role="alert">{lang === 'zh' ? failure.zh : failure.en}</p>
        <button type="button" onClick={loadSession}>
          {translate(lang, 'retry')}
        </button>
      </main>
    );
  }
  // Residents use the self-check and read the catalog without an account.
  if (user === null && PUBLIC_ROUTES.has(route.name)) {
    return (
      <PublicShell lang={lang} elder={elder} onToggleLang={toggleLang} onToggleElder={toggleElder}>
        <Screen route={route} />
      </PublicShell>
    );
  }
  if (user === null) {
    return (
      <SignInPage
        lang={lang}
        elder={elder}
        onToggleLang={toggleLang}
        onToggleElder={toggleElder}
        onSignedIn={signedIn}
      />
    );
  }
  if (!context) {
    return (
      <main id="main" class="page-narrow">
        <p role="status">{translate(lang, 'loading')}</p>
      </main>
    );
  }
  return (
    <AppContext.Provider value={context}>
      <Shell
        route={route}
        elder={elder}
        failure={failure}
        onToggleLang={toggleLang}
        onToggleElder={toggleElder}
        onSignOut={signOut}
      />
    </AppContext.Provider>
  );
}

function Shell(props: {
  route: Route;
  elder: boolean;
  failure: ApiError | undefined;
  onToggleLang: () => void;
  onToggleElder: () => void;
  onSignOut: () => void;
}) {
  const { t, user } = useApp();
  const route = homeFor(props.route, user.role);
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(props.route.path);
  // Moving to another screen puts focus at the top of the new content, as a page load would.
  useEffect(() => {
    if (lastPath.current !== props.route.path) {
      lastPath.current = props.route.path;
      mainRef.current?.focus();
      window.scrollTo(0, 0);
    }
  }, [props.route.path]);
  const skip = (e: Event) => {
    e.preventDefault(); // the hash is the route: move focus instead of changing it
    mainRef.current?.focus();
  };
  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>
        {t('skipToMain')}
      </a>
      <Header
        current={route.name}
        elder={props.elder}
        onToggleLang={props.onToggleLang}
        onToggleElder={props.onToggleElder}
        onSignOut={props.onSignOut}
      />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {props.failure && <ErrorMessage error={props.failure} />}
        <Screen route={route} />
      </main>
    </>
  );
}

/**
 * A resident's home is the portal, a case worker's the queue and an auditor's the audit log: the
 * planning board is not theirs (the server refuses its data to these roles).
 */
function homeFor(route: Route, role: UserView['role']): Route {
  if (route.name !== 'board') return route;
  if (role === 'resident') return { ...route, name: 'portal' };
  if (role === 'caseWorker' || role === 'supervisor') return { ...route, name: 'caseQueue' };
  if (role === 'auditor') return { ...route, name: 'admin' };
  return route;
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'board':
      return <BoardPage route={route} />;
    case 'indicator':
      return <IndicatorPage route={route} code={route.params.code ?? ''} />;
    case 'observations':
      return <ObservationsPage route={route} />;
    case 'reviews':
      return <ReviewsPage route={route} />;
    case 'resources':
      return <ResourcesPage route={route} />;
    case 'facilities':
      return <FacilitiesPage route={route} />;
    case 'coverage':
      return <CoveragePage route={route} />;
    case 'coverageMap':
      return <CoverageMapPage route={route} />;
    case 'runs':
      return <AccessRunsPage />;
    case 'residents':
      return <ResidentsPage />;
    case 'siting':
      return <SitingPage />;
    case 'scenarios':
      return <ScenariosPage route={route} />;
    case 'projects':
      return <ProjectsPage route={route} />;
    case 'project':
      return <ProjectPage code={route.params.code ?? ''} />;
    case 'admin':
      return <AdminPage />;
    case 'adminSharing':
      return <SharingAdmin />;
    case 'account':
      return <AccountPage />;
    case 'catalog':
      return <CatalogPage route={route} />;
    case 'catalogItem':
      return <CatalogItemPage code={route.params.code ?? ''} />;
    case 'selfCheck':
      return <SelfCheckPage route={route} />;
    case 'workLists':
      return <WorklistsPage />;
    case 'portal':
      return <PortalHomePage route={route} />;
    case 'portalApply':
      return <PortalApplyPage route={route} />;
    case 'portalCase':
      return <PortalCasePage route={route} />;
    case 'portalDataAccess':
      return <DataAccessPage />;
    case 'register':
      return <RegisterPage route={route} />;
    case 'nearby':
      return <NearbyPage route={route} />;
    case 'caseQueue':
      return <CaseQueuePage route={route} />;
    case 'caseView':
      return <CaseViewPage route={route} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
