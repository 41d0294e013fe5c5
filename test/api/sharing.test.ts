/**
 * Data-sharing tokens (一网通享) over HTTP: an admin issues, lists and revokes them; another system
 * calls /api/share/v1/<dataset> with the bearer secret; every call is logged, refused ones too.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { runMatching } from '../../src/app/entitlements/run-matching.ts';
import { recordObservation } from '../../src/app/plan/record-observation.ts';
import { createFacility } from '../../src/app/resources/facilities.ts';
import type { CreatedShareTokenView, ShareCallView, ShareTokenView } from '../../src/domain/sharing/views.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  fixedClock,
  openTestPlatform,
} from '../support/test-db.ts';

const NOW = '2024-03-01T08:00:00.000Z';
const JINJIANG = '510104';
const QINGYANG = '510105';
const inDays = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

const hospital = {
  name: '锦江区妇幼保健院',
  type: 'hospital',
  lon: 104.08,
  lat: 30.65,
  districtCode: JINJIANG,
  communityCode: null,
  capacities: { beds: 300 },
  source: '区卫健局',
};
const figure = (areaCode: string, value: number) => ({
  indicatorCode: 'H02',
  areaCode,
  year: 2022,
  value,
  source: '区统计局',
});

describe(`data-sharing tokens (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let app: FastifyInstance;
  let admin: Session;

  beforeAll(async () => {
    clock = fixedClock(NOW);
    p = await openTestPlatform({ clock });
    app = await buildServer(p.ctx);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    await createFacility(p.ctx, p.admin, hospital);
    await createFacility(p.ctx, p.admin, {
      ...hospital,
      name: '青羊区某医院',
      districtCode: QINGYANG,
      lon: 104.05,
    });
    await recordObservation(p.ctx, p.admin, figure(JINJIANG, 11.5));
    await recordObservation(p.ctx, p.admin, figure(QINGYANG, 10.2));
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  const issue = async (body: Record<string, unknown>): Promise<CreatedShareTokenView> => {
    const res = await callAs(app, admin, 'POST', '/api/sharing/tokens', {
      ownerSystem: '区统计局数据平台',
      expiresAt: inDays(30),
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreatedShareTokenView>();
  };
  const share = (
    secret: string | null,
    method: 'GET' | 'POST',
    dataset: string,
    opts: { query?: string; payload?: object } = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url: `/api/share/v1/${dataset}${opts.query ? `?${opts.query}` : ''}`,
      headers: secret === null ? {} : { authorization: `Bearer ${secret}` },
      ...(opts.payload ? { payload: opts.payload } : {}),
    });
  const lastCall = async () =>
    (
      await p.db.query<{
        tokenId: number | null;
        status: number;
        rows: number | null;
        dataset: string;
        path: string;
      }>(
        `SELECT token_id AS "tokenId", status, rows_returned AS rows, dataset, request_path AS path
         FROM sharing_calls ORDER BY id DESC LIMIT 1`,
      )
    ).rows[0];
  const callCount = () => countOf(p.db, 'SELECT count(*) AS n FROM sharing_calls');

  it('issues a token whose secret is shown once, then reads a granted dataset and logs the call', async () => {
    const created = await issue({
      name: 'stats-city',
      grants: [
        { dataset: 'facilities', operation: 'read' },
        { dataset: 'observations', operation: 'read' },
      ],
    });
    expect(created.secret).toMatch(new RegExp(`^fuwu_share_${created.token.id}_[A-Za-z0-9_-]{43}$`));
    expect(created.token).toMatchObject({ name: 'stats-city', status: 'active', calls: 0, lastUsedAt: null });
    // Only its hash is stored.
    const stored = await p.db.query<{ h: string }>(
      'SELECT secret_hash AS h FROM sharing_tokens WHERE id = $1',
      [created.token.id],
    );
    expect(stored.rows[0]?.h).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows)).not.toContain(created.secret);

    const before = await callCount();
    const res = await share(created.secret, 'GET', 'facilities', { query: 'type=hospital' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ rows: Array<{ districtCode: string; updatedBy?: string }> }>();
    expect(body.rows.map((r) => r.districtCode).sort()).toEqual([JINJIANG, QINGYANG]);
    expect(body.rows[0]).not.toHaveProperty('updatedBy');
    expect(await callCount()).toBe(before + 1);
    expect(await lastCall()).toEqual({
      tokenId: created.token.id,
      status: 200,
      rows: 2,
      dataset: 'facilities',
      path: '/api/share/v1/facilities?type=hospital',
    });

    // The list shows use, never the secret or its hash.
    const list = await callAs(app, admin, 'GET', '/api/sharing/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.secret);
    expect(list.body).not.toContain(stored.rows[0]!.h);
    const listed = list.json<ShareTokenView[]>().find((t) => t.id === created.token.id);
    expect(listed).toMatchObject({ calls: 1, refusedCalls: 0, lastUsedAt: NOW, status: 'active' });
    expect(listed).not.toHaveProperty('secret');
    expect(listed).not.toHaveProperty('secretHash');

    const calls = await callAs(app, admin, 'GET', `/api/sharing/tokens/${created.token.id}/calls`);
    expect(calls.json<ShareCallView[]>()).toEqual([
      expect.objectContaining({ status: 200, rows: 2, dataset: 'facilities', operation: 'read', at: NOW }),
    ]);
    const audited = await countOf(
      p.db,
      "SELECT count(*) AS n FROM audit_log WHERE action = 'sharingToken.create' AND entity_id = $1 AND actor = 'admin'",
      [String(created.token.id)],
    );
    expect(audited).toBe(1);
  });

  it('refuses a dataset or an operation not granted with 403, and logs it with the token', async () => {
    const { token, secret } = await issue({
      name: 'reader-only',
      grants: [{ dataset: 'facilities', operation: 'read' }],
    });
    const res = await share(secret, 'GET', 'gaps');
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
    expect(res.json<{ zh: string; en: string }>().en).toContain('gaps');
    expect(res.json<{ zh: string }>().zh).toContain('gaps');
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 403, rows: null, dataset: 'gaps' });

    const write = await share(secret, 'POST', 'observations', { payload: figure(JINJIANG, 12) });
    expect(write.statusCode, write.body).toBe(403);
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 403, dataset: 'observations' });

    const unknownDataset = await share(secret, 'GET', 'persons');
    expect(unknownDataset.statusCode).toBe(404);
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 404, dataset: 'persons' });
  });

  it('answers 401 to a missing, malformed or forged token and logs it without a token id', async () => {
    const { token, secret } = await issue({
      name: 'forged-target',
      grants: [{ dataset: 'facilities', operation: 'read' }],
    });
    for (const presented of [null, 'nonsense', `fuwu_share_${token.id}_${'A'.repeat(43)}`]) {
      const res = await share(presented, 'GET', 'facilities');
      expect(res.statusCode, String(presented)).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthenticated' });
      expect(await lastCall()).toMatchObject({ tokenId: null, status: 401, dataset: 'facilities' });
    }
    expect((await share(secret, 'GET', 'facilities')).statusCode).toBe(200);
  });

  it('grants nothing once expired (401, logged with the token)', async () => {
    const { token, secret } = await issue({
      name: 'short-lived',
      grants: [{ dataset: 'facilities', operation: 'read' }],
      expiresAt: inDays(1),
    });
    expect((await share(secret, 'GET', 'facilities')).statusCode).toBe(200);
    clock.advance(2 * 86_400_000);
    try {
      const res = await share(secret, 'GET', 'facilities');
      expect(res.statusCode).toBe(401);
      expect(res.json<{ en: string }>().en).toContain('expired');
      expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 401 });
      // The admin's morning session has ended two days later too.
      const later = await signIn(app, 'admin', ADMIN_PASSWORD);
      const listed = (await callAs(app, later, 'GET', '/api/sharing/tokens'))
        .json<ShareTokenView[]>()
        .find((t) => t.id === token.id);
      expect(listed).toMatchObject({ status: 'expired', calls: 2, refusedCalls: 1 });
    } finally {
      clock.set(NOW);
    }
    // That sign-in cleared the sessions expired by then, the morning one included.
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  });

  it('grants nothing once revoked (401); revocation is audited and happens once', async () => {
    const { token, secret } = await issue({
      name: 'to-revoke',
      grants: [{ dataset: 'facilities', operation: 'read' }],
    });
    expect((await share(secret, 'GET', 'facilities')).statusCode).toBe(200);
    const revoked = await callAs(app, admin, 'POST', `/api/sharing/tokens/${token.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: 'admin', revokedAt: NOW });
    expect(revoked.body).not.toContain(secret);
    const res = await share(secret, 'GET', 'facilities');
    expect(res.statusCode).toBe(401);
    expect(res.json<{ en: string }>().en).toContain('revoked');
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 401 });
    expect((await callAs(app, admin, 'POST', `/api/sharing/tokens/${token.id}/revoke`)).statusCode).toBe(409);
    expect((await callAs(app, admin, 'POST', '/api/sharing/tokens/99999/revoke')).statusCode).toBe(404);
    expect(
      await countOf(
        p.db,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'sharingToken.revoke' AND entity_id = $1",
        [String(token.id)],
      ),
    ).toBe(1);
  });

  it('narrows reads to the token scope: a district token sees its district and is refused another', async () => {
    const { secret } = await issue({
      name: 'jinjiang-reader',
      districtCode: JINJIANG,
      grants: [
        { dataset: 'facilities', operation: 'read' },
        { dataset: 'observations', operation: 'read' },
        { dataset: 'indicators', operation: 'read' },
      ],
    });
    const facilities = await share(secret, 'GET', 'facilities');
    expect(facilities.statusCode).toBe(200);
    expect(
      facilities.json<{ rows: Array<{ districtCode: string }> }>().rows.map((r) => r.districtCode),
    ).toEqual([JINJIANG]);
    const figures = await share(secret, 'GET', 'observations', { query: 'indicator=H02' });
    expect(figures.json<{ rows: Array<{ areaCode: string }> }>().rows.map((r) => r.areaCode)).toEqual([
      JINJIANG,
    ]);
    const board = await share(secret, 'GET', 'indicators', { query: 'year=2022' });
    expect(board.statusCode, board.body).toBe(200);
    const boardBody = board.json<{
      areaCode: string;
      rows: Array<{ areaCode: string; indicatorCode: string }>;
    }>();
    expect(boardBody.areaCode).toBe(JINJIANG);
    expect(boardBody.rows.length).toBeGreaterThan(0);

    const other = await share(secret, 'GET', 'observations', { query: `area=${QINGYANG}` });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ problems: [expect.objectContaining({ field: 'area' })] });
    expect((await share(secret, 'GET', 'facilities', { query: `district=${QINGYANG}` })).statusCode).toBe(
      403,
    );

    // A sector token sees only its sector's rows.
    const education = await issue({
      name: 'education-reader',
      sector: 'education',
      grants: [{ dataset: 'facilities', operation: 'read' }],
    });
    const none = await share(education.secret, 'GET', 'facilities');
    expect(none.json<{ rows: unknown[] }>().rows).toEqual([]);
  });

  it('shares gaps and entitlement counts by district, narrowed to the scope', async () => {
    const { token, secret } = await issue({
      name: 'jinjiang-planning',
      districtCode: JINJIANG,
      grants: [
        { dataset: 'gaps', operation: 'read' },
        { dataset: 'entitlementCounts', operation: 'read' },
      ],
    });
    const gaps = await share(secret, 'GET', 'gaps');
    expect(gaps.statusCode, gaps.body).toBe(200);
    const gapRows = gaps.json<{ rows: Array<{ districtCode: string }> }>().rows;
    expect(gapRows.length).toBeGreaterThan(0);
    expect(new Set(gapRows.map((r) => r.districtCode))).toEqual(new Set([JINJIANG]));

    const none = await share(secret, 'GET', 'entitlementCounts');
    expect(none.statusCode).toBe(404);
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 404, dataset: 'entitlementCounts' });

    await runMatching(p.ctx, p.admin, { date: '2024-02-29', seed: 7, size: 2000 });
    const counts = await share(secret, 'GET', 'entitlementCounts');
    expect(counts.statusCode, counts.body).toBe(200);
    const countRows = counts.json<{ rows: Array<Record<string, unknown>> }>().rows;
    expect(countRows.length).toBeGreaterThan(0);
    expect(new Set(countRows.map((r) => r.districtCode))).toEqual(new Set([JINJIANG]));
    // Counts only: nothing that names or indexes a person.
    expect(counts.body).not.toMatch(/person/i);
    expect(await lastCall()).toMatchObject({ status: 200, rows: countRows.length });
    expect(
      (await share(secret, 'GET', 'entitlementCounts', { query: `district=${QINGYANG}` })).statusCode,
    ).toBe(403);
  });

  it('writes an observation through a token as its scoped actor, audited, and refuses outside the scope', async () => {
    const { token, secret } = await issue({
      name: 'jinjiang-stats',
      districtCode: JINJIANG,
      grants: [{ dataset: 'observations', operation: 'write' }],
    });
    const res = await share(secret, 'POST', 'observations', {
      payload: { ...figure(JINJIANG, 11.9), reason: '区统计局年报更正' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      observation: { areaCode: JINJIANG, value: 11.9, updatedBy: 'share:jinjiang-stats' },
    });
    expect(await lastCall()).toMatchObject({
      tokenId: token.id,
      status: 200,
      rows: 1,
      dataset: 'observations',
    });
    const audit = await p.db.query<{ actor: string; actorId: number | null; action: string }>(
      `SELECT actor, actor_id AS "actorId", action FROM audit_log WHERE entity = 'observation' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({
      actor: 'share:jinjiang-stats',
      actorId: null,
      action: 'observation.correct',
    });

    const outside = await share(secret, 'POST', 'observations', { payload: figure(QINGYANG, 99) });
    expect(outside.statusCode).toBe(403);
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 403 });
    const held = await p.db.query<{ value: number }>(
      "SELECT value FROM observations WHERE indicator_code = 'H02' AND area_code = $1 AND year = 2022",
      [QINGYANG],
    );
    expect(held.rows.map((r) => Number(r.value))).toEqual([10.2]);

    const bad = await share(secret, 'POST', 'observations', {
      payload: { ...figure(JINJIANG, 1), year: 1900 },
    });
    expect(bad.statusCode).toBe(400);
    expect(await lastCall()).toMatchObject({ tokenId: token.id, status: 400, rows: null });
  });

  it('refuses tokens that break the rules, naming the field', async () => {
    const post = (body: object) =>
      callAs(app, admin, 'POST', '/api/sharing/tokens', {
        name: 'rule-breaker',
        ownerSystem: 'x',
        expiresAt: inDays(30),
        grants: [{ dataset: 'facilities', operation: 'read' }],
        ...body,
      });
    const fieldsOf = async (body: object) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ problems: Array<{ field: string }> }>().problems.map((x) => x.field);
    };
    expect(await fieldsOf({ grants: [{ dataset: 'observations', operation: 'write' }] })).toEqual([
      'districtCode',
    ]);
    expect(await fieldsOf({ expiresAt: inDays(400) })).toEqual(['expiresAt']);
    expect(await fieldsOf({ expiresAt: inDays(-1) })).toEqual(['expiresAt']);
    expect(await fieldsOf({ grants: [{ dataset: 'gaps', operation: 'write' }] })).toEqual([
      'grants[0].operation',
    ]);
    expect(await fieldsOf({ districtCode: '999999' })).toEqual(['districtCode']);
    expect((await post({ name: 'stats-city' })).statusCode).toBe(409);
  });

  it('lets only admins manage tokens', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'planner1', role: 'planner' });
    const planner = await signIn(app, 'planner1', USER_PASSWORD);
    const body = {
      name: 'by-planner',
      ownerSystem: 'x',
      expiresAt: inDays(30),
      grants: [{ dataset: 'facilities', operation: 'read' }],
    };
    expect((await callAs(app, planner, 'POST', '/api/sharing/tokens', body)).statusCode).toBe(403);
    expect((await callAs(app, planner, 'GET', '/api/sharing/tokens')).statusCode).toBe(403);
    expect((await callAs(app, planner, 'POST', '/api/sharing/tokens/1/revoke')).statusCode).toBe(403);
    expect((await callAs(app, planner, 'GET', '/api/sharing/tokens/1/calls')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/sharing/tokens' })).statusCode).toBe(401);
    // A session is not a token: a signed-in admin's cookie reads no shared dataset.
    expect((await callAs(app, admin, 'GET', '/api/share/v1/facilities')).statusCode).toBe(401);
  });
});
