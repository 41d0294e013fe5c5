/**
 * The test's own HTTP client for a server in a child process: sign in over the API (not through a
 * page) and call routes with that session's cookie and CSRF token — in browser tests to seed users
 * and cases or to act as another person between two clicks; in the crash and queue tests to drive a
 * server that is killed and started again (the session lives in the database, so it is valid on any
 * server of the same data: `callAs` takes the server that runs now).
 */
import { expect } from 'vitest';

/** A base URL, or anything running that has one (a started app, a `fuwu serve` process). */
export type HttpTarget = string | { url: string };

const baseOf = (target: HttpTarget) => (typeof target === 'string' ? target : target.url);

/** A signed-in user's cookie and CSRF token. */
export interface HttpSession {
  cookie: string;
  csrf: string;
  /** A call as this user to the server it signed in on. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

export async function httpSession(
  target: HttpTarget,
  username: string,
  password: string,
): Promise<HttpSession> {
  const res = await fetch(`${baseOf(target)}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const session: HttpSession = {
    cookie,
    csrf: csrfToken,
    call: (method, path, body, headers) => callAs(target, session, method, path, body, headers),
  };
  return session;
}

/** A call as `session` to `target` (any server of the same data); a JSON body unless it is a form. */
export function callAs(
  target: HttpTarget,
  session: Pick<HttpSession, 'cookie' | 'csrf'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const isForm = body instanceof FormData;
  return fetch(`${baseOf(target)}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-fuwu-csrf': session.csrf,
      ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
}

/** The JSON body of a response that must have `status` (the body is the failure message otherwise). */
export async function jsonOf<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
