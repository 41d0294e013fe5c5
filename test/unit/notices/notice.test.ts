/** Notice texts, which case steps are notified, the retry backoff, the SMS adapter and the proactive case start. */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idempotencyKeyOf, smsChannel } from '../../../src/app/notices/channels.ts';
import { CASE_ACTIONS } from '../../../src/domain/cases/case-machine-definition.ts';
import { createProactiveCase } from '../../../src/domain/cases/case-machine.ts';
import {
  NOTIFIED_CASE_ACTIONS,
  caseUpdateNotice,
  isNotifiedCaseAction,
  mayBeEntitledNotice,
  mayNoLongerQualifyNotice,
  retryDelayMs,
} from '../../../src/domain/notices/notice.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

const SERVICE = {
  code: 'S-5-01',
  name: '高龄津贴',
  nameEn: 'high-age allowance',
  channels: { online: '天府市民云', offline: '社区服务中心' },
};

describe('notice texts', () => {
  it('says "you may be entitled" with the service and how to apply, in both languages', () => {
    const n = mayBeEntitledNotice(SERVICE);
    expect(n.kind).toBe('mayBeEntitled');
    expect(n.title.zh).toContain('高龄津贴');
    expect(n.title.en).toContain('high-age allowance');
    expect(n.body.zh).toContain('网上：天府市民云');
    expect(n.body.zh).toContain('线下：社区服务中心');
    expect(n.body.en).toContain('in person: 社区服务中心');
  });

  it('falls back to any office when the service names no channel', () => {
    const n = mayBeEntitledNotice({ ...SERVICE, channels: { online: null, offline: null } });
    expect(n.body.zh).toContain('任一政务服务中心');
  });

  it('a re-check entry says "may no longer qualify"', () => {
    const n = mayNoLongerQualifyNotice(SERVICE);
    expect(n.kind).toBe('mayNoLongerQualify');
    expect(n.body.zh).toContain('不再符合');
  });

  it('a case step names the case, the step and the reason', () => {
    const n = caseUpdateNotice(SERVICE, 'C-1', 'reject', '收入超过标准');
    expect(n.title.zh).toContain('C-1');
    expect(n.title.zh).toContain('不予批准');
    expect(n.body.zh).toContain('理由：收入超过标准');
    expect(caseUpdateNotice(SERVICE, 'C-1', 'approve', null).body.zh).not.toContain('理由');
  });

  it('notifies decisions and requests to the applicant, not the staff’s own steps', () => {
    for (const a of NOTIFIED_CASE_ACTIONS) expect(CASE_ACTIONS).toContain(a);
    expect(isNotifiedCaseAction('requestSupplement')).toBe(true);
    expect(isNotifiedCaseAction('accept')).toBe(false);
    expect(isNotifiedCaseAction('startMeansCheck')).toBe(false);
    expect(isNotifiedCaseAction('withdraw')).toBe(false);
  });
});

describe('retry backoff', () => {
  it('starts at a minute, never shrinks, and stays within an hour', () => {
    expect(retryDelayMs(1)).toBe(60_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
        const d = retryDelayMs(n);
        return d >= 60_000 && d <= 3_600_000 && retryDelayMs(n + 1) >= d;
      }),
    );
  });
});

describe('SMS adapter', () => {
  afterEach(() => vi.unstubAllGlobals());
  const notice = {
    id: 42,
    kind: 'mayBeEntitled' as const,
    serviceCode: 'S-5-01',
    title: { zh: '标题', en: 'title' },
    body: { zh: '正文', en: 'body' },
  };

  it('reaches only people with a mobile number held', () => {
    const sms = smsChannel('http://127.0.0.1:1/sms');
    expect(sms.canReach({ userId: 1, personId: null, phone: null })).toBe(false);
    expect(sms.canReach({ userId: 1, personId: null, phone: 'call me' })).toBe(false);
    expect(sms.canReach({ userId: 1, personId: null, phone: '+8613800000000' })).toBe(true);
  });

  it('posts the notice id as the idempotency key, and fails on an error answer', async () => {
    const calls: { headers: Record<string, string>; body: string }[] = [];
    let status = 200;
    vi.stubGlobal('fetch', async (_url: string, init: { headers: Record<string, string>; body: string }) => {
      calls.push(init);
      return new Response(JSON.stringify({ id: 'gw-1' }), { status });
    });
    const sms = smsChannel('http://gateway.test/sms');
    const to = { userId: 1, personId: 'SYN-0000001', phone: '13800000000' };
    expect(await sms.send(notice, to)).toEqual({ externalId: 'gw-1' });
    status = 502;
    await expect(sms.send(notice, to)).rejects.toThrow('502');
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual([
      idempotencyKeyOf(notice),
      idempotencyKeyOf(notice),
    ]);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ idempotencyKey: 'fuwu-notice-42', to: '13800000000' });
  });
});

describe('proactive case start', () => {
  const submission = {
    id: 'C-1',
    serviceCode: 'S-5-01',
    applicantId: 'person:SYN-0000001',
    deadlineWorkingDays: 20,
    pledgeAllowed: false,
  };

  it('is the system’s first event, with the officer and the reason', () => {
    const { case: c, event } = createProactiveCase(
      submission,
      { role: 'system', id: '7' },
      '2025-07-01',
      '主动服务',
    );
    expect(c.state).toBe('submitted');
    expect(event).toMatchObject({
      seq: 1,
      action: 'submit',
      actor: { role: 'system', id: '7' },
      reason: '主动服务',
    });
  });

  it('is refused to anyone but the system', () => {
    expect(() => createProactiveCase(submission, { role: 'caseWorker', id: '7' }, '2025-07-01', 'x')).toThrow(
      FuwuError,
    );
  });
});
