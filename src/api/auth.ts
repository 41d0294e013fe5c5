/**
 * Who is calling: the session cookie resolves to an actor on each request. Writes also need the
 * CSRF header, which a page on another origin cannot read or forge (the cookie is SameSite=Strict
 * as well; the header is the second lock).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/identity/roles.ts';
import { FuwuError } from '../domain/shared/errors.ts';
import type { AppContext } from '../app/context.ts';
import { actorForToken, csrfTokenFor } from '../app/identity/sessions.ts';

export const SESSION_COOKIE = 'fuwu_session';
export const CSRF_HEADER = 'x-fuwu-csrf';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

export function authHook(ctx: AppContext) {
  return async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE] ?? null;
    request.sessionToken = token;
    request.actor = token ? await actorForToken(ctx, token) : null;
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor, or 401; for writes also the CSRF header, or 403. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor || !request.sessionToken) {
    throw new FuwuError('unauthenticated', '请先登录', 'please sign in first');
  }
  if (!SAFE.has(request.method) && request.headers[CSRF_HEADER] !== csrfTokenFor(request.sessionToken)) {
    throw new FuwuError(
      'forbidden',
      '缺少或错误的 CSRF 令牌，请刷新页面后重试',
      'missing or wrong CSRF token; reload the page and try again',
    );
  }
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
