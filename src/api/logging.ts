/**
 * Structured logs: pino through fastify, one JSON object a line. Fastify's own request lines are off
 * (they carry the URL with its query string, which can hold names or identity numbers); the request
 * hooks write one line per request with the route pattern instead. Anything that could carry a
 * secret is redacted should it ever reach a log call.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController } from 'fastify';
import type { FastifyServerOptions } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An incoming X-Request-Id is kept (a proxy's id ties its log to ours) when it is short and plain. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-fuwu-csrf"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'cookie',
  'authorization',
  'password',
  '*.password',
  'body',
  '*.body',
];

/** Fastify options for logging at `level` (false: no logger at all, as in the tests). */
export function loggingOptions(
  level: LogLevel | false,
): Pick<FastifyServerOptions, 'logger' | 'logController' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger:
      level === false
        ? false
        : {
            level,
            redact: { paths: REDACT, censor: '[redacted]' },
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
            serializers: {
              // Should a request object reach a log call: its method and route pattern only.
              req: (req: { method?: string; routeOptions?: { url?: string } }) => ({
                method: req.method,
                route: req.routeOptions?.url,
              }),
            },
          },
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFor,
    requestIdHeader: false,
  };
}
