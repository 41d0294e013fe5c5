/**
 * The notices outbox (issue 6 §2) on the real database: a case step that decides or asks something
 * is a notice to the applicant in the same transaction; work-list notices are made once per person,
 * service, snapshot and kind (a second press sends nothing) and only within the officer's scope; the
 * dispatcher marks in-app deliveries sent once, records channels that cannot reach the person, and
 * retries a failing SMS gateway with the same idempotency key until it answers, marking it sent
 * once, or gives up; dispatchers running at once never send one delivery twice.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { PHONE_FACT, inAppChannel, smsChannel } from '../../src/app/notices/channels.ts';
import { dispatchNotices, startNoticeDispatcher } from '../../src/app/notices/dispatch-notices.ts';
import { listMyNotices, markNoticeRead } from '../../src/app/notices/my-notices.ts';
import { sendWorklistNotices } from '../../src/app/notices/worklist-notices.ts';
import { linkResidentPerson } from '../../src/app/residents/link-person.ts';
import { syntheticPersonId } from '../../src/domain/entitlements/synthetic-population.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { NoticeChannel } from '../../src/domain/notices/notice.ts';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../src/domain/notices/notice.ts';
import { NoticeRepository } from '../../src/store/repositories/notice.repository.ts';
import { ResidentProfileRepository } from '../../src/store/repositories/resident-profile.repository.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  countOf,
  engineName,
  expectFuwuError,
  fixedClock,
  openTestPlatformWith,
} from '../support/test-db.ts';
import { matchSyntheticPopulation, worklistGaps } from '../support/worklist-fixtures.ts';

const SERVICE = 'S-5-01'; // 高龄津贴: many 应享未享 in a young synthetic population's elders

/** A fake SMS gateway: fails its first `failFirst` requests *after* taking them (a lost answer). */
function fakeGateway(failFirst: number) {
  const keys: string[] = [];
  const delivered = new Map<string, { to: string; text: string }>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests++;
      const key = String(req.headers['idempotency-key']);
      keys.push(key);
      const msg = JSON.parse(body) as { to: string; text: string; idempotencyKey: string };
      // Idempotent by key: the same key never sends a second message.
      if (!delivered.has(key)) delivered.set(key, { to: msg.to, text: msg.text });
      if (requests <= failFirst) {
        res.writeHead(503).end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${key}` }));
    });
  });
  return {
    keys,
    delivered,
    async start(): Promise<string> {
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe(`notices outbox (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let app: FastifyInstance;
  let snapshotId: number;
  let alice: Actor; // resident
  let bob: Actor; // resident
  let worker: Actor; // case worker at O-510104
  let district: Actor; // district officer of 510104
  let health: Actor; // department officer, sector health
  let keyNo = 0;

  async function act(who: Actor, id: string, action: string, reason?: string) {
    const rev = await p.db.query<{ revision: number }>('SELECT revision FROM cases WHERE id = $1', [id]);
    return actOnCase(p.ctx, who, id, action, { reason, expectedRevision: rev.rows[0]!.revision });
  }

  const gapOf = (districtCode: string | null) => worklistGaps(p.db, snapshotId, SERVICE, districtCode);

  beforeAll(async () => {
    clock = fixedClock('2025-07-01T02:00:00Z');
    const opened = await openTestPlatformWith({
      clock,
      users: {
        alice: { role: 'resident' },
        bob: { role: 'resident' },
        worker: { role: 'caseWorker', officeCode: 'O-510104' },
        district: { username: 'jinjiang', role: 'districtOfficer', districtCode: '510104' },
        health: { role: 'departmentOfficer', sector: 'health' },
      },
    });
    p = opened;
    ({ alice, bob, worker, district, health } = opened.users);
    snapshotId = await matchSyntheticPopulation(p, 3000);
    app = await buildServer(p.ctx);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('a case step that decides or asks is a notice to the applicant, in the same transaction; others are not', async () => {
    const { case: c } = await submitApplication(p.ctx, alice, {
      serviceCode: 'S-1-04',
      facts: { 'person.residenceDistrict': '510104' },
      idempotencyKey: `notice-key-${++keyNo}`,
    });
    await act(worker, c.id, 'accept');
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM notices WHERE case_id = $1', [c.id])).toBe(0);
    await act(worker, c.id, 'requestSupplement', '请补充户口簿');
    const inbox = await listMyNotices(p.ctx, alice);
    expect(inbox.unread).toBe(1);
    expect(inbox.notices[0]).toMatchObject({
      kind: 'caseUpdate',
      caseId: c.id,
      serviceCode: 'S-1-04',
      readAt: null,
    });
    expect(inbox.notices[0]!.title.zh).toContain('要求补正');
    expect(inbox.notices[0]!.body.zh).toContain('请补充户口簿');
    // Nothing for another resident; their read of it is a 404.
    expect((await listMyNotices(p.ctx, bob)).notices).toEqual([]);
    await expectFuwuError(markNoticeRead(p.ctx, bob, String(inbox.notices[0]!.id)), 'not_found');
    // Through the API: the inbox and the read mark.
    const s = await signIn(app, 'alice', USER_PASSWORD);
    const res = await callAs(app, s, 'GET', '/api/my/notices');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ unread: number }>().unread).toBe(1);
    const read = await callAs(app, s, 'POST', `/api/my/notices/${inbox.notices[0]!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ readAt: string }>().readAt).toBe(clock.now().toISOString());
    expect((await listMyNotices(p.ctx, alice)).unread).toBe(0);
    expect((await callAs(app, s, 'POST', '/api/my/notices/abc/read')).statusCode).toBe(400);
    // A refused step writes no notice: reject needs a reason.
    await act(alice, c.id, 'answerSupplement');
    await expectFuwuError(act(worker, c.id, 'reject'), 'invalid_input');
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM notices WHERE case_id = $1', [c.id])).toBe(1);
    await act(worker, c.id, 'reject', '不符合条件');
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM notices WHERE case_id = $1', [c.id])).toBe(2);
  });

  it('notifies one person on a work list once: a second press sends nothing', async () => {
    const [first] = await gapOf('510104');
    const body = { serviceCode: SERVICE, personIndex: first!.person };
    expect(await sendWorklistNotices(p.ctx, district, snapshotId, body)).toEqual({
      created: 1,
      alreadySent: 0,
    });
    expect(await sendWorklistNotices(p.ctx, district, snapshotId, body)).toEqual({
      created: 0,
      alreadySent: 1,
    });
    const rows = await p.db.query<{ kind: string; person_id: string; title: { zh: string } }>(
      'SELECT kind, person_id, title FROM notices WHERE snapshot_id = $1',
      [snapshotId],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({
      kind: 'mayBeEntitled',
      person_id: syntheticPersonId(first!.person),
    });
    expect(rows.rows[0]!.title.zh).toContain('可能符合');
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE n.snapshot_id = $1`,
        [snapshotId],
      ),
    ).toBe(2); // in-app and SMS
  });

  it('keeps officers to their scope: another district, another sector, a person not on the list', async () => {
    const [elsewhere] = (await gapOf(null)).filter((x) => x.district !== '510104');
    await expectFuwuError(
      sendWorklistNotices(p.ctx, district, snapshotId, {
        serviceCode: SERVICE,
        personIndex: elsewhere!.person,
      }),
      'forbidden',
    );
    await expectFuwuError(
      sendWorklistNotices(p.ctx, district, snapshotId, {
        serviceCode: SERVICE,
        districtCode: elsewhere!.district,
      }),
      'forbidden',
    );
    await expectFuwuError(
      sendWorklistNotices(p.ctx, health, snapshotId, { serviceCode: SERVICE }),
      'forbidden',
    );
    const notOnList = await expectFuwuError(
      sendWorklistNotices(p.ctx, district, snapshotId, { serviceCode: 'S-7-01', personIndex: 2999 }),
      'invalid_input',
    );
    expect(notOnList.problems.map((x) => x.field)).toEqual(['personIndex']);
    await expectFuwuError(
      sendWorklistNotices(p.ctx, district, snapshotId, { serviceCode: 'S-0-00' }),
      'invalid_input',
    );
    const rs = await signIn(app, 'alice', USER_PASSWORD);
    const asResident = await callAs(
      app,
      rs,
      'POST',
      `/api/entitlements/matching/snapshots/${snapshotId}/worklist/notices`,
      {
        serviceCode: SERVICE,
      },
    );
    expect(asResident.statusCode).toBe(403);
    expect(
      await countOf(p.db, 'SELECT count(*) AS n FROM notices WHERE snapshot_id = $1', [snapshotId]),
    ).toBe(1);
  });

  it('notifies every gap person of a service in the district at once, skipping the one already told', async () => {
    const mine = await gapOf('510104');
    const s = await signIn(app, 'jinjiang', USER_PASSWORD);
    const url = `/api/entitlements/matching/snapshots/${snapshotId}/worklist/notices`;
    const res = await callAs(app, s, 'POST', url, { serviceCode: SERVICE });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: mine.length - 1, alreadySent: 1 });
    expect((await callAs(app, s, 'POST', url, { serviceCode: SERVICE })).json()).toEqual({
      created: 0,
      alreadySent: mine.length,
    });
    // Only their district's people.
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM notices WHERE snapshot_id = $1 AND person_id <> ALL($2::text[])`,
        [snapshotId, mine.map((x) => syntheticPersonId(x.person))],
      ),
    ).toBe(0);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM audit_log WHERE action = 'notice.worklist' AND actor = 'jinjiang'`,
      ),
    ).toBe(4); // two single ones before, two batches here
  });

  it('a linked resident sees the notices to their person; in-app deliveries are sent once, SMS not applicable without a gateway', async () => {
    const [first] = await gapOf('510104');
    const personId = syntheticPersonId(first!.person);
    await linkResidentPerson(p.ctx, p.admin, bob.id, { personId });
    const inbox = await listMyNotices(p.ctx, bob);
    expect(inbox.notices.map((n) => n.kind)).toEqual(['mayBeEntitled']);
    const r1 = await dispatchNotices(p.ctx, { channels: [inAppChannel] });
    const total = await countOf(p.db, 'SELECT count(*) AS n FROM notices');
    expect(r1.sent).toBe(total); // every notice's in-app delivery
    expect(r1.notApplicable).toBe(total); // SMS: not configured
    // A second run finds nothing due: nothing is sent twice.
    expect(await dispatchNotices(p.ctx, { channels: [inAppChannel] })).toMatchObject({ claimed: 0, sent: 0 });
    const notice = inbox.notices[0]!;
    const deliveries = await new NoticeRepository(p.db).deliveries(notice.id);
    expect(deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['inApp', 'sent', 1],
      ['sms', 'notApplicable', 1],
    ]);
  });

  it('retries a gateway that lost its answer with the same key, and marks the SMS sent once', async () => {
    const gw = fakeGateway(1);
    const url = await gw.start();
    try {
      const [, second] = await gapOf('510104');
      const personId = syntheticPersonId(second!.person);
      await linkResidentPerson(p.ctx, p.admin, alice.id, { personId });
      const profiles = new ResidentProfileRepository(p.db);
      const prof = (await profiles.findByUser(alice.id))!;
      await profiles.setFacts(alice.id, { ...prof.facts, [PHONE_FACT]: '13800000000' });
      // A new snapshot notice for alice's person (the earlier ones are all delivered).
      await p.db.query(
        `UPDATE notice_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2
         WHERE channel = 'sms' AND notice_id IN (SELECT id FROM notices WHERE person_id = $1)`,
        [personId, clock.now().toISOString()],
      );
      const channels: NoticeChannel[] = [inAppChannel, smsChannel(url)];
      const r1 = await dispatchNotices(p.ctx, { channels });
      expect(r1).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
      const [noticeId] = (
        await p.db.query<{ id: string }>('SELECT id FROM notices WHERE person_id = $1', [personId])
      ).rows.map((r) => Number(r.id));
      let d = (await new NoticeRepository(p.db).deliveries(noticeId!)).find((x) => x.channel === 'sms')!;
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS gateway answered 503' });
      // Not due before the backoff has passed.
      expect((await dispatchNotices(p.ctx, { channels })).claimed).toBe(0);
      clock.advance(retryDelayMs(1));
      expect(await dispatchNotices(p.ctx, { channels })).toMatchObject({ claimed: 1, sent: 1 });
      d = (await new NoticeRepository(p.db).deliveries(noticeId!)).find((x) => x.channel === 'sms')!;
      expect(d).toMatchObject({ status: 'sent', attempts: 2, externalId: `gw-fuwu-notice-${noticeId}` });
      expect(gw.keys).toEqual([`fuwu-notice-${noticeId}`, `fuwu-notice-${noticeId}`]);
      expect(gw.delivered.size).toBe(1);
      expect(gw.delivered.get(`fuwu-notice-${noticeId}`)?.to).toBe('13800000000');
    } finally {
      await gw.close();
    }
  });

  it('gives up after the last attempt, keeping the reason', async () => {
    const broken: NoticeChannel = {
      name: 'inApp',
      canReach: () => true,
      send: () => Promise.reject(new Error('inbox store down')),
    };
    const { case: c } = await submitApplication(p.ctx, bob, {
      serviceCode: 'S-1-04',
      facts: { 'person.residenceDistrict': '510104' },
      idempotencyKey: `notice-key-${++keyNo}`,
    });
    await act(worker, c.id, 'notAccept', '材料不属于本事项');
    const [n] = (await listMyNotices(p.ctx, bob)).notices.filter((x) => x.caseId === c.id);
    for (let k = 1; k <= MAX_DELIVERY_ATTEMPTS; k++) {
      await dispatchNotices(p.ctx, { channels: [broken] });
      clock.advance(retryDelayMs(k));
    }
    const d = (await new NoticeRepository(p.db).deliveries(n!.id)).find((x) => x.channel === 'inApp')!;
    expect(d).toMatchObject({
      status: 'failed',
      attempts: MAX_DELIVERY_ATTEMPTS,
      lastError: 'inbox store down',
    });
    expect((await dispatchNotices(p.ctx, { channels: [broken] })).claimed).toBe(0);
  });

  it('dispatchers running at once never send one delivery twice', async () => {
    // Fresh notices: every gap person of every service in the whole city, by an admin.
    const services = await p.db.query<{ s: string }>(
      `SELECT DISTINCT service_code AS s FROM entitlement_worklist_items WHERE snapshot_id = $1 AND kind = 'gap'`,
      [snapshotId],
    );
    let created = 0;
    for (const { s } of services.rows)
      created += (await sendWorklistNotices(p.ctx, p.admin, snapshotId, { serviceCode: s })).created;
    expect(created).toBeGreaterThan(50);
    const sends = new Map<number, number>();
    const counting: NoticeChannel = {
      name: 'inApp',
      canReach: () => true,
      async send(notice) {
        sends.set(notice.id, (sends.get(notice.id) ?? 0) + 1);
        await new Promise((ok) => setTimeout(ok, 2));
        return { externalId: null };
      },
    };
    const due = await countOf(
      p.db,
      `SELECT count(*) AS n FROM notice_deliveries WHERE status = 'pending' AND channel = 'inApp'`,
    );
    const drain = async () => {
      let total = 0;
      for (;;) {
        const x = await dispatchNotices(p.ctx, { channels: [counting], batch: 7 });
        if (x.claimed === 0) return total;
        total += x.sent;
      }
    };
    const totals = await Promise.all([drain(), drain(), drain()]);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(due);
    expect(sends.size).toBe(due);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM notice_deliveries WHERE status = 'pending' AND channel = 'inApp'`,
      ),
    ).toBe(0);
  });

  it('the server’s timer dispatches what falls due, and stops', async () => {
    const { case: c } = await submitApplication(p.ctx, bob, {
      serviceCode: 'S-1-04',
      facts: { 'person.residenceDistrict': '510104' },
      idempotencyKey: `notice-key-${++keyNo}`,
    });
    await act(worker, c.id, 'notAccept', '不属于本中心受理范围');
    const [n] = (await listMyNotices(p.ctx, bob)).notices.filter((x) => x.caseId === c.id);
    const stop = startNoticeDispatcher(p.ctx, { channels: [inAppChannel], intervalMs: 10 });
    try {
      await expect
        .poll(
          async () =>
            (await new NoticeRepository(p.db).deliveries(n!.id)).find((d) => d.channel === 'inApp')?.status,
          { timeout: 10_000 },
        )
        .toBe('sent');
    } finally {
      await stop();
    }
  });
});
