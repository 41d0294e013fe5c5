/**
 * The HTTP API end to end through fastify's inject: sign-in and its cookie, CSRF, validation errors
 * with field names, figures, import, documents, OpenAPI, roles.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { codeSchemaVersion } from '../../src/store/migrate.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { ADMIN_PASSWORD, engineName, openTestPlatform } from '../support/test-db.ts';

interface Session {
  cookie: string;
  csrf: string;
}

interface ErrorBody {
  code: string;
  zh: string;
  en: string;
  problems: Array<{ field: string; zh: string; en: string; row?: number }>;
}

const CITY = '510100';

describe(`HTTP API (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: Session;

  async function signIn(username: string, password: string): Promise<Session> {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fuwu_session');
    expect(cookie?.value).toBeTruthy();
    return { cookie: `fuwu_session=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
  }

  /** A request as `s` (with the CSRF header unless told otherwise). */
  function as(
    s: Session | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (s) headers.cookie = s.cookie;
    if (s && opts.csrf !== false) headers['x-fuwu-csrf'] = s.csrf;
    return app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  /** A multipart/form-data body with one file in the field `file`, encoded by hand. */
  function upload(
    s: Session,
    fileName: string,
    content: string | Uint8Array,
  ): Promise<LightMyRequestResponse> {
    const boundary = `----fuwu-test-${Math.random().toString(16).slice(2)}`;
    const head =
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: text/csv\r\n\r\n';
    const body = Buffer.concat([
      Buffer.from(head, 'utf8'),
      typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
    ]);
    return app.inject({
      method: 'POST',
      url: '/api/observations/import',
      headers: {
        cookie: s.cookie,
        'x-fuwu-csrf': s.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
  }

  const fields = (res: LightMyRequestResponse) => res.json<ErrorBody>().problems.map((x) => x.field);

  beforeAll(async () => {
    p = await openTestPlatform();
    app = await buildServer(p.ctx);
    admin = await signIn('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('reports health without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, engine: p.db.engine, schemaVersion: codeSchemaVersion() });
  });

  it('refuses the board without a session, in both languages', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/board' });
    expect(res.statusCode).toBe(401);
    const body = res.json<ErrorBody>();
    expect(body.code).toBe('unauthenticated');
    expect(body.zh).toBeTruthy();
    expect(body.en).toBeTruthy();
    // A made-up cookie is no session either.
    expect((await as({ cookie: 'fuwu_session=forged', csrf: 'x' }, 'GET', '/api/board')).statusCode).toBe(
      401,
    );
  });

  it('signs in with the right password only, setting a strict HttpOnly cookie', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<ErrorBody>().code).toBe('unauthenticated');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toContain('fuwu_session=');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const body = res.json<{ user: { username: string; role: string }; csrfToken: string }>();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const session = await as(admin, 'GET', '/api/session');
    expect(session.json()).toMatchObject({ user: { username: 'admin' }, csrfToken: admin.csrf });
  });

  it('refuses a write without the CSRF header', async () => {
    const entry = { indicatorCode: 'H22', areaCode: CITY, year: 2021, value: 700, source: '文广旅局' };
    const res = await as(admin, 'POST', '/api/observations', entry, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().code).toBe('forbidden');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { cookie: admin.cookie, 'x-fuwu-csrf': 'wrong' },
      payload: entry,
    });
    expect(wrong.statusCode).toBe(403);
    const list = await as(admin, 'GET', '/api/observations?indicator=H22&year=2021');
    expect(list.json()).toEqual([]);
  });

  it('validates an observation, naming the fields, and stores a good one', async () => {
    const missing = await as(admin, 'POST', '/api/observations', {
      areaCode: CITY,
      year: 2022,
      value: 2,
      source: 'x',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorBody>().code).toBe('invalid_input');
    expect(fields(missing)).toContain('indicatorCode');

    const bad = await as(admin, 'POST', '/api/observations', {
      indicatorCode: 'H23',
      areaCode: CITY,
      year: 2030,
      value: 'abc',
      source: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().code).toBe('invalid_input');
    expect(fields(bad).sort()).toEqual(['source', 'value', 'year']);

    // H23 人均体育场地面积: 1.8 (2020) → 2.6 (2025).
    const good = await as(admin, 'POST', '/api/observations', {
      indicatorCode: 'H23',
      areaCode: CITY,
      year: 2022,
      value: 2.1,
      source: '体育局',
    });
    expect(good.statusCode, good.body).toBe(201);
    const created = good.json<{
      created: boolean;
      observation: { id: number; value: number; revision: number };
    }>();
    expect(created).toMatchObject({ created: true, observation: { value: 2.1, revision: 1 } });

    const board = await as(admin, 'GET', '/api/board?year=2022');
    expect(board.statusCode).toBe(200);
    const row = board
      .json<{
        rows: Array<{ code: string; evaluation: { status: string; latest: { value: number } | null } }>;
      }>()
      .rows.find((r) => r.code === 'H23');
    expect(row?.evaluation.latest?.value).toBe(2.1);
    expect(row?.evaluation.status).not.toBe('noData');

    // The same key again is a correction: it needs a reason.
    const again = await as(admin, 'POST', '/api/observations', {
      indicatorCode: 'H23',
      areaCode: CITY,
      year: 2022,
      value: 2.2,
      source: '体育局',
    });
    expect(again.statusCode).toBe(400);
    expect(fields(again)).toEqual(['reason']);

    const id = created.observation.id;
    const noReason = await as(admin, 'PUT', `/api/observations/${id}`, { value: 2.2, source: '体育局' });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toContain('reason');
    const emptyReason = await as(admin, 'PUT', `/api/observations/${id}`, {
      value: 2.2,
      source: '体育局',
      reason: ' ',
    });
    expect(emptyReason.statusCode).toBe(400);
    expect(fields(emptyReason)).toEqual(['reason']);
    const corrected = await as(admin, 'PUT', `/api/observations/${id}`, {
      value: 2.2,
      source: '体育局',
      reason: '更正',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ id, value: 2.2, revision: 2 });
    const history = await as(admin, 'GET', `/api/observations/${id}/revisions`);
    expect(history.json<Array<{ revision: number }>>().map((h) => h.revision)).toEqual([1, 2]);

    const missingId = await as(admin, 'PUT', '/api/observations/999999', {
      value: 1,
      source: 'x',
      reason: 'y',
    });
    expect(missingId.statusCode).toBe(404);
  });

  it('describes one indicator with its source text and series; an unknown one is 404', async () => {
    const res = await as(admin, 'GET', '/api/indicators/H01?year=2023');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      indicator: { code: string; sourceText: string; sourceRef: string };
      series: { years: number[]; observed: Array<{ year: number; value: number }> } | null;
      districts: unknown[];
    }>();
    expect(body.indicator.code).toBe('H01');
    expect(body.indicator.sourceText).toContain('城镇调查失业率');
    expect(body.indicator.sourceRef).toBe('专栏1');
    expect(body.series?.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(body.series?.observed).toContainEqual(expect.objectContaining({ year: 2020, value: 4.8 }));
    expect(body.districts).toHaveLength(20);

    const unknown = await as(admin, 'GET', '/api/indicators/NOPE-1');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<ErrorBody>().code).toBe('not_found');
  });

  it('documents itself with OpenAPI', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/board', '/api/observations/import']),
    );

    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 301, 302, 303, 307, 308]).toContain(docs.statusCode);
    if (docs.statusCode >= 300) expect(String(docs.headers.location)).toContain('/api/docs');
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('imports a file all or nothing', async () => {
    const bad = await upload(
      admin,
      'bad.csv',
      ['指标代码,区域代码,年份,数值,来源', 'H25,510100,2021,83,教育局', 'H25,510100,2022,lots,教育局'].join(
        '\n',
      ),
    );
    expect(bad.statusCode).toBe(422);
    const body = bad.json<ErrorBody>();
    expect(body.code).toBe('import_rejected');
    expect(body.problems).toEqual([expect.objectContaining({ row: 3, field: 'value' })]);
    const none = await as(admin, 'GET', '/api/observations?indicator=H25&area=510100');
    expect(none.json<Array<{ year: number }>>().filter((o) => o.year > 2020)).toEqual([]);

    const good = await upload(
      admin,
      'good.csv',
      ['指标代码,区域代码,年份,数值,来源', 'H25,510100,2021,83,教育局', 'H25,锦江区,2022,84,教育局'].join(
        '\n',
      ),
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ accepted: true, rows: 2, created: 2, updated: 0 });
    const stored = await as(admin, 'GET', '/api/observations?indicator=H25&area=510104');
    expect(stored.json()).toEqual([expect.objectContaining({ year: 2022, value: 84 })]);

    const noFile = await app.inject({
      method: 'POST',
      url: '/api/observations/import',
      headers: { cookie: admin.cookie, 'x-fuwu-csrf': admin.csrf, 'content-type': 'application/json' },
      payload: {},
    });
    expect(noFile.statusCode).toBeGreaterThanOrEqual(400);
    expect(noFile.statusCode).toBeLessThan(500);
  });

  it('serves a review as a Word document', async () => {
    const res = await as(admin, 'GET', '/api/reviews/annual/document.docx?year=2023');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(String(res.headers['content-disposition'])).toContain('attachment');

    const noYear = await as(admin, 'GET', '/api/reviews/annual');
    expect(noYear.statusCode).toBe(400);
    expect(fields(noYear)).toEqual(['year']);
    const json = await as(admin, 'GET', '/api/reviews/midTerm');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ kind: 'midTerm', year: 2023 });
  });

  it('lets an admin create a viewer, who can read but not write or see the audit log', async () => {
    const audit = await as(admin, 'GET', '/api/audit?limit=50');
    expect(audit.statusCode).toBe(200);
    const entries = audit.json<Array<{ actor: string; action: string }>>();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'admin', action: 'observation.create' }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'admin', action: 'signIn' }));

    const created = await as(admin, 'POST', '/api/users', {
      username: 'reader1',
      password: 'reader-password-1',
      role: 'viewer',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ username: 'reader1', role: 'viewer' });
    const dup = await as(admin, 'POST', '/api/users', {
      username: 'reader1',
      password: 'reader-password-1',
      role: 'viewer',
    });
    expect(dup.statusCode).toBe(409);

    const viewer = await signIn('reader1', 'reader-password-1');
    expect((await as(viewer, 'GET', '/api/board?year=2023')).statusCode).toBe(200);
    const write = await as(viewer, 'POST', '/api/observations', {
      indicatorCode: 'H26',
      areaCode: CITY,
      year: 2021,
      value: 99.5,
      source: '教育局',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json<ErrorBody>().code).toBe('forbidden');
    expect((await as(viewer, 'GET', '/api/audit')).statusCode).toBe(403);
    expect(
      (await as(viewer, 'POST', '/api/users', { username: 'x12', password: 'y'.repeat(12), role: 'admin' }))
        .statusCode,
    ).toBe(403);
  });

  it('changes passwords and disables accounts, ending the sessions they must', async () => {
    const created = await as(admin, 'POST', '/api/users', {
      username: 'planner2',
      password: 'planner-password-1',
      role: 'planner',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const first = await signIn('planner2', 'planner-password-1');
    const second = await signIn('planner2', 'planner-password-1');

    const wrong = await as(first, 'POST', '/api/session/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'planner-password-2',
    });
    expect(wrong.statusCode).toBe(400);
    expect(fields(wrong)).toEqual(['currentPassword']);
    const short = await as(first, 'POST', '/api/session/password', {
      currentPassword: 'planner-password-1',
      newPassword: 'short',
    });
    expect(fields(short)).toEqual(['newPassword']);
    const ok = await as(first, 'POST', '/api/session/password', {
      currentPassword: 'planner-password-1',
      newPassword: 'planner-password-2',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // The session that changed it stays; the other one ends; the old password no longer works.
    expect((await as(first, 'GET', '/api/board')).statusCode).toBe(200);
    expect((await as(second, 'GET', '/api/board')).statusCode).toBe(401);
    const old = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'planner2', password: 'planner-password-1' },
    });
    expect(old.statusCode).toBe(401);

    // An admin disables the account: its sessions end and it cannot sign in; enabling restores sign-in.
    expect((await as(first, 'PATCH', `/api/users/${id}`, { disabled: true })).statusCode).toBe(403);
    expect((await as(admin, 'PATCH', `/api/users/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await as(first, 'GET', '/api/board')).statusCode).toBe(401);
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'planner2', password: 'planner-password-2' },
    });
    expect(blocked.statusCode).toBe(401);
    expect(
      (await as(admin, 'PATCH', `/api/users/${id}`, { disabled: false, password: 'planner-password-3' }))
        .statusCode,
    ).toBe(200);
    await signIn('planner2', 'planner-password-3');
    const self = await as(admin, 'PATCH', '/api/users/1', { disabled: true });
    expect(self.statusCode).toBe(409);
    const actions = (await as(admin, 'GET', '/api/audit?limit=20'))
      .json<Array<{ action: string }>>()
      .map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.password.change', 'user.disable', 'user.enable', 'user.password.reset']),
    );
  });
});
