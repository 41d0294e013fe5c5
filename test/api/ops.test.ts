/** Liveness, readiness and metrics through the API: public, without personal data, each check named. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { createContext } from '../../src/app/context.ts';
import type { Db } from '../../src/store/db.ts';
import { codeSchemaVersion } from '../../src/store/migrate.ts';
import { JobRepository } from '../../src/store/repositories/job.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { ADMIN_PASSWORD, countOf, engineName, openTestPlatform } from '../support/test-db.ts';
import { signIn } from '../support/api-session.ts';

const TOKEN = 'metrics-token-0123456789';

interface ReadyBody {
  ready: boolean;
  code?: string;
  zh?: string;
  en?: string;
  checks: { name: string; ok: boolean; zh: string; en: string }[];
}

/** The value of one sample line `name{labels} value` of an exposition. */
function sampleValue(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${prefix} `));
  return line === undefined ? undefined : Number(line.slice(prefix.length + 1));
}

describe(`operations endpoints (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  const lifecycle = { shuttingDown: false };

  beforeAll(async () => {
    p = await openTestPlatform();
    app = await buildServer(p.ctx, { lifecycle, metricsToken: TOKEN });
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('health says the process is up, with engine and schema version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, engine: p.db.engine, schemaVersion: codeSchemaVersion() });
  });

  it('ready is 200 with every check passed', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ReadyBody>();
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['schema', true],
      ['pack', true],
      ['shutdown', true],
    ]);
  });

  it('ready is 503 naming the schema when the database is behind the code', async () => {
    const version = codeSchemaVersion();
    const row = await p.db.query('SELECT * FROM schema_migrations WHERE version = $1', [version]);
    await p.db.query('DELETE FROM schema_migrations WHERE version = $1', [version]);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      const body = res.json<ReadyBody>();
      expect(body.code).toBe('not_ready');
      expect(body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['schema']);
      expect(body.en).toContain(`schema is version ${version - 1}; this code needs ${version}`);
      expect(body.zh).toContain(`需要 ${version}`);
    } finally {
      const r = row.rows[0] as { version: number; name: string; checksum: string; applied_at: string };
      await p.db.query(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
        [r.version, r.name, r.checksum, r.applied_at],
      );
    }
  });

  it('ready is 503 naming the pack when no plan pack is active', async () => {
    await p.db.query('UPDATE plan_packs SET active = false WHERE active');
    try {
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      const body = res.json<ReadyBody>();
      expect(body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['pack']);
      expect(body.en).toBe('not ready: no plan pack is loaded');
      expect(body.zh).toBe('未就绪：尚未加载规划包');
    } finally {
      await p.db.query(
        'UPDATE plan_packs SET active = true WHERE loaded_at = (SELECT max(loaded_at) FROM plan_packs)',
      );
    }
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('ready is 503 once shutdown has begun, while health still answers', async () => {
    lifecycle.shuttingDown = true;
    try {
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      const body = res.json<ReadyBody>();
      expect(body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['shutdown']);
      expect(body.en).toBe('not ready: the server is shutting down');
      expect(res.headers.connection).toBe('close');
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      lifecycle.shuttingDown = false;
    }
  });

  it('ready is 503 naming the database when it does not answer in time, and metrics say db down', async () => {
    const hanging: Db = {
      engine: 'pglite',
      query: () => new Promise(() => {}),
      exec: () => new Promise(() => {}),
      transaction: () => new Promise(() => {}),
      close: async () => {},
    };
    const dead = await buildServer(createContext(hanging));
    try {
      const started = Date.now();
      const res = await dead.inject({ method: 'GET', url: '/api/ready' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.statusCode).toBe(503);
      const body = res.json<ReadyBody>();
      expect(body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['database', 'schema', 'pack']);
      expect(body.en).toContain('the database did not answer within 2000 ms');
      const metrics = await dead.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(sampleValue(metrics.body, 'fuwu_db_up')).toBe(0);
      expect(metrics.body).not.toContain('fuwu_jobs');
    } finally {
      await dead.close();
    }
  });

  it('metrics: Prometheus text with route patterns (no ids), process and domain gauges', async () => {
    // A kind no worker handles: it stays queued for the gauge to count.
    await new JobRepository(p.db).enqueue(
      { id: 'ops-test-job', kind: 'test', params: {}, payload: null, actor: p.admin },
      new Date(),
    );
    await app.inject({ method: 'GET', url: '/api/cases/C-SECRET-4711' });
    await app.inject({ method: 'GET', url: '/api/no-such-thing/42?name=张三' });
    await signIn(app, 'admin', ADMIN_PASSWORD);

    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.body;
    expect(text).not.toContain('C-SECRET-4711');
    expect(text).not.toContain('no-such-thing');
    expect(text).not.toContain('张三');
    expect(sampleValue(text, 'http_requests_total{method="GET",route="/api/cases/:id",status="401"}')).toBe(
      1,
    );
    expect(sampleValue(text, 'http_requests_total{method="GET",route="(unmatched)",status="404"}')).toBe(1);
    expect(sampleValue(text, 'http_requests_total{method="POST",route="/api/session",status="200"}')).toBe(1);
    expect(sampleValue(text, 'http_request_duration_seconds_count{method="POST",route="/api/session"}')).toBe(
      1,
    );
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(1e6);
    expect(sampleValue(text, 'nodejs_heap_used_bytes')).toBeGreaterThan(1e5);
    expect(sampleValue(text, 'nodejs_eventloop_delay_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(text, 'process_uptime_seconds')).toBeGreaterThan(0);
    expect(sampleValue(text, 'fuwu_db_up')).toBe(1);
    const queued = await countOf(p.db, "SELECT count(*) AS n FROM jobs WHERE status = 'queued'");
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'fuwu_jobs{status="queued"}')).toBe(queued);
    expect(sampleValue(text, 'fuwu_jobs{status="running"}')).toBe(
      await countOf(p.db, "SELECT count(*) AS n FROM jobs WHERE status = 'running'"),
    );
    expect(sampleValue(text, 'fuwu_notice_deliveries_pending')).toBe(
      await countOf(p.db, "SELECT count(*) AS n FROM notice_deliveries WHERE status = 'pending'"),
    );
    expect(sampleValue(text, 'fuwu_cases{state="submitted"}')).toBe(
      await countOf(p.db, "SELECT count(*) AS n FROM cases WHERE state = 'submitted'"),
    );
    expect(sampleValue(text, 'fuwu_cases_open')).toBeDefined();
    expect(text.endsWith('\n')).toBe(true);
  });

  it('metrics from another machine need the bearer token; a proxied request is not local', async () => {
    const remote = { remoteAddress: '10.1.2.3' };
    const none = await app.inject({ method: 'GET', url: '/metrics', ...remote });
    expect(none.statusCode).toBe(401);
    expect(none.json<{ en: string }>().en).toContain('FUWU_METRICS_TOKEN');
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      ...remote,
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({
      method: 'GET',
      url: '/metrics',
      ...remote,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('# TYPE fuwu_db_up gauge');
    const proxied = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '1.2.3.4' },
    });
    expect(proxied.statusCode).toBe(401);

    const loopbackOnly = await buildServer(p.ctx);
    try {
      const refused = await loopbackOnly.inject({ method: 'GET', url: '/metrics', ...remote });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ zh: string }>().zh).toContain('仅对本机开放');
      expect((await loopbackOnly.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await loopbackOnly.close();
    }
  });

  it('echoes a plain X-Request-Id and replaces a hostile one', async () => {
    const kept = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'lb-42.abc' },
    });
    expect(kept.headers['x-request-id']).toBe('lb-42.abc');
    const replaced = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'x'.repeat(200) },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await app.inject({ method: 'GET', url: '/api/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-request-id']).not.toBe(replaced.headers['x-request-id']);
  });
});
