/** Signing in and calling the API through fastify's inject, for API tests outside api.test.ts. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'fuwu_session');
  expect(cookie?.value).toBeTruthy();
  return { cookie: `fuwu_session=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A request as `s` with its CSRF header (a JSON body when `payload` is given). */
export function callAs(
  app: FastifyInstance,
  s: Session,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, 'x-fuwu-csrf': s.csrf },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Polls GET /api/jobs/:id until the job has finished; returns its final state. */
export async function pollJob<T = Record<string, unknown>>(
  app: FastifyInstance,
  s: Session,
  id: string,
  timeoutMs = 60_000,
): Promise<T & { status: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await callAs(app, s, 'GET', `/api/jobs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json<T & { status: string }>();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
