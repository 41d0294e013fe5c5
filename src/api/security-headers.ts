/**
 * Security headers on every response (issue 7 §1). The web app loads nothing from elsewhere (the
 * maps have no tiles), so its Content-Security-Policy allows only this origin; the Swagger UI at
 * /api/docs gets inline styles, which it needs; JSON gets a policy that allows nothing at all.
 * API answers are not stored by browsers or proxies, since most of them carry someone's data.
 */
import type { FastifyInstance } from 'fastify';

const COMMON = ["base-uri 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'"];

/** The preact app and Leaflet: styles set from script (style attributes via the DOM) need no 'unsafe-inline'. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  ...COMMON,
].join('; ');

/** Swagger UI styles elements with inline style attributes and draws its icons from data: URLs. */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  ...COMMON,
].join('; ');

/** JSON and files from the API are never rendered as pages: nothing may load. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const PERMISSIONS_POLICY = 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()';

/** A year, with subdomains: only sent over TLS, where the browser then refuses plain HTTP. */
const HSTS = 'max-age=31536000; includeSubDomains';

function policyFor(path: string): string {
  if (path === '/api/docs' || path.startsWith('/api/docs/')) return DOCS_CSP;
  if (path.startsWith('/api/')) return API_CSP;
  return APP_CSP;
}

export function installSecurityHeaders(app: FastifyInstance, opts: { tls: boolean }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    reply.header('content-security-policy', policyFor(path));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (opts.tls) reply.header('strict-transport-security', HSTS);
    // A route that chose its own caching (a file download) keeps it; the docs' static files may be cached.
    const isDocsAsset = path.startsWith('/api/docs/static/');
    if (path.startsWith('/api/') && !isDocsAsset && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
