/**
 * Hash routing: every screen lives under `#/…` (`#/`, `#/indicators/H01?year=2023&area=510104`,
 * `#/observations`, `#/reviews`, `#/resources`, `#/resources/facilities`, `#/resources/coverage`, `#/resources/runs`, `#/resources/residents`, `#/resources/siting`, `#/resources/scenarios`, `#/projects`, `#/projects/P05-21`, `#/admin`, `#/account`; the one-stop screens `#/portal`, `#/portal/apply/<service>`, `#/portal/cases/<id>`, `#/register`, `#/nearby`, `#/cases`, `#/cases/<id>`). The server only ever serves index.html for `/`, so
 * routing needs nothing from it (its SPA fallback stays a safety net), and a link with year and
 * area in the hash query can be bookmarked and shared.
 */
import { useEffect, useState } from 'preact/hooks';

export type RouteName =
  | 'board'
  | 'indicator'
  | 'observations'
  | 'reviews'
  | 'resources'
  | 'facilities'
  | 'coverage'
  | 'coverageMap'
  | 'runs'
  | 'residents'
  | 'siting'
  | 'scenarios'
  | 'projects'
  | 'project'
  | 'admin'
  | 'adminSharing'
  | 'account'
  | 'catalog'
  | 'catalogItem'
  | 'selfCheck'
  | 'workLists'
  | 'portal'
  | 'portalApply'
  | 'portalCase'
  | 'portalDataAccess'
  | 'register'
  | 'nearby'
  | 'caseQueue'
  | 'caseView'
  | 'notFound';

export interface Route {
  name: RouteName;
  /** Path parameters, e.g. `code` for an indicator. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The path part of the hash, e.g. `/indicators/H01`. */
  path: string;
}

/** Parse `location.hash` (with or without the leading `#`). */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  const query = new URLSearchParams(queryPart);
  const segments = path.split('/').filter((s) => s.length > 0);
  const route = (name: RouteName, params: Record<string, string> = {}): Route => ({
    name,
    params,
    query,
    path,
  });
  if (segments.length === 0) return route('board');
  const [first, second] = segments;
  if (first === 'indicators' && second && segments.length === 2) {
    return route('indicator', { code: decodeURIComponent(second) });
  }
  if (first === 'resources' && second === 'facilities' && segments.length === 2) return route('facilities');
  if (first === 'resources' && second === 'coverage' && segments.length === 2) return route('coverage');
  if (first === 'resources' && second === 'map' && segments.length === 2) return route('coverageMap');
  if (first === 'resources' && second === 'runs' && segments.length === 2) return route('runs');
  if (first === 'resources' && second === 'residents' && segments.length === 2) return route('residents');
  if (first === 'resources' && second === 'siting' && segments.length === 2) return route('siting');
  if (first === 'resources' && second === 'scenarios' && segments.length === 2) return route('scenarios');
  if (first === 'projects' && second && segments.length === 2) {
    return route('project', { code: decodeURIComponent(second) });
  }
  if (first === 'entitlements' && second === 'worklists' && segments.length === 2) return route('workLists');
  if (first === 'admin' && second === 'sharing' && segments.length === 2) return route('adminSharing');
  if (first === 'catalog' && second && segments.length === 2) {
    return route('catalogItem', { code: decodeURIComponent(second) });
  }
  if (first === 'portal' && second === 'apply' && segments.length === 3) {
    return route('portalApply', { code: decodeURIComponent(segments[2] ?? '') });
  }
  if (first === 'portal' && second === 'data-access' && segments.length === 2)
    return route('portalDataAccess');
  if (first === 'portal' && second === 'cases' && segments.length === 3) {
    return route('portalCase', { id: decodeURIComponent(segments[2] ?? '') });
  }
  if (first === 'cases' && second && segments.length === 2) {
    return route('caseView', { id: decodeURIComponent(second) });
  }
  if (segments.length === 1) {
    if (first === 'portal') return route('portal');
    if (first === 'register') return route('register');
    if (first === 'nearby') return route('nearby');
    if (first === 'cases') return route('caseQueue');
    if (first === 'catalog') return route('catalog');
    if (first === 'self-check') return route('selfCheck');
    if (first === 'projects') return route('projects');
    if (first === 'resources') return route('resources');
    if (first === 'observations') return route('observations');
    if (first === 'reviews') return route('reviews');
    if (first === 'admin') return route('admin');
    if (first === 'account') return route('account');
  }
  return route('notFound');
}

/** A hash link: `href('/indicators/H01', { year: 2023 })` → `#/indicators/H01?year=2023`. */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Change the query of the current screen (a filter): replaces the history entry, so arrowing
 * through a year selector does not fill the back button with every year.
 */
export function replaceQuery(route: Route, changes: Record<string, string | number | undefined>): void {
  const query: Record<string, string> = {};
  route.query.forEach((v, k) => (query[k] = v));
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') delete query[k];
    else query[k] = String(v);
  }
  location.replace(href(route.path, query));
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
