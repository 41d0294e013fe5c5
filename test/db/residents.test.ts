/**
 * Residents and the facts the records hold (issue 6 §1): public sign-up signs the new resident in;
 * with linkSamplePerson (once a matching snapshot exists) they are linked to a person of its
 * synthetic population (示例) who is on a 应享未享 list, the facts copied and the link audited;
 * an admin relinks (revision kept), and a person belongs to one resident only.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { runMatching } from '../../src/app/entitlements/run-matching.ts';
import type { ProfileView } from '../../src/app/residents/profile-view.ts';
import { personIndexOf } from '../../src/domain/entitlements/synthetic-population.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { ADMIN_PASSWORD, countOf, createUserAs, engineName, openTestPlatform } from '../support/test-db.ts';

const PASSWORD = 'resident-password-1';

function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'fuwu_session');
  expect(cookie?.value).toBeTruthy();
  return { cookie: `fuwu_session=${cookie!.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

describe(`resident sign-up and held facts (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: Session;
  let snapshotId: number;

  const signUp = (body: object) => app.inject({ method: 'POST', url: '/api/residents', payload: body });

  beforeAll(async () => {
    p = await openTestPlatform();
    app = await buildServer(p.ctx);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('signs up without a session and signs the resident in; no snapshot yet: not linked', async () => {
    const res = await signUp({
      username: 'early',
      displayName: '早早',
      password: PASSWORD,
      linkSamplePerson: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ user: { username: 'early', role: 'resident', displayName: '早早' } });
    const s = sessionOf(res);
    const profile = await callAs(app, s, 'GET', '/api/my/profile');
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toEqual({
      personId: null,
      synthetic: false,
      source: null,
      facts: null,
      revision: null,
      idNumber: null,
    });
    // Created by the system, and audited as such.
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM audit_log WHERE action = 'user.create' AND actor = 'system' AND entity_id =
           (SELECT id::text FROM users WHERE username = 'early')`,
      ),
    ).toBe(1);
  });

  it('refuses bad input naming the field, and a taken username', async () => {
    const bad = await signUp({ username: 'Bad Name', password: PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ problems: { field: string }[] }>().problems.map((x) => x.field)).toEqual(['username']);
    const short = await signUp({ username: 'shorty', password: 'x' });
    expect(short.json<{ problems: { field: string }[] }>().problems.map((x) => x.field)).toEqual([
      'password',
    ]);
    const types = await signUp({ username: 7, password: PASSWORD, linkSamplePerson: 'yes' });
    expect(types.json<{ problems: { field: string }[] }>().problems.map((x) => x.field)).toEqual([
      'username',
      'linkSamplePerson',
    ]);
    const taken = await signUp({ username: 'early', password: PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(await countOf(p.db, `SELECT count(*) AS n FROM users WHERE username IN ('shorty')`)).toBe(0);
  });

  it('links a new resident to a 示例 person on a gap list, copying the facts; two residents, two people', async () => {
    snapshotId = (
      await runMatching(p.ctx, p.admin, { date: '2025-06-30', seed: 7, size: 2000 }, async () => {})
    ).snapshotId;
    const a = sessionOf(await signUp({ username: 'amy', password: PASSWORD, linkSamplePerson: true }));
    const b = sessionOf(await signUp({ username: 'ben', password: PASSWORD, linkSamplePerson: true }));
    const pa = (await callAs(app, a, 'GET', '/api/my/profile')).json<ProfileView>();
    const pb = (await callAs(app, b, 'GET', '/api/my/profile')).json<ProfileView>();
    expect(pa.personId).toMatch(/^SYN-\d{7}$/);
    expect(pb.personId).toMatch(/^SYN-\d{7}$/);
    expect(pa.personId).not.toBe(pb.personId);
    expect(pa).toMatchObject({
      synthetic: true,
      source: { kind: 'syntheticPopulation', snapshotId, seed: 7, size: 2000, onDate: '2025-06-30' },
      revision: 1,
    });
    expect(pa.facts?.['person.residenceDistrict']).toMatch(/^\d{6}$/);
    expect(pa.facts?.['person.birthDate']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM entitlement_worklist_items WHERE snapshot_id = $1 AND kind = 'gap'
           AND person_index = $2`,
        [snapshotId, personIndexOf(pa.personId!)],
      ),
    ).toBeGreaterThan(0);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM audit_log WHERE action = 'resident.link' AND actor = 'system'`,
      ),
    ).toBe(2);
  }, 120_000);

  it('lets an admin relink (revision kept), refuses a person linked to someone else, and others', async () => {
    const amy = await p.db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'amy'`);
    const amyId = amy.rows[0]!.id;
    const ben = await p.db.query<{ person_id: string }>(
      `SELECT person_id FROM resident_profiles WHERE user_id = (SELECT id FROM users WHERE username = 'ben')`,
    );
    const taken = await callAs(app, admin, 'PUT', `/api/admin/residents/${amyId}/person`, {
      personId: ben.rows[0]!.person_id,
    });
    expect(taken.statusCode).toBe(409);
    const ok = await callAs(app, admin, 'PUT', `/api/admin/residents/${amyId}/person`, {
      personId: 'SYN-0001999',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ personId: 'SYN-0001999', revision: 2 });
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM revisions WHERE table_name = 'resident_profiles' AND row_key = $1 AND revision = 2`,
        [String(amyId)],
      ),
    ).toBe(1);
    expect(await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'resident.relink'`)).toBe(
      1,
    );
    const outOfRange = await callAs(app, admin, 'PUT', `/api/admin/residents/${amyId}/person`, {
      personId: 'SYN-0002000',
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json<{ problems: { field: string }[] }>().problems[0]?.field).toBe('personId');
    // Only residents are linked; only admins link; only residents have a profile.
    const planner = await createUserAs(p.ctx, p.admin, { username: 'plan', role: 'planner' });
    const notResident = await callAs(app, admin, 'PUT', `/api/admin/residents/${planner.id}/person`, {
      personId: 'SYN-0000001',
    });
    expect(notResident.statusCode).toBe(400);
    const ps = await signIn(app, 'plan', 'user-password-1');
    expect(
      (await callAs(app, ps, 'PUT', `/api/admin/residents/${amyId}/person`, { personId: 'SYN-0000001' }))
        .statusCode,
    ).toBe(403);
    expect((await callAs(app, ps, 'GET', '/api/my/profile')).statusCode).toBe(403);
  });
});
