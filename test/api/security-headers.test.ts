/**
 * Security headers on every response (issue 7 §1): the web app's Content-Security-Policy, a relaxed
 * one for the Swagger UI, none-at-all for JSON; the other headers; HSTS and the Secure cookie only
 * with TLS (secureCookies); no caching of API answers; and the client address behind a trusted proxy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { API_CSP, APP_CSP, DOCS_CSP } from '../../src/api/security-headers.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { ADMIN_PASSWORD, engineName, openTestPlatform } from '../support/test-db.ts';

/** A directive of a policy, e.g. `style-src` → `'self'`. */
function directive(csp: unknown, name: string): string | undefined {
  return String(csp)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);
}

function expectCommonHeaders(res: LightMyRequestResponse): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  const pp = String(res.headers['permissions-policy']);
  expect(pp).toContain('geolocation=(self)');
  expect(pp).toContain('camera=()');
  expect(pp).toContain('microphone=()');
}

describe(`security headers and cookie flags (${engineName()})`, () => {
  let p: TestPlatform;
  let plain: FastifyInstance;
  let tls: FastifyInstance;
  let proxied: FastifyInstance;
  let webDir: string;

  beforeAll(async () => {
    p = await openTestPlatform();
    webDir = mkdtempSync(join(tmpdir(), 'fuwu-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>fuwu</title><div id="app"></div>');
    plain = await buildServer(p.ctx, { webDir });
    tls = await buildServer(p.ctx, { webDir, secureCookies: true });
    proxied = await buildServer(p.ctx, { trustProxy: true });
  }, 180_000);
  afterAll(async () => {
    await plain?.close();
    await tls?.close();
    await proxied?.close();
    await p?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the web app with a strict Content-Security-Policy and the other headers', async () => {
    for (const url of ['/', '/some/page']) {
      const res = await plain.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const csp = res.headers['content-security-policy'];
      expect(csp).toBe(APP_CSP);
      expect(directive(csp, 'default-src')).toBe("'self'");
      expect(directive(csp, 'script-src')).toBe("'self'");
      expect(directive(csp, 'object-src')).toBe("'none'");
      expect(directive(csp, 'base-uri')).toBe("'self'");
      expect(directive(csp, 'frame-ancestors')).toBe("'none'");
      expect(directive(csp, 'form-action')).toBe("'self'");
      expect(directive(csp, 'img-src')).toBe("'self' data: blob:");
      expect(String(csp)).not.toContain('unsafe-eval');
      expect(directive(csp, 'script-src')).not.toContain('unsafe-inline');
      expectCommonHeaders(res);
      // The page itself names no one: it may be cached.
      expect(res.headers['cache-control']).not.toBe('no-store');
    }
  });

  it('gives API answers a policy that allows nothing and marks them no-store', async () => {
    for (const url of ['/api/health', '/api/session', '/api/no-such-thing']) {
      const res = await plain.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(API_CSP);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expectCommonHeaders(res);
    }
    const denied = await plain.inject({ method: 'GET', url: '/api/users' });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['cache-control']).toBe('no-store');
  });

  it('gives the Swagger UI the inline styles it needs, and nothing more', async () => {
    const res = await plain.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(directive(DOCS_CSP, 'style-src')).toBe("'self' 'unsafe-inline'");
    expect(directive(DOCS_CSP, 'script-src')).toBe("'self'");
    expectCommonHeaders(res);
  });

  it('sends HSTS only when served over TLS (secureCookies)', async () => {
    for (const url of ['/', '/api/health']) {
      expect(
        (await plain.inject({ method: 'GET', url })).headers['strict-transport-security'],
      ).toBeUndefined();
      const hsts = (await tls.inject({ method: 'GET', url })).headers['strict-transport-security'];
      expect(hsts).toMatch(/^max-age=31536000/);
    }
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, Secure only with TLS', async () => {
    const cookieOf = async (app: FastifyInstance) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const c = res.cookies.find((x) => x.name === 'fuwu_session');
      expect(c).toBeDefined();
      return c!;
    };
    const plainCookie = await cookieOf(plain);
    expect(plainCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(plainCookie.secure).toBeFalsy();
    const tlsCookie = await cookieOf(tls);
    expect(tlsCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
  });

  it('keys the per-address limit on X-Forwarded-For only behind a trusted proxy', async () => {
    const login = (app: FastifyInstance, forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: `nobody-${Math.random()}`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': forwardedFor },
        remoteAddress: '10.9.9.9',
      });
    for (let i = 0; i < 20; i++) expect((await login(proxied, '192.0.2.1')).statusCode).toBe(401);
    expect((await login(proxied, '192.0.2.1')).statusCode).toBe(429);
    // Another client behind the same proxy is not blocked.
    expect((await login(proxied, '192.0.2.2')).statusCode).toBe(401);
    // Without trustProxy the header is ignored and the connection's address (10.9.9.9) is the client:
    // a forged X-Forwarded-For on each try does not get around the limit.
    for (let i = 0; i < 20; i++) expect((await login(plain, `198.18.0.${i}`)).statusCode).toBe(401);
    expect((await login(plain, '198.18.0.99')).statusCode).toBe(429);
  });
});
