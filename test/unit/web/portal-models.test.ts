/**
 * The resident portal's pure helpers (src/web/components/portal/apply-model.ts, case-model.ts): the
 * facts an application form asks, the typed value of what was typed, held versus corrected values,
 * the browser's first check of a file, the idempotency key, the decision and supplement request read
 * from a case's events, the deadline in words, and notices in reading order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseDeadlinesView, CaseEventView } from '../../../src/web/components/cases/case-types.ts';
import {
  DISTRICT_FACT,
  MAX_FILE_BYTES,
  factsToSend,
  fileProblem,
  formFacts,
  newIdempotencyKey,
  parseFactText,
  provenanceOf,
  toInputText,
} from '../../../src/web/components/portal/apply-model.ts';
import {
  deadlineStatus,
  decisionOf,
  noticeList,
  noticesInReadingOrder,
  residentMustAct,
  supplementRequest,
} from '../../../src/web/components/portal/case-model.ts';
import type { NoticeView } from '../../../src/web/components/portal/case-model.ts';

describe('the application form', () => {
  it('asks the rule inputs in order, once each, and always the district last if the rule does not', () => {
    expect(formFacts(['person.birthDate', 'person.hukouPlace', 'person.birthDate', 'no.such'])).toEqual([
      'person.birthDate',
      'person.hukouPlace',
      DISTRICT_FACT,
    ]);
    expect(formFacts([DISTRICT_FACT, 'person.birthDate'])).toEqual([DISTRICT_FACT, 'person.birthDate']);
    expect(formFacts([])).toEqual([DISTRICT_FACT]);
  });

  it('types what was entered by the fact registry, blank as unknown', () => {
    expect(parseFactText('person.birthDate', '')).toEqual({ ok: true, value: null });
    expect(parseFactText('person.birthDate', '1940-05-01')).toEqual({ ok: true, value: '1940-05-01' });
    expect(parseFactText('person.birthDate', '1940-02-30')).toEqual({ ok: false, problem: 'date' });
    expect(parseFactText('person.birthDate', '1.5.1940')).toEqual({ ok: false, problem: 'date' });
    expect(parseFactText('person.hukouPlace', 'chengdu')).toEqual({ ok: true, value: 'chengdu' });
    expect(parseFactText('person.hukouPlace', 'beijing')).toEqual({ ok: false, problem: 'choice' });
    expect(parseFactText('person.hasResidencePermit', 'false')).toEqual({ ok: true, value: false });
    expect(parseFactText('person.hasResidencePermit', 'no')).toEqual({ ok: false, problem: 'choice' });
    expect(parseFactText(DISTRICT_FACT, '510104')).toEqual({ ok: true, value: '510104' });
  });

  it('reads back every held value it writes into the form (number, boolean, date, choice)', () => {
    const numberFact = 'person.incomeMonthly';
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (n) => {
        const p = parseFactText(numberFact, toInputText(n));
        return p.ok && (typeof p.value !== 'number' || p.value === n);
      }),
    );
    fc.assert(
      fc.property(fc.boolean(), (b) => {
        const p = parseFactText('person.hasResidencePermit', toInputText(b));
        return p.ok && p.value === b;
      }),
    );
    expect(parseFactText('person.birthDate', toInputText('2001-12-31'))).toEqual({
      ok: true,
      value: '2001-12-31',
    });
  });

  it('refuses a negative or non-numeric number', () => {
    expect(parseFactText('person.incomeMonthly', '-1')).toEqual({ ok: false, problem: 'number' });
    expect(parseFactText('person.incomeMonthly', 'abc')).toEqual({ ok: false, problem: 'number' });
    expect(parseFactText('person.incomeMonthly', ' 1200.5 ')).toEqual({ ok: true, value: 1200.5 });
  });

  it('sends only the facts with a value', () => {
    expect(
      factsToSend(['person.birthDate', 'person.hukouPlace', DISTRICT_FACT], {
        'person.birthDate': '1940-05-01',
        'person.hukouPlace': '',
        [DISTRICT_FACT]: 'nonsense-but-the-server-checks',
      }),
    ).toEqual({ 'person.birthDate': '1940-05-01', [DISTRICT_FACT]: 'nonsense-but-the-server-checks' });
  });

  it('tells held, corrected and entered values apart', () => {
    expect(provenanceOf('1950-01-01', '1950-01-01')).toBe('held');
    expect(provenanceOf('1950-01-01', '1940-05-01')).toBe('corrected');
    expect(provenanceOf(true, 'true')).toBe('held');
    expect(provenanceOf(true, '')).toBe('corrected');
    expect(provenanceOf(undefined, 'x')).toBe('entered');
    expect(provenanceOf(null, '')).toBe('entered');
  });

  it('checks a file by type (or name) and size before it is sent', () => {
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'a.PNG', type: '', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'a.jpeg', type: 'image/jpeg', size: MAX_FILE_BYTES })).toBeNull();
    expect(fileProblem({ name: 'a.jpeg', type: 'image/jpeg', size: MAX_FILE_BYTES + 1 })).toBe('size');
    expect(fileProblem({ name: 'a.txt', type: 'text/plain', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'a.gif', type: '', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('empty');
  });

  it('makes an idempotency key the API accepts, with or without randomUUID', () => {
    const KEY = /^[A-Za-z0-9._:-]{8,100}$/;
    expect(newIdempotencyKey(crypto)).toMatch(KEY);
    const noUuid = {
      getRandomValues: (a: Uint8Array) => crypto.getRandomValues(a),
    } as unknown as Pick<Crypto, 'getRandomValues'>;
    const a = newIdempotencyKey(noUuid);
    const b = newIdempotencyKey(noUuid);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});

const event = (
  seq: number,
  action: string,
  from: string | null,
  to: string,
  reason: string | null = null,
): CaseEventView => ({
  seq,
  action,
  fromState: from,
  toState: to,
  actorId: 1,
  actorRole:
    action === 'submit' || action === 'withdraw' || action === 'answerSupplement' ? 'resident' : 'caseWorker',
  at: `2026-03-0${seq}T02:00:00.000Z`,
  onDate: `2026-03-0${seq}`,
  reason,
  changes: [],
});

const NO_DEADLINES: CaseDeadlinesView = {
  decision: null,
  pausedWithWorkingDaysLeft: null,
  decidedLate: null,
  pledgeVerification: null,
};

describe('a case as the resident reads it', () => {
  const events = [
    event(1, 'submit', null, 'submitted'),
    event(2, 'accept', 'submitted', 'accepted'),
    event(3, 'requestSupplement', 'accepted', 'supplementRequested', '请补充户口簿'),
    event(4, 'answerSupplement', 'supplementRequested', 'accepted'),
    event(5, 'requestSupplement', 'accepted', 'supplementRequested', '请补充银行账户'),
  ];

  it('names the latest supplement request while one is awaited, and none otherwise', () => {
    expect(supplementRequest('supplementRequested', events)).toBe('请补充银行账户');
    expect(supplementRequest('accepted', events.slice(0, 4))).toBeNull();
  });

  it('gives the decision with the reason of the step that reached it, only once decided', () => {
    const decided = [
      ...events,
      event(6, 'answerSupplement', 'supplementRequested', 'accepted'),
      event(7, 'reject', 'accepted', 'rejected', '年龄不符'),
    ];
    expect(decisionOf('rejected', decided)).toMatchObject({
      state: 'rejected',
      reason: '年龄不符',
      on: '2026-03-07',
    });
    expect(decisionOf('accepted', decided)).toBeNull();
    expect(
      decisionOf('withdrawn', [
        event(1, 'submit', null, 'submitted'),
        event(2, 'withdraw', 'submitted', 'withdrawn'),
      ]),
    ).toMatchObject({
      state: 'withdrawn',
      reason: null,
    });
  });

  it('asks the resident to act only when answering a supplement is open to them', () => {
    expect(
      residentMustAct({ state: 'supplementRequested', allowedActions: ['answerSupplement', 'withdraw'] }),
    ).toBe(true);
    expect(residentMustAct({ state: 'accepted', allowedActions: ['withdraw'] })).toBe(false);
  });

  it('says where the deadline stands: not started, running, paused, decided', () => {
    expect(deadlineStatus('submitted', NO_DEADLINES)).toEqual({ kind: 'notStarted' });
    const running = { due: '2026-03-20', workingDaysLeft: 3, overdue: false, nearDeadline: false };
    expect(deadlineStatus('accepted', { ...NO_DEADLINES, decision: running })).toEqual({
      kind: 'running',
      due: '2026-03-20',
      workingDaysLeft: 3,
      overdue: false,
      near: false,
    });
    expect(deadlineStatus('supplementRequested', { ...NO_DEADLINES, pausedWithWorkingDaysLeft: 7 })).toEqual({
      kind: 'paused',
      workingDaysLeft: 7,
    });
    expect(deadlineStatus('approved', { ...NO_DEADLINES, decision: running, decidedLate: false })).toEqual({
      kind: 'decided',
      due: '2026-03-20',
      late: false,
    });
    expect(deadlineStatus('withdrawn', NO_DEADLINES)).toEqual({ kind: 'none' });
  });

  it('puts unread notices first, then the newest', () => {
    const n = (id: number, createdAt: string, readAt: string | null): NoticeView => ({
      id,
      kind: 'mayBeEntitled',
      serviceCode: 'S-5-01',
      title: { zh: 't', en: 't' },
      body: { zh: 'b', en: 'b' },
      createdAt,
      readAt,
    });
    const list = [
      n(1, '2026-01-01', null),
      n(2, '2026-02-01', '2026-02-02'),
      n(3, '2026-03-01', null),
      n(4, '2026-04-01', '2026-04-02'),
    ];
    expect(noticesInReadingOrder(list).map((x) => x.id)).toEqual([3, 1, 4, 2]);
    expect(noticeList({ notices: list, unread: 2 })).toHaveLength(4);
    expect(noticeList({ items: list.slice(0, 1), unread: 1 })).toHaveLength(1);
    expect(noticeList({ unread: 0 })).toEqual([]);
  });
});
