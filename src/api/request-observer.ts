/**
 * Per request: the request id echoed in X-Request-Id, one log line when the answer is sent, and the
 * HTTP metrics. Registered on the root instance so every route, the 404s and the static files count.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FuwuError } from '../domain/shared/errors.ts';
import type { HttpMetrics } from './metrics/http-metrics.ts';

/** Shared with the shutdown: once set, readiness says 503 and answers close their connection. */
export interface Lifecycle {
  shuttingDown: boolean;
}

const errorCodes = new WeakMap<FastifyRequest, string>();

/** The code the error handler answers with (api/errors.ts), for the log line. */
function codeOf(error: Error & { statusCode?: number }): string {
  if (error instanceof FuwuError) return error.code;
  if (hasZodFastifySchemaValidationErrors(error)) return 'invalid_input';
  return error.statusCode && error.statusCode < 500 ? 'invalid_input' : 'internal';
}

export function installRequestObserver(
  app: FastifyInstance,
  metrics: HttpMetrics,
  lifecycle: Lifecycle,
): void {
  app.addHook('onError', async (request, _reply, error) => {
    errorCodes.set(request, codeOf(error));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // A kept-alive connection would hold the shutdown open until its idle timeout.
    if (lifecycle.shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    const status = reply.statusCode;
    const durationMs = reply.elapsedTime;
    metrics.record({ method: request.method, route, status, seconds: durationMs / 1000 });
    const line = {
      method: request.method,
      route: route ?? null,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      userId: request.actor?.id ?? null,
      role: request.actor?.role ?? null,
      ...(errorCodes.has(request) ? { errorCode: errorCodes.get(request) } : {}),
    };
    if (status >= 500) request.log.error(line, 'request');
    else request.log.info(line, 'request');
  });
}
