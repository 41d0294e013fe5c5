/**
 * The HTTP server: the JSON API under /api (validated with zod, documented with OpenAPI at
 * /api/docs), and the built web app for every other path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { MAX_UPLOAD_BYTES } from '../app/files/read-table.ts';
import { authHook } from './auth.ts';
import { installErrorHandler, notFoundBody } from './errors.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { trustProxyOption } from './trust-proxy.ts';
import type { LogLevel } from './logging.ts';
import { loggingOptions } from './logging.ts';
import { HttpMetrics } from './metrics/http-metrics.ts';
import { ProcessMetrics } from './metrics/process-metrics.ts';
import type { Lifecycle } from './request-observer.ts';
import { installRequestObserver } from './request-observer.ts';
import { opsRoutes } from './routes/ops.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { facilityRoutes } from './routes/facilities.routes.ts';
import { residentialPointRoutes } from './routes/residential-points.routes.ts';
import { sitingRoutes } from './routes/siting.routes.ts';
import { projectRoutes } from './routes/projects.routes.ts';
import { catalogRoutes } from './routes/catalog.routes.ts';
import { entitlementsCheckRoutes } from './routes/entitlements-check.routes.ts';
import { entitlementsMatchingRoutes } from './routes/entitlements-matching.routes.ts';
import { scenarioRoutes } from './routes/scenarios.routes.ts';
import { accessRunRoutes } from './routes/access-runs.routes.ts';
import { jobRoutes } from './routes/jobs.routes.ts';
import { networkRoutes } from './routes/network.routes.ts';
import { gapRoutes } from './routes/gaps.routes.ts';
import { observationRoutes } from './routes/observations.routes.ts';
import { planRoutes } from './routes/plan.routes.ts';
import { reviewRoutes } from './routes/reviews.routes.ts';
import { registryIndicatorRoutes } from './routes/registry-indicators.routes.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { caseRoutes } from './routes/cases.routes.ts';
import { caseFileRoutes } from './routes/case-files.routes.ts';
import { residentRoutes } from './routes/residents.routes.ts';
import { noticeRoutes } from './routes/notices.routes.ts';
import { nearbyRoutes } from './routes/nearby.routes.ts';
import { sharingRoutes } from './routes/sharing.routes.ts';

export interface ServerOptions {
  /** Folder of the built web app (dist/web); omitted in API-only tests. */
  webDir?: string;
  /** Set the Secure flag on the session cookie (when served over HTTPS). */
  secureCookies?: boolean;
  /**
   * Behind a reverse proxy: whose X-Forwarded-For to believe for the client address (fastify's
   * trustProxy: true, a hop count, or addresses/CIDRs). The sign-in limits key on that address.
   */
  trustProxy?: boolean | number | string;
  logger?: boolean;
  /** JSON log lines at this level (FUWU_LOG_LEVEL); overrides `logger`. Omitted: no logger (tests). */
  logLevel?: LogLevel;
  /** Set by the shutdown: readiness turns 503 (a fresh one is made when omitted). */
  lifecycle?: Lifecycle;
  /** Bearer token for /metrics from other machines (FUWU_METRICS_TOKEN); null: loopback only. */
  metricsToken?: string | null;
}

export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggingOptions(opts.logLevel ?? (opts.logger ? 'info' : false)),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(opts.trustProxy ?? false),
    // While shutting down, requests on connections already open are still answered (readiness then
    // says 503 itself); new connections are refused by the closed listener.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
    throwFileSizeLimit: true,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'fuwu API',
        description: '服务 fuwu: public services by the five-year plan',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fuwu_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', authHook(ctx));
  const lifecycle = opts.lifecycle ?? { shuttingDown: false };
  const httpMetrics = new HttpMetrics();
  const processMetrics = new ProcessMetrics();
  app.addHook('onClose', async () => processMetrics.stop());
  installRequestObserver(app, httpMetrics, lifecycle);
  installSecurityHeaders(app, { tls: opts.secureCookies ?? false });

  await app.register(
    opsRoutes(ctx, { lifecycle, httpMetrics, processMetrics, metricsToken: opts.metricsToken ?? null }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(sessionRoutes(ctx, { secureCookies: opts.secureCookies ?? false }));
  await app.register(planRoutes(ctx));
  await app.register(observationRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(facilityRoutes(ctx));
  await app.register(gapRoutes(ctx));
  await app.register(registryIndicatorRoutes(ctx));
  await app.register(jobRoutes(ctx));
  await app.register(networkRoutes(ctx));
  await app.register(accessRunRoutes(ctx));
  await app.register(sitingRoutes(ctx));
  await app.register(scenarioRoutes(ctx));
  await app.register(residentialPointRoutes(ctx));
  await app.register(projectRoutes(ctx));
  await app.register(catalogRoutes(ctx));
  await app.register(entitlementsCheckRoutes(ctx));
  await app.register(entitlementsMatchingRoutes(ctx));
  await app.register(caseRoutes(ctx));
  await app.register(caseFileRoutes(ctx));
  await app.register(residentRoutes(ctx, { secureCookies: opts.secureCookies ?? false }));
  await app.register(noticeRoutes(ctx));
  await app.register(nearbyRoutes(ctx));
  await app.register(sharingRoutes(ctx));

  const webDir = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? opts.webDir : null;
  if (webDir) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes in the browser: any other non-API page GET gets its index page; a missing
    // asset is a 404, not the index page served as script.
    const path = request.url.split('?')[0] ?? '';
    const looksLikeFile = /\.[a-z0-9]+$/i.test(path) || path.startsWith('/assets/');
    if (webDir && request.method === 'GET' && !path.startsWith('/api/') && !looksLikeFile) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.url));
  });
  await app.ready();
  return app;
}
