/**
 * Sign-in lock-out and the per-address limits, on the real database (issue 7 §1): five failures
 * lock a username for 15 minutes (even the right password is refused, audited signIn.locked); a
 * success clears its failures; an admin unlocks; 20 failures from one address give 429 with
 * Retry-After, 10 sign-ups from one address an hour likewise; old password hashes are upgraded at
 * sign-in.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { currentParams, verifyPassword } from '../../src/app/identity/password.ts';
import { signIn } from '../../src/app/identity/sessions.ts';
import { unlockUser } from '../../src/app/identity/unlock-user.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import { UserRepository } from '../../src/store/repositories/user.repository.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fixedClock,
  openTestPlatform,
} from '../support/test-db.ts';

const MIN = 60_000;
const WRONG = 'not-the-password';

describe(`sign-in throttling (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let app: FastifyInstance;

  const auditCount = (action: string, actor: string) =>
    countOf(p.db, 'SELECT count(*) AS n FROM audit_log WHERE action = $1 AND actor = $2', [action, actor]);
  const failTimes = async (username: string, address: string, n: number) => {
    for (let i = 0; i < n; i++) {
      await expectFuwuError(signIn(p.ctx, username, WRONG, address), 'unauthenticated');
    }
  };

  beforeAll(async () => {
    clock = fixedClock('2026-11-29T08:00:00Z');
    p = await openTestPlatform({ clock });
    app = await buildServer(p.ctx);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('locks a username after 5 failures in 15 minutes, refuses even the right password until then', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'lena', role: 'planner' });
    await failTimes('lena', '10.0.0.1', 4);
    clock.advance(14 * MIN);
    // The fifth failure, 14 minutes after the first: the failure itself says the account is now locked.
    const fifth = await expectFuwuError(signIn(p.ctx, 'lena', WRONG, '10.0.0.1'), 'unauthenticated');
    expect(fifth.message).toContain('locked');
    const lockedAt = clock.now().getTime();

    clock.advance(5 * MIN);
    const refused = await expectFuwuError(signIn(p.ctx, 'lena', USER_PASSWORD, '10.0.0.2'), 'locked');
    // 08:14 UTC + 15 min = 08:29 UTC = 16:29 Beijing time.
    expect(refused.message).toContain('2026-11-29 16:29');
    expect(refused.zh).toContain('2026-11-29 16:29');
    expect(refused.retryAfterSeconds).toBe(10 * 60);
    expect(await auditCount('signIn.locked', 'lena')).toBe(1);
    expect(await auditCount('signIn.failed', 'lena')).toBe(5);

    // Refusals while locked do not extend the lock: it ends 15 minutes after the fifth failure.
    clock.set(new Date(lockedAt + 15 * MIN - 1000).toISOString());
    await expectFuwuError(signIn(p.ctx, 'lena', USER_PASSWORD, '10.0.0.2'), 'locked');
    clock.set(new Date(lockedAt + 15 * MIN).toISOString());
    const s = await signIn(p.ctx, 'lena', USER_PASSWORD, '10.0.0.2');
    expect(s.actor.username).toBe('lena');
  });

  it('does not lock when the failures are spread over more than 15 minutes', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'slow', role: 'viewer' });
    for (let i = 0; i < 6; i++) {
      await failTimes('slow', '10.0.1.1', 1);
      clock.advance(4 * MIN);
    }
    expect((await signIn(p.ctx, 'slow', USER_PASSWORD, '10.0.1.1')).actor.username).toBe('slow');
  });

  it('a successful sign-in clears the failures of the username', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'mia', role: 'viewer' });
    await failTimes('mia', '10.0.2.1', 4);
    await signIn(p.ctx, 'mia', USER_PASSWORD, '10.0.2.1');
    // Four more: eight in the window, but only four count since the success.
    await failTimes('mia', '10.0.2.1', 4);
    expect((await signIn(p.ctx, 'mia', USER_PASSWORD, '10.0.2.1')).actor.username).toBe('mia');
    await failTimes('mia', '10.0.2.1', 5);
    await expectFuwuError(signIn(p.ctx, 'mia', USER_PASSWORD, '10.0.2.1'), 'locked');
  });

  it('locks a username that does not exist the same way (no telling which names exist)', async () => {
    await failTimes('ghost', '10.0.3.1', 5);
    const e = await expectFuwuError(signIn(p.ctx, 'ghost', WRONG, '10.0.3.1'), 'locked');
    expect(e.message).toContain('ghost');
  });

  it('an admin unlocks; others may not; the unlock is audited', async () => {
    const nora = await createUserAs(p.ctx, p.admin, { username: 'nora', role: 'planner' });
    const viewer = await createUserAs(p.ctx, p.admin, { username: 'vic', role: 'viewer' });
    await failTimes('nora', '10.0.4.1', 5);
    await expectFuwuError(signIn(p.ctx, 'nora', USER_PASSWORD, '10.0.4.1'), 'locked');

    await expectFuwuError(unlockUser(p.ctx, viewer, nora.id), 'forbidden');
    await expectFuwuError(unlockUser(p.ctx, p.admin, 999_999), 'not_found');
    const r = await unlockUser(p.ctx, p.admin, nora.id);
    expect(r).toMatchObject({ userId: nora.id, username: 'nora', clearedFailures: 5 });
    expect(r.wasLockedUntil).toBe(new Date(clock.now().getTime() + 15 * MIN).toISOString());
    expect(
      await countOf(
        p.db,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'user.unlock' AND entity_id = $1",
        [String(nora.id)],
      ),
    ).toBe(1);
    expect((await signIn(p.ctx, 'nora', USER_PASSWORD, '10.0.4.1')).actor.username).toBe('nora');

    // Unlocking an account that is not locked says so.
    expect((await unlockUser(p.ctx, p.admin, nora.id)).wasLockedUntil).toBeNull();
  });

  it('guesses sent in parallel count against each other: at most 5 passwords are tried', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'par', role: 'viewer' });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => signIn(p.ctx, 'par', WRONG, '10.0.5.1')),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await auditCount('signIn.failed', 'par')).toBeLessThanOrEqual(5);
    expect((await auditCount('signIn.failed', 'par')) + (await auditCount('signIn.locked', 'par'))).toBe(12);
  });

  it('20 failed sign-ins from one address in 15 minutes: 429 with Retry-After, other addresses unaffected', async () => {
    clock.advance(60 * MIN);
    const users: Actor[] = [];
    for (const name of ['sa', 'sb', 'sc', 'sd', 'se']) {
      users.push(await createUserAs(p.ctx, p.admin, { username: `spray-${name}`, role: 'viewer' }));
    }
    // Four wrong passwords for each of five names: no name locked, but twenty failures from the address.
    for (const u of users) await failTimes(u.username, '198.51.100.7', 4);
    clock.advance(2 * MIN);

    const login = (username: string, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress });
    const limited = await login('spray-sa', USER_PASSWORD, '198.51.100.7');
    expect(limited.statusCode, limited.body).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(limited.json<{ en: string }>().en).toContain('network address');
    // The oldest failure ages out 15 minutes after it was made, 13 minutes from now.
    expect(limited.headers['retry-after']).toBe(String(13 * 60));

    const elsewhere = await login('spray-sa', USER_PASSWORD, '198.51.100.8');
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);

    clock.advance(13 * MIN);
    expect((await login('spray-sb', USER_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('a locked account answers 423 with Retry-After through the API', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'api-lock', role: 'viewer' });
    await failTimes('api-lock', '10.0.6.1', 5);
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'api-lock', password: USER_PASSWORD },
      remoteAddress: '10.0.6.2',
    });
    expect(res.statusCode, res.body).toBe(423);
    expect(res.json()).toMatchObject({ code: 'locked' });
    expect(res.json<{ zh: string }>().zh).toContain('北京时间');
    expect(res.headers['retry-after']).toBe(String(15 * 60));
  });

  it('an admin unlocks through POST /api/users/:id/unlock', async () => {
    const u = await createUserAs(p.ctx, p.admin, { username: 'api-unlock', role: 'viewer' });
    await failTimes('api-unlock', '10.0.7.1', 5);
    const admin = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: 'admin-password-1' },
      remoteAddress: '10.0.7.9',
    });
    expect(admin.statusCode, admin.body).toBe(200);
    const cookie = admin.cookies.find((c) => c.name === 'fuwu_session')?.value;
    const csrf = admin.json<{ csrfToken: string }>().csrfToken;
    const res = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/unlock`,
      headers: { cookie: `fuwu_session=${cookie}`, 'x-fuwu-csrf': csrf },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: 'api-unlock', clearedFailures: 5 });
    expect((await signIn(p.ctx, 'api-unlock', USER_PASSWORD, '10.0.7.1')).actor.id).toBe(u.id);
  });

  it('10 sign-ups from one address in an hour, then 429; failed sign-ups do not count', async () => {
    clock.advance(120 * MIN);
    const signUp = (username: string, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/residents', payload: { username, password }, remoteAddress });
    for (let i = 0; i < 3; i++) {
      expect((await signUp(`short${i}`, 'x', '203.0.113.5')).statusCode).toBe(400);
    }
    for (let i = 0; i < 10; i++) {
      const res = await signUp(`resident${i}`, USER_PASSWORD, '203.0.113.5');
      expect(res.statusCode, res.body).toBe(201);
      clock.advance(MIN);
    }
    const eleventh = await signUp('resident10', USER_PASSWORD, '203.0.113.5');
    expect(eleventh.statusCode, eleventh.body).toBe(429);
    expect(eleventh.json()).toMatchObject({ code: 'rate_limited' });
    // The first sign-up ages out an hour after it, 50 minutes from now.
    expect(eleventh.headers['retry-after']).toBe(String(50 * 60));
    expect(await countOf(p.db, "SELECT count(*) AS n FROM users WHERE username = 'resident10'")).toBe(0);
    expect((await signUp('resident10', USER_PASSWORD, '203.0.113.6')).statusCode).toBe(201);
  });

  it('re-hashes a password stored with weaker parameters at the next successful sign-in', async () => {
    const u = await createUserAs(p.ctx, p.admin, { username: 'oldie', role: 'viewer' });
    const salt = randomBytes(16);
    const key = scryptSync(USER_PASSWORD, salt, 32, { N: 2 ** 12, r: 8, p: 1 });
    const old = ['scrypt', 2 ** 12, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    const users = new UserRepository(p.db);
    await users.setPassword(u.id, old);

    await failTimes('oldie', '10.0.8.1', 1);
    expect((await users.findById(u.id))?.passwordHash).toBe(old); // a failure changes nothing

    await signIn(p.ctx, 'oldie', USER_PASSWORD, '10.0.8.1');
    const upgraded = (await users.findById(u.id))?.passwordHash ?? '';
    expect(upgraded).not.toBe(old);
    expect(upgraded.split('$').slice(0, 4)).toEqual(['scrypt', String(currentParams().N), '8', '1']);
    expect(await verifyPassword(USER_PASSWORD, upgraded)).toBe(true);
    expect(await auditCount('user.password.rehash', 'oldie')).toBe(1);

    // Already at today's parameters: no second upgrade.
    await signIn(p.ctx, 'oldie', USER_PASSWORD, '10.0.8.1');
    expect((await users.findById(u.id))?.passwordHash).toBe(upgraded);
    expect(await auditCount('user.password.rehash', 'oldie')).toBe(1);
  });
});
