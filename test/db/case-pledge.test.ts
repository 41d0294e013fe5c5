/**
 * The pledge (告知承诺书) signed at submission, on the real database (issue 6 §2): stored with the case
 * (date, text version) and in the first event; refused, writing nothing, where the service does not
 * allow pledge-based approval; approveOnPledge refused on an unsigned case and taken on a signed one,
 * then revoked with a recorded reason; a case stored before the field existed reads as unsigned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { listMyCases } from '../../src/app/cases/list-my-cases.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { PLEDGE_TEXT } from '../../src/domain/cases/pledge-text.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  countOf,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
} from '../support/test-db.ts';

const HOME = { 'person.residenceDistrict': '510104' }; // 锦江区 → office O-510104
const PLEDGE_SERVICE = 'S-1-06'; // 育儿补贴: pledgeAllowed in the Chengdu pack
const NO_PLEDGE_SERVICE = 'S-1-04';

describe(`the pledge signed at submission (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let alice: Actor;
  let worker: Actor;
  let boss: Actor;
  let keyNo = 0;
  const key = () => `pledge-key-${String(++keyNo).padStart(4, '0')}`;

  const apply = (serviceCode: string, pledge?: unknown) =>
    submitApplication(p.ctx, alice, { serviceCode, facts: HOME, idempotencyKey: key(), pledge });

  async function act(who: Actor, id: string, action: string, reason?: string) {
    const c = await getCase(p.ctx, worker, id);
    return actOnCase(p.ctx, who, id, action, { reason, expectedRevision: c.revision });
  }

  beforeAll(async () => {
    clock = fixedClock('2024-04-01T01:00:00Z');
    const opened = await openTestPlatformWith({
      clock,
      users: {
        alice: { role: 'resident' },
        worker: { role: 'caseWorker', officeCode: 'O-510104' },
        boss: { role: 'supervisor', officeCode: 'O-510104' },
      },
    });
    p = opened;
    ({ alice, worker, boss } = opened.users);
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('stores the signature (date, text version) with the case, in its first event and its views', async () => {
    const { case: c } = await apply(PLEDGE_SERVICE, true);
    const signed = { on: '2024-04-01', textVersion: PLEDGE_TEXT.version };
    expect(c.pledgeSigned).toEqual(signed);
    const detail = await getCase(p.ctx, worker, c.id);
    expect(detail.pledgeSigned).toEqual(signed);
    expect(detail.events[0]!.changes).toContainEqual({ field: 'pledgeSigned', before: null, after: signed });
    expect((await listMyCases(p.ctx, alice)).find((m) => m.id === c.id)?.pledgeSigned).toEqual(signed);
    const row = await p.db.query<{ record: { pledgeSigned: unknown } }>(
      `SELECT record FROM cases WHERE id = $1`,
      [c.id],
    );
    expect(row.rows[0]!.record.pledgeSigned).toEqual(signed);
  });

  it('refuses a pledge where the service does not allow it, or a pledge that is not true/false, writing nothing', async () => {
    const before = await countOf(p.db, 'SELECT count(*) AS n FROM cases');
    const e = await expectFuwuError(apply(NO_PLEDGE_SERVICE, true), 'invalid_input');
    expect(fieldsOf(e)).toEqual(['pledge']);
    expect(e.zh).toContain('不适用告知承诺制');
    expect(fieldsOf(await expectFuwuError(apply(PLEDGE_SERVICE, 'yes'), 'invalid_input'))).toEqual([
      'pledge',
    ]);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM cases')).toBe(before);
    // Not signing is always allowed, on either kind of service.
    expect((await apply(NO_PLEDGE_SERVICE, false)).case.pledgeSigned).toBeNull();
  });

  it('refuses approveOnPledge unless the applicant signed, then approves and revokes with a reason', async () => {
    clock.set('2024-04-02T01:00:00Z');
    const { case: unsigned } = await apply(PLEDGE_SERVICE);
    expect(unsigned.pledgeSigned).toBeNull();
    const accepted = await act(worker, unsigned.id, 'accept');
    expect(accepted.allowedActions).toContain('approve');
    expect(accepted.allowedActions).not.toContain('approveOnPledge');
    const refused = await expectFuwuError(act(worker, unsigned.id, 'approveOnPledge'), 'conflict');
    expect(refused.zh).toContain('申请人未签署告知承诺书');
    expect((await getCase(p.ctx, worker, unsigned.id)).state).toBe('accepted');

    const { case: signed } = await apply(PLEDGE_SERVICE, true);
    expect((await act(worker, signed.id, 'accept')).allowedActions).toContain('approveOnPledge');
    const approved = await act(worker, signed.id, 'approveOnPledge');
    expect(approved.state).toBe('approvedOnPledge');
    expect(approved.deadlines.pledgeVerification?.due).toBeTruthy();
    clock.set('2024-04-15T01:00:00Z');
    const revoked = await act(boss, signed.id, 'revokePledge', '核查发现承诺内容与实际不符');
    expect(revoked.state).toBe('revoked');
    const detail = await getCase(p.ctx, alice, signed.id);
    expect(detail.pledge).toMatchObject({ outcome: 'revoked', outcomeOn: '2024-04-15' });
    expect(detail.pledgeSigned).toEqual({ on: '2024-04-02', textVersion: PLEDGE_TEXT.version });
    expect(detail.events.at(-1)).toMatchObject({
      action: 'revokePledge',
      reason: '核查发现承诺内容与实际不符',
    });
  });

  it('reads a case stored before the field existed as unsigned', async () => {
    const { case: c } = await apply(PLEDGE_SERVICE, true);
    await p.db.query(`UPDATE cases SET record = record - 'pledgeSigned' WHERE id = $1`, [c.id]);
    const detail = await getCase(p.ctx, worker, c.id);
    expect(detail.pledgeSigned).toBeNull();
    const accepted = await act(worker, c.id, 'accept');
    expect(accepted.allowedActions).not.toContain('approveOnPledge');
  });
});
