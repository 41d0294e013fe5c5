/**
 * One-stop cases on the real database (issue 6 §2): users with the new roles, submission with the
 * entitlement check kept, idempotent double submission (concurrent), a full path across the 2024
 * Spring Festival with the deadline moved by the supplement pause, refusals that write nothing
 * (illegal action, stale revision, another office, another resident), a pledge approval revoked,
 * reassignment, the queue overdue first, and the HTTP routes with the role scope.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { caseCalendar } from '../../src/app/cases/case-calendar.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { listMyCases } from '../../src/app/cases/list-my-cases.ts';
import { listQueue } from '../../src/app/cases/list-queue.ts';
import { reassignCase } from '../../src/app/cases/reassign-case.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { createUser } from '../../src/app/identity/users.ts';
import { deadlineWithPauses } from '../../src/domain/cases/working-days.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
  USER_PASSWORD,
} from '../support/test-db.ts';

const HOME = { 'person.residenceDistrict': '510104' }; // 锦江区 → office O-510104

describe(`one-stop cases (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let app: FastifyInstance;
  let alice: Actor; // resident
  let bob: Actor; // another resident
  let worker: Actor; // case worker at O-510104
  let outsider: Actor; // case worker at O-510105
  let boss: Actor; // supervisor at O-510104
  let keyNo = 0;
  const key = () => `test-key-${String(++keyNo).padStart(4, '0')}`;

  const user = (u: Parameters<typeof createUserAs>[2]) => createUserAs(p.ctx, p.admin, u);

  const submit = (who: Actor, serviceCode: string, idempotencyKey = key(), facts: object = HOME) =>
    submitApplication(p.ctx, who, { serviceCode, facts, idempotencyKey });

  async function act(who: Actor, id: string, action: string, reason?: string) {
    const c = await getCase(p.ctx, who.role === 'resident' ? who : worker, id);
    return actOnCase(p.ctx, who, id, action, { reason, expectedRevision: c.revision });
  }

  beforeAll(async () => {
    clock = fixedClock('2024-01-02T01:00:00Z');
    const opened = await openTestPlatformWith({
      clock,
      users: {
        alice: { role: 'resident' },
        bob: { role: 'resident' },
        worker: { role: 'caseWorker', officeCode: 'O-510104' },
        outsider: { role: 'caseWorker', officeCode: 'O-510105' },
        boss: { role: 'supervisor', officeCode: 'O-510104' },
      },
    });
    p = opened;
    ({ alice, bob, worker, outsider, boss } = opened.users);
    app = await buildServer(p.ctx);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('creates the new roles; a case worker needs a real office', async () => {
    const noOffice = await expectFuwuError(
      createUser(p.ctx, p.admin, {
        username: 'worker2',
        displayName: '',
        password: USER_PASSWORD,
        role: 'caseWorker',
      }),
      'invalid_input',
    );
    expect(fieldsOf(noOffice)).toEqual(['officeCode']);
    await expectFuwuError(
      createUser(p.ctx, p.admin, {
        username: 'worker3',
        displayName: '',
        password: USER_PASSWORD,
        role: 'supervisor',
        officeCode: 'O-999999',
      }),
      'invalid_input',
    );
    const rows = await p.db.query<{ role: string; office_code: string | null }>(
      `SELECT role, office_code FROM users WHERE username IN ('alice', 'worker') ORDER BY username`,
    );
    expect(rows.rows).toEqual([
      { role: 'resident', office_code: null },
      { role: 'caseWorker', office_code: 'O-510104' },
    ]);
    // A resident's office is never stored, even when one is sent.
    const r = await user({ username: 'carol', role: 'resident', officeCode: 'O-510104' });
    expect(
      await countOf(p.db, 'SELECT count(*) AS n FROM users WHERE id = $1 AND office_code IS NULL', [r.id]),
    ).toBe(1);
  });

  it('submits: entitlement kept with the case, routed to the district office and lead department', async () => {
    clock.set('2024-01-02T01:00:00Z');
    const r = await submit(alice, 'S-1-04');
    expect(r.created).toBe(true);
    expect(r.case).toMatchObject({
      serviceCode: 'S-1-04',
      state: 'submitted',
      officeCode: 'O-510104',
      districtCode: '510104',
      leadDepartment: '市民政局',
      submittedOn: '2024-01-02',
      revision: 1,
    });
    // Too little is known to decide: the resident is told, and the case is made all the same.
    expect(r.case.entitlement.outcome).toBe('cannotDecide');
    expect(r.case.entitlement.likelyToQualify).toBe(false);
    const detail = await getCase(p.ctx, alice, r.case.id);
    expect(detail.entitlementTrace).not.toBeNull();
    expect(detail.events.map((e) => [e.seq, e.action, e.toState])).toEqual([[1, 'submit', 'submitted']]);
    expect(detail.allowedActions).toEqual(['withdraw']);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM audit_log WHERE action = 'case.submit' AND entity_id = $1`,
        [r.case.id],
      ),
    ).toBe(1);
  });

  it('refuses a submission without a district, a bad key, or an unknown service, naming the fields', async () => {
    const e = await expectFuwuError(
      submitApplication(p.ctx, alice, { serviceCode: 'S-0-00', facts: {}, idempotencyKey: 'x' }),
      'invalid_input',
    );
    expect(fieldsOf(e).sort()).toEqual(['facts.person.residenceDistrict', 'idempotencyKey', 'serviceCode']);
    await expectFuwuError(submit(worker, 'S-1-04'), 'forbidden');
  });

  it('makes one case of concurrent submissions with the same idempotency key', async () => {
    const k = key();
    const before = await countOf(p.db, 'SELECT count(*) AS n FROM cases');
    const results = await Promise.all(Array.from({ length: 6 }, () => submit(alice, 'S-1-04', k)));
    expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM cases')).toBe(before + 1);
    expect(
      await countOf(p.db, 'SELECT count(*) AS n FROM case_events WHERE case_id = $1', [results[0]!.case.id]),
    ).toBe(1);
    // The same key from another resident is another application.
    const other = await submit(bob, 'S-1-04', k);
    expect(other.created).toBe(true);
    expect(other.case.id).not.toBe(results[0]!.case.id);
  });

  it('follows a full path across the Spring Festival, the deadline moved by the supplement pause', async () => {
    const cal = await caseCalendar(p.ctx);
    clock.set('2024-01-29T01:00:00Z'); // Monday 09:00 in Chengdu
    const { case: c } = await submit(alice, 'S-1-04');
    const accepted = await act(worker, c.id, 'accept');
    expect(accepted.deadlines.decision?.due).toBe(deadlineWithPauses('2024-01-29', 30, [], cal));
    const dueBefore = accepted.deadlines.decision!.due;

    clock.set('2024-02-05T02:00:00Z');
    const paused = await act(worker, c.id, 'requestSupplement', '请补充监护人身份证复印件');
    expect(paused.state).toBe('supplementRequested');
    expect(paused.deadlines.decision).toBeNull();
    // Counted from the day after acceptance to the pause: 30 Jan – 5 Feb, with the make-up Sunday 4 Feb.
    expect(paused.deadlines.pausedWithWorkingDaysLeft).toBe(30 - 6);
    expect(paused.allowedActions).toEqual([]); // the worker waits for the applicant
    const residentView = await getCase(p.ctx, alice, c.id);
    expect(residentView.allowedActions).toEqual(['answerSupplement', 'withdraw']);

    clock.set('2024-02-19T01:00:00Z'); // first working day after the holiday week (and make-up Sunday 18th)
    const answered = await act(alice, c.id, 'answerSupplement');
    const dueAfter = answered.deadlines.decision!.due;
    expect(dueAfter).toBe(
      deadlineWithPauses('2024-01-29', 30, [{ from: '2024-02-05', to: '2024-02-19' }], cal),
    );
    expect(dueAfter > dueBefore).toBe(true);

    clock.set('2024-02-20T01:00:00Z');
    await act(worker, c.id, 'startMeansCheck');
    await act(boss, c.id, 'approve');
    const delivered = await act(worker, c.id, 'deliver');
    expect(delivered.state).toBe('delivered');
    expect(delivered.deadlines.decidedLate).toBe(false);

    const detail = await getCase(p.ctx, worker, c.id);
    expect(detail.revision).toBe(7);
    expect(detail.events.map((e) => [e.seq, e.action, e.fromState, e.toState, e.actorRole])).toEqual([
      [1, 'submit', null, 'submitted', 'resident'],
      [2, 'accept', 'submitted', 'accepted', 'caseWorker'],
      [3, 'requestSupplement', 'accepted', 'supplementRequested', 'caseWorker'],
      [4, 'answerSupplement', 'supplementRequested', 'accepted', 'resident'],
      [5, 'startMeansCheck', 'accepted', 'meansCheck', 'caseWorker'],
      [6, 'approve', 'meansCheck', 'approved', 'supervisor'],
      [7, 'deliver', 'approved', 'delivered', 'caseWorker'],
    ]);
    expect(detail.events[2]).toMatchObject({ reason: '请补充监护人身份证复印件', onDate: '2024-02-05' });
    // Staff see who acted; the applicant sees their own name and the others' roles only.
    expect(detail.events.map((e) => e.actorName)).toEqual([
      'alice',
      'worker',
      'worker',
      'alice',
      'worker',
      'boss',
      'worker',
    ]);
    const mine = await getCase(p.ctx, alice, c.id);
    expect(mine.events.map((e) => e.actorName)).toEqual(['alice', null, null, 'alice', null, null, null]);
    expect(
      await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE entity = 'case' AND entity_id = $1`, [
        c.id,
      ]),
    ).toBe(7);
  });

  it('refuses an illegal action and a stale revision, writing nothing', async () => {
    clock.set('2024-03-01T01:00:00Z');
    const { case: c } = await submit(alice, 'S-1-04');
    const e = await expectFuwuError(
      actOnCase(p.ctx, worker, c.id, 'approve', { expectedRevision: 1 }),
      'conflict',
    );
    expect(e.message).toContain('approve');
    await act(worker, c.id, 'accept');
    // A second clerk still holding revision 1 loses.
    await expectFuwuError(
      actOnCase(p.ctx, boss, c.id, 'reject', { reason: '材料不全', expectedRevision: 1 }),
      'conflict',
    );
    const after = await getCase(p.ctx, worker, c.id);
    expect(after.state).toBe('accepted');
    expect(after.revision).toBe(2);
    expect(after.events).toHaveLength(2);
    expect(
      await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE entity = 'case' AND entity_id = $1`, [
        c.id,
      ]),
    ).toBe(2);
    // A required reason, missing: refused, nothing written.
    await expectFuwuError(actOnCase(p.ctx, worker, c.id, 'reject', { expectedRevision: 2 }), 'invalid_input');
    expect((await getCase(p.ctx, worker, c.id)).revision).toBe(2);
  });

  it('lets only one of two clerks acting at once on the same revision succeed', async () => {
    clock.set('2024-03-01T01:30:00Z');
    const { case: c } = await submit(alice, 'S-1-04');
    await act(worker, c.id, 'accept');
    const results = await Promise.allSettled([
      actOnCase(p.ctx, worker, c.id, 'startMeansCheck', { expectedRevision: 2 }),
      actOnCase(p.ctx, boss, c.id, 'reject', { reason: '不符合条件', expectedRevision: 2 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const after = await getCase(p.ctx, worker, c.id);
    expect(after.revision).toBe(3);
    expect(after.events).toHaveLength(3);
  });

  it('keeps other offices and other residents out, but lets any office accept (全域通办)', async () => {
    clock.set('2024-03-01T02:00:00Z');
    const { case: c } = await submit(alice, 'S-1-04');
    // Another resident's case reads as an unknown one; another office is told whose case it is.
    await expectFuwuError(getCase(p.ctx, bob, c.id), 'not_found');
    await expectFuwuError(getCase(p.ctx, outsider, c.id), 'forbidden');
    await expectFuwuError(actOnCase(p.ctx, bob, c.id, 'withdraw', { expectedRevision: 1 }), 'not_found');
    const accepted = await actOnCase(p.ctx, outsider, c.id, 'accept', { expectedRevision: 1 });
    expect(accepted).toMatchObject({
      officeCode: 'O-510104',
      acceptedAtOffice: 'O-510105',
      state: 'accepted',
    });
    const { case: d } = await submit(alice, 'S-1-04');
    await act(worker, d.id, 'accept');
    await expectFuwuError(
      actOnCase(p.ctx, outsider, d.id, 'requestSupplement', { reason: 'x', expectedRevision: 2 }),
      'forbidden',
    );
    expect((await getCase(p.ctx, worker, d.id)).revision).toBe(2);
    const mine = await listMyCases(p.ctx, alice);
    expect(mine.map((m) => m.id)).toContain(c.id);
    expect((await listMyCases(p.ctx, bob)).map((m) => m.id)).not.toContain(c.id);
  });

  it('approves on pledge and revokes with a recorded reason', async () => {
    clock.set('2024-04-01T01:00:00Z');
    // The applicant signs the pledge (告知承诺书): test/db/case-pledge.test.ts covers an unsigned case.
    const { case: c } = await submitApplication(p.ctx, alice, {
      serviceCode: 'S-1-06',
      facts: HOME,
      idempotencyKey: key(),
      pledge: true,
    });
    await act(worker, c.id, 'accept');
    const approved = await act(worker, c.id, 'approveOnPledge');
    expect(approved.state).toBe('approvedOnPledge');
    expect(approved.deadlines.pledgeVerification?.due).toBeTruthy();
    clock.set('2024-04-10T01:00:00Z');
    await expectFuwuError(act(boss, c.id, 'revokePledge'), 'invalid_input');
    const revoked = await act(boss, c.id, 'revokePledge', '核查发现承诺内容与实际不符');
    expect(revoked.state).toBe('revoked');
    const detail = await getCase(p.ctx, alice, c.id);
    expect(detail.pledge).toMatchObject({ outcome: 'revoked', outcomeOn: '2024-04-10' });
    expect(detail.events.at(-1)).toMatchObject({
      action: 'revokePledge',
      reason: '核查发现承诺内容与实际不符',
    });
    // A service without pledge approval refuses it.
    const { case: d } = await submit(alice, 'S-1-04');
    await act(worker, d.id, 'accept');
    await expectFuwuError(act(worker, d.id, 'approveOnPledge'), 'conflict');
  });

  it('reassigns with a reason, and the case moves to the other office', async () => {
    clock.set('2024-04-11T01:00:00Z');
    const { case: c } = await submit(alice, 'S-1-04');
    await expectFuwuError(
      reassignCase(p.ctx, worker, c.id, { officeCode: 'O-510105', expectedRevision: 1 }),
      'invalid_input',
    );
    await expectFuwuError(
      reassignCase(p.ctx, alice, c.id, { officeCode: 'O-510105', reason: 'x', expectedRevision: 1 }),
      'forbidden',
    );
    const moved = await reassignCase(p.ctx, worker, c.id, {
      officeCode: 'O-510105',
      reason: '申请人实际居住在青羊区',
      expectedRevision: 1,
    });
    expect(moved).toMatchObject({ officeCode: 'O-510105', revision: 2, state: 'submitted' });
    const events = (await getCase(p.ctx, outsider, c.id)).events;
    expect(events.at(-1)).toMatchObject({ action: 'reassign', reason: '申请人实际居住在青羊区' });
    await expectFuwuError(getCase(p.ctx, worker, c.id), 'forbidden');
  });

  it('lists the queue overdue first and filters by deadline', async () => {
    clock.set('2024-01-02T01:00:00Z');
    const later = (await submit(alice, 'S-2-01')).case; // created first, accepted later
    const early = (await submit(bob, 'S-2-01')).case;
    await act(worker, early.id, 'accept');
    clock.set('2024-03-04T01:00:00Z');
    await act(worker, later.id, 'accept');
    const waiting = (await submit(alice, 'S-2-01')).case;
    clock.set('2024-03-05T01:00:00Z');
    const q = await listQueue(p.ctx, worker, { service: 'S-2-01' });
    expect(q.map((c) => c.id)).toEqual([early.id, later.id, waiting.id]);
    expect(q[0]!.deadlines.decision?.overdue).toBe(true);
    const overdue = await listQueue(p.ctx, boss, { service: 'S-2-01', deadline: 'overdue' });
    expect(overdue.map((c) => c.id)).toEqual([early.id]);
    expect(await listQueue(p.ctx, outsider, { service: 'S-2-01' })).toEqual([]);
    await expectFuwuError(listQueue(p.ctx, worker, { state: 'nope' }), 'invalid_input');
    await expectFuwuError(listQueue(p.ctx, alice), 'forbidden');
  });

  it('lets an admin create a case worker with an office over HTTP', async () => {
    const a = await signIn(app, 'admin', ADMIN_PASSWORD);
    const body = { username: 'clerk9', password: USER_PASSWORD, role: 'caseWorker' };
    const missing = await callAs(app, a, 'POST', '/api/users', body);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('officeCode');
    const ok = await callAs(app, a, 'POST', '/api/users', { ...body, officeCode: 'O-510105' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM users WHERE username = 'clerk9' AND office_code = 'O-510105'`,
      ),
    ).toBe(1);
  });

  it('serves the routes: idempotent POST, actions with 409, and residents kept out of planning data', async () => {
    clock.set('2024-05-06T01:00:00Z');
    const s = await signIn(app, 'alice', USER_PASSWORD);
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { cookie: s.cookie, 'x-fuwu-csrf': s.csrf, 'idempotency-key': 'route-key-0001' },
        payload: { serviceCode: 'S-1-04', facts: HOME },
      });
    const first = await post();
    expect(first.statusCode, first.body).toBe(201);
    const again = await post();
    expect(again.statusCode).toBe(200);
    const id = first.json<{ case: { id: string } }>().case.id;
    expect(again.json<{ case: { id: string } }>().case.id).toBe(id);
    const mine = await callAs(app, s, 'GET', '/api/my/cases');
    expect(mine.json<Array<{ id: string }>>().map((c) => c.id)).toContain(id);
    expect((await callAs(app, s, 'GET', '/api/projects')).statusCode).toBe(403);
    expect((await callAs(app, s, 'GET', '/api/cases')).statusCode).toBe(403);
    expect((await callAs(app, s, 'GET', '/api/catalog')).statusCode).toBe(200);

    const w = await signIn(app, 'worker', USER_PASSWORD);
    const bad = await callAs(app, w, 'POST', `/api/cases/${id}/actions/deliver`, { expectedRevision: 1 });
    expect(bad.statusCode).toBe(409);
    const ok = await callAs(app, w, 'POST', `/api/cases/${id}/actions/accept`, { expectedRevision: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ revision: number }>().revision).toBe(2);
    const view = await callAs(app, w, 'GET', `/api/cases/${id}`);
    expect(view.json<{ events: unknown[] }>().events).toHaveLength(2);
    const queue = await callAs(app, w, 'GET', '/api/cases?service=S-1-04&state=accepted');
    expect(queue.statusCode).toBe(200);
    expect(queue.json<Array<{ id: string }>>().map((c) => c.id)).toContain(id);
  });
});
