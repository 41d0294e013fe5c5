/**
 * Who may read /metrics: a scraper on the same machine always; one elsewhere only with the bearer
 * token FUWU_METRICS_TOKEN. This is machine authentication, like the session check of requireActor,
 * not a user permission: the figures are operational counts without personal data.
 *
 * A request that came through a proxy (X-Forwarded-For or Forwarded present) is not treated as local
 * even when the proxy itself connects from loopback, or a reverse proxy on the same host would publish
 * the metrics to everyone.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { FuwuError } from '../../domain/shared/errors.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopbackRequest(request: FastifyRequest): boolean {
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !proxied && LOOPBACK.test(request.ip);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function checkMetricsAccess(request: FastifyRequest, token: string | null): void {
  if (isLoopbackRequest(request)) return;
  if (!token) {
    throw new FuwuError(
      'forbidden',
      '指标仅对本机开放；如需远程抓取，请设置 FUWU_METRICS_TOKEN',
      'metrics are served to this machine only; set FUWU_METRICS_TOKEN to scrape from elsewhere',
    );
  }
  const header = request.headers.authorization ?? '';
  const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
  // Compared as digests: equal length, constant time.
  if (!given || !timingSafeEqual(digest(given), digest(token))) {
    throw new FuwuError(
      'unauthenticated',
      'Authorization 头须为 Bearer 加 FUWU_METRICS_TOKEN 的值',
      'the Authorization header must be Bearer followed by the FUWU_METRICS_TOKEN value',
    );
  }
}
