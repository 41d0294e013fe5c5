/**
 * The test's own HTTP client for browser tests: sign in over the API (not through the page) and call
 * routes with that session's cookie and CSRF token — to seed users and cases, or to act as another
 * person between two clicks in the page.
 */
import { expect } from 'vitest';
import type { RunningApp } from './start-app.ts';

export interface HttpSession {
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

export async function httpSession(app: RunningApp, username: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${app.url}/api/session`, {
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
  return {
    call: (method, path, body, headers = {}) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-fuwu-csrf': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** The JSON body of a response that must have `status` (the body is the failure message otherwise). */
export async function jsonOf<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
