/**
 * Operations: liveness (/api/health), readiness (/api/ready) and Prometheus metrics (/metrics). No
 * session: probes and scrapers carry none. None of them says anything about a person.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.ts';
import { readOpsGauges } from '../../app/ops/ops-gauges.ts';
import { checkReadiness, knownSchemaVersion } from '../../app/ops/readiness.ts';
import { domainFamilies } from '../metrics/domain-metrics.ts';
import { EXPOSITION_CONTENT_TYPE, formatExposition } from '../metrics/exposition.ts';
import type { HttpMetrics } from '../metrics/http-metrics.ts';
import { checkMetricsAccess } from '../metrics/metrics-access.ts';
import type { ProcessMetrics } from '../metrics/process-metrics.ts';
import type { Lifecycle } from '../request-observer.ts';

export interface OpsRouteOptions {
  lifecycle: Lifecycle;
  httpMetrics: HttpMetrics;
  processMetrics: ProcessMetrics;
  /** Bearer token for scrapes from other machines; null: loopback only. */
  metricsToken: string | null;
}

export function opsRoutes(ctx: AppContext, opts: OpsRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: { tags: ['system'], summary: 'Liveness: the process answers; its engine and schema version' },
      },
      async () => ({ ok: true, engine: ctx.db.engine, schemaVersion: knownSchemaVersion() }),
    );

    app.get(
      '/api/ready',
      {
        schema: {
          tags: ['system'],
          summary:
            'Readiness: database answers, schema current, plan pack loaded, not shutting down (200), or 503 naming the failed check',
        },
      },
      async (_request, reply) => {
        const r = await checkReadiness(ctx, { shuttingDown: opts.lifecycle.shuttingDown });
        if (r.ready) return r;
        const failed = r.checks.filter((c) => !c.ok);
        return reply.status(503).send({
          ...r,
          code: 'not_ready',
          zh: `未就绪：${failed.map((c) => c.zh).join('；')}`,
          en: `not ready: ${failed.map((c) => c.en).join('; ')}`,
        });
      },
    );

    app.get(
      '/metrics',
      {
        schema: {
          tags: ['system'],
          summary:
            'Prometheus metrics (text format 0.0.4); from loopback, or with Authorization: Bearer FUWU_METRICS_TOKEN',
        },
      },
      async (request, reply) => {
        checkMetricsAccess(request, opts.metricsToken);
        const gauges = await readOpsGauges(ctx);
        const body = formatExposition([
          ...opts.httpMetrics.families(),
          ...opts.processMetrics.families(),
          ...domainFamilies(gauges),
        ]);
        return reply.header('content-type', EXPOSITION_CONTENT_TYPE).send(body);
      },
    );
  };
}
