/**
 * The case state machine: every transition of the definition taken from every state it leaves from,
 * a sample of illegal ones refused with the state and the action named in both languages, actors,
 * reasons and guards, and properties over random sequences of actions (fast-check): the machine stays
 * inside its definition, what it allows is exactly what it accepts, the event log replays to the same
 * case, and a withdrawn or delivered case accepts nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseAction, CaseActor, CaseState } from '../../../src/domain/cases/case-machine-definition.ts';
import {
  CASE_ACTIONS,
  CASE_ACTORS,
  CASE_STATES,
  CASE_TRANSITIONS,
  OPEN_STATES,
} from '../../../src/domain/cases/case-machine-definition.ts';
import type { CaseActorRef, CaseEvent, CaseRecord } from '../../../src/domain/cases/case-machine.ts';
import {
  allowedActions,
  chinaDateOf,
  createCase,
  replayCase,
  transition,
} from '../../../src/domain/cases/case-machine.ts';
import { isoOfDay } from '../../../src/domain/entitlements/derive.ts';
import { PLEDGE_TEXT } from '../../../src/domain/cases/pledge-text.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { dayNumber } from '../../../src/domain/cases/working-days.ts';
import {
  CTX,
  OTHER_RESIDENT,
  PATH_TO,
  RESIDENT,
  SUBMISSION,
  SUPERVISOR,
  SYSTEM,
  WORKER,
  caseIn,
  caught,
} from './fixtures.ts';

const ACTOR_OF: Record<CaseActor, CaseActorRef> = {
  resident: RESIDENT,
  caseWorker: WORKER,
  supervisor: SUPERVISOR,
  system: SYSTEM,
};

describe('the definition', () => {
  it('names only known states and actions, each action once, and reaches every state', () => {
    expect(CASE_TRANSITIONS.map((t) => t.action)).toEqual([...CASE_ACTIONS]);
    const reached = new Set<CaseState>(['submitted']);
    for (const t of CASE_TRANSITIONS) {
      for (const f of t.from) expect(CASE_STATES).toContain(f);
      expect(CASE_STATES).toContain(t.to);
      reached.add(t.to);
    }
    expect([...reached].sort()).toEqual([...CASE_STATES].sort());
  });

  it('every path of the fixtures really leads to its state', () => {
    for (const state of CASE_STATES) expect(caseIn(state).case.state).toBe(state);
  });
});

describe('every transition of the definition', () => {
  const cases = CASE_TRANSITIONS.flatMap((t) =>
    t.from.flatMap((from) => t.actors.map((actor) => [t.action, from, actor, t.to] as const)),
  );
  it.each(cases)('%s from %s by %s leads to %s', (action, from, actor, to) => {
    const { case: c } = caseIn(from);
    expect(allowedActions(c, ACTOR_OF[actor])).toContain(action);
    const r = transition(c, action, ACTOR_OF[actor], '2024-03-04', { reason: '理由 / the reason' }, CTX);
    expect(r.case.state).toBe(to);
    expect(r.event).toMatchObject({
      action,
      from,
      to,
      on: '2024-03-04',
      actor: ACTOR_OF[actor],
      seq: c.eventCount + 1,
    });
    expect(r.event.changes).toContainEqual({ field: 'state', before: from, after: to });
    expect(c.state).toBe(from); // the input case is not modified
  });
});

describe('refusals', () => {
  it('refuses an action the state does not allow, naming the state and the action in both languages', () => {
    const { case: c } = caseIn('accepted');
    const e = caught(() => transition(c, 'accept', WORKER, '2024-03-02', {}, CTX));
    expect(e.code).toBe('conflict');
    expect(e.zh).toBe('案件当前状态为「已受理」，不能执行「受理」');
    expect(e.message).toBe('The case is "Accepted": the action "accept" is not allowed');
  });

  it.each([
    ['submitted', 'approve'],
    ['submitted', 'deliver'],
    ['accepted', 'answerSupplement'],
    ['supplementRequested', 'approve'],
    ['meansCheck', 'approveOnPledge'],
    ['approved', 'reject'],
    ['rejected', 'approve'],
    ['notAccepted', 'accept'],
    ['approvedOnPledge', 'deliver'],
    ['verified', 'revokePledge'],
    ['delivered', 'appeal'],
    ['withdrawn', 'accept'],
    ['reviewing', 'withdraw'],
    ['revoked', 'appeal'],
  ] as [CaseState, CaseAction][])('%s refuses %s', (state, action) => {
    const { case: c } = caseIn(state);
    const e = caught(() => transition(c, action, SUPERVISOR, '2024-03-02', { reason: 'x' }, CTX));
    expect(e.code).toBe('conflict');
    expect(e.zh).toContain('案件当前状态为「');
  });

  it('lets only the named actors act, and only the applicant act as the resident', () => {
    const { case: submitted } = caseIn('submitted');
    const e = caught(() => transition(submitted, 'accept', RESIDENT, '2024-03-02', {}, CTX));
    expect(e.code).toBe('forbidden');
    expect(e.zh).toBe('申请人不能执行「受理」');
    const other = caught(() => transition(submitted, 'withdraw', OTHER_RESIDENT, '2024-03-02', {}, CTX));
    expect(other.code).toBe('forbidden');
    expect(other.zh).toBe('只有申请人本人能「撤回申请」');
    expect(allowedActions(submitted, OTHER_RESIDENT)).toEqual([]);
    expect(allowedActions(submitted, RESIDENT)).toEqual(['withdraw']);
    expect(allowedActions(submitted, WORKER)).toEqual(['accept', 'notAccept']);
    const { case: reviewing } = caseIn('reviewing');
    expect(
      caught(() => transition(reviewing, 'approveOnReview', WORKER, '2024-03-02', { reason: 'x' }, CTX)).code,
    ).toBe('forbidden');
  });

  it('requires a reason where the definition says so, and names the field', () => {
    const { case: c } = caseIn('accepted');
    for (const reason of [undefined, null, '', '   ']) {
      const e = caught(() => transition(c, 'reject', WORKER, '2024-03-02', { reason }, CTX));
      expect(e.code).toBe('invalid_input');
      expect(e.problems[0]!.field).toBe('reason');
      expect(e.zh).toBe('reason：「不予批准」须写明理由');
    }
    const r = transition(c, 'reject', WORKER, '2024-03-02', { reason: '  收入超过低保标准  ' }, CTX);
    expect(r.event.reason).toBe('收入超过低保标准');
    // Optional reasons are recorded when given and null when not.
    expect(transition(c, 'approve', WORKER, '2024-03-02', {}, CTX).event.reason).toBeNull();
  });

  it('allows pledge approval only where the service allows it', () => {
    const { case: c } = caseIn('accepted', '2024-03-01', {
      ...SUBMISSION,
      pledgeAllowed: false,
      pledgeTextVersion: null,
    });
    expect(allowedActions(c, WORKER)).not.toContain('approveOnPledge');
    const e = caught(() => transition(c, 'approveOnPledge', WORKER, '2024-03-02', {}, CTX));
    expect(e.code).toBe('conflict');
    expect(e.zh).toBe('案件当前状态为「已受理」，不能执行「按告知承诺批准」：该服务不适用告知承诺制');
  });

  it('allows pledge approval only when the applicant signed the pledge, and says so when not', () => {
    const { case: c } = caseIn('accepted', '2024-03-01', { ...SUBMISSION, pledgeTextVersion: null });
    expect(c.pledgeSigned).toBeNull();
    expect(allowedActions(c, WORKER)).not.toContain('approveOnPledge');
    expect(allowedActions(c, WORKER)).toContain('approve');
    const e = caught(() => transition(c, 'approveOnPledge', WORKER, '2024-03-02', {}, CTX));
    expect(e.code).toBe('conflict');
    expect(e.zh).toBe('案件当前状态为「已受理」，不能执行「按告知承诺批准」：申请人未签署告知承诺书');
    expect(e.message).toContain('the applicant did not sign the pledge');
    // A record stored before the field existed has none: it reads as not signed.
    const signed = caseIn('accepted').case;
    expect(allowedActions(signed, WORKER)).toContain('approveOnPledge');
    const old: Partial<CaseRecord> = { ...signed };
    delete old.pledgeSigned;
    expect(allowedActions(old as CaseRecord, WORKER)).not.toContain('approveOnPledge');
    expect(
      caught(() => transition(old as CaseRecord, 'approveOnPledge', WORKER, '2024-03-02', {}, CTX)).zh,
    ).toContain('申请人未签署告知承诺书');
  });

  it('allows one appeal only', () => {
    const { case: reviewing } = caseIn('reviewing');
    const { case: rejected } = transition(
      reviewing,
      'rejectOnReview',
      SUPERVISOR,
      '2024-03-05',
      { reason: '维持' },
      CTX,
    );
    expect(rejected.state).toBe('rejected');
    expect(allowedActions(rejected, RESIDENT)).toEqual([]);
    expect(
      caught(() => transition(rejected, 'appeal', RESIDENT, '2024-03-06', { reason: '再议' }, CTX)).zh,
    ).toContain('本案已复核过一次');
  });

  it('refuses a step dated before the previous one, and times without an offset', () => {
    const { case: c } = caseIn('accepted', '2024-03-04');
    expect(caught(() => transition(c, 'approve', WORKER, '2024-03-01', {}, CTX)).problems[0]!.field).toBe(
      'at',
    );
    expect(
      caught(() => transition(c, 'approve', WORKER, '2024-03-05T09:00:00', {}, CTX)).problems[0]!.field,
    ).toBe('at');
    expect(caught(() => createCase(SUBMISSION, OTHER_RESIDENT, '2024-03-01')).code).toBe('forbidden');
    expect(caught(() => createCase(SUBMISSION, SYSTEM, '2024-03-01')).code).toBe('forbidden');
  });

  it('takes the China date of a time: 2024-02-09T17:00Z is already 10 February in Chengdu', () => {
    expect(chinaDateOf('2024-02-09T17:00:00Z')).toBe('2024-02-10');
    expect(chinaDateOf('2024-02-09T23:30:00+08:00')).toBe('2024-02-09');
    expect(chinaDateOf('2024-02-09')).toBe('2024-02-09');
    expect(caught(() => chinaDateOf('2024-02-30')).code).toBe('invalid_input');
  });
});

describe('what a transition records', () => {
  it('pauses and resumes the clock on a supplement, and stops it on the decision', () => {
    let { case: c } = caseIn('submitted', '2024-02-07');
    c = transition(c, 'accept', WORKER, '2024-02-08', {}, CTX).case;
    expect(c.clock).toEqual({ startedOn: '2024-02-08', pauses: [], stoppedOn: null });
    const asked = transition(c, 'requestSupplement', WORKER, '2024-02-09', { reason: '缺少收入证明' }, CTX);
    expect(asked.event.changes).toContainEqual({
      field: 'clock',
      before: { startedOn: '2024-02-08', pauses: [], stoppedOn: null },
      after: { startedOn: '2024-02-08', pauses: [{ from: '2024-02-09', to: null }], stoppedOn: null },
    });
    c = transition(asked.case, 'answerSupplement', RESIDENT, '2024-02-19T10:00:00+08:00', {}, CTX).case;
    expect(c.clock.pauses).toEqual([{ from: '2024-02-09', to: '2024-02-19' }]);
    c = transition(c, 'approve', WORKER, '2024-02-20', {}, CTX).case;
    expect(c.clock.stoppedOn).toBe('2024-02-20');
  });

  it('a withdrawal while a supplement is awaited closes the pause and stops the clock', () => {
    const { case: c } = caseIn('supplementRequested', '2024-02-05');
    const w = transition(c, 'withdraw', RESIDENT, '2024-02-06', {}, CTX).case;
    expect(w.clock).toEqual({
      startedOn: '2024-02-05',
      pauses: [{ from: '2024-02-05', to: '2024-02-06' }],
      stoppedOn: '2024-02-06',
    });
  });

  it('pledge approval sets the verification due date 20 working days later; revocation keeps the reason', () => {
    const { case: accepted } = caseIn('accepted', '2024-09-20');
    const p = transition(accepted, 'approveOnPledge', WORKER, '2024-09-20', {}, CTX);
    expect(p.case.pledge).toEqual({
      approvedOn: '2024-09-20',
      verificationDue: '2024-10-23',
      outcome: null,
      outcomeOn: null,
    });
    const rv = transition(
      p.case,
      'revokePledge',
      SUPERVISOR,
      '2024-10-10',
      { reason: '承诺的收入情况与核查结果不符' },
      CTX,
    );
    expect(rv.case.state).toBe('revoked');
    expect(rv.case.pledge!.outcome).toBe('revoked');
    expect(rv.event.reason).toBe('承诺的收入情况与核查结果不符');
    const settings = { pledgeVerificationWorkingDays: 5, nearDeadlineWorkingDays: 2 };
    const short = transition(accepted, 'approveOnPledge', WORKER, '2024-09-27', {}, { ...CTX, settings });
    // Fri 27 Sep + 5: Sun 29, Mon 30, 8, 9, 10 Oct.
    expect(short.case.pledge!.verificationDue).toBe('2024-10-10');
  });
});

// Random sequences: each step an action, a role (or another resident), with or without a reason,
// 0–3 days after the previous step, from a start in 2024. Two steps in three take one of the actions
// some actor is allowed (so that sequences reach deep states); the others are drawn blindly.
const stepArb = fc.record({
  pickAllowed: fc.nat(2).map((n) => n > 0),
  pick: fc.nat(100),
  action: fc.constantFrom(...CASE_ACTIONS),
  actor: fc.constantFrom<CaseActorRef>(RESIDENT, OTHER_RESIDENT, WORKER, SUPERVISOR, SYSTEM),
  reason: fc.constantFrom<string | undefined>(undefined, '理由 / a reason'),
  days: fc.nat(3),
});
const ALL_ACTORS = [RESIDENT, OTHER_RESIDENT, WORKER, SUPERVISOR, SYSTEM];

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function run(steps: Step[], startDay: number) {
  let day = startDay;
  const created = createCase(SUBMISSION, RESIDENT, isoOfDay(day));
  let c = created.case;
  const events: CaseEvent[] = [created.event];
  const seen: CaseRecord[] = [c];
  const outcomes: {
    allowed: boolean;
    accepted: boolean;
    state: CaseState;
    action: CaseAction;
    reasonGiven: boolean;
  }[] = [];
  for (const step of steps) {
    day += step.days;
    const pairs = ALL_ACTORS.flatMap((a) => allowedActions(c, a).map((action) => ({ action, actor: a })));
    const s = step.pickAllowed && pairs.length > 0 ? { ...step, ...pairs[step.pick % pairs.length]! } : step;
    const allowed = allowedActions(c, s.actor).includes(s.action);
    const before = c;
    try {
      const r = transition(c, s.action, s.actor, isoOfDay(day), { reason: s.reason }, CTX);
      c = r.case;
      events.push(r.event);
      seen.push(c);
      outcomes.push({
        allowed,
        accepted: true,
        state: before.state,
        action: s.action,
        reasonGiven: !!s.reason,
      });
    } catch (e) {
      expect(e).toBeInstanceOf(FuwuError);
      expect(['conflict', 'forbidden', 'invalid_input']).toContain((e as FuwuError).code);
      outcomes.push({
        allowed,
        accepted: false,
        state: before.state,
        action: s.action,
        reasonGiven: !!s.reason,
      });
    }
  }
  return { c, events, seen, outcomes };
}

const startArb = fc.integer({ min: dayNumber('2024-01-01'), max: dayNumber('2024-12-31') });

describe('properties over random sequences of actions (fast-check)', () => {
  it('never leaves the definition; accepts exactly what it allows (given a reason where one is required)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), startArb, (steps, start) => {
        const { events, seen, outcomes } = run(steps, start);
        for (const c of seen) expect(CASE_STATES).toContain(c.state);
        for (const e of events.slice(1)) {
          const def = CASE_TRANSITIONS.find((t) => t.action === e.action)!;
          expect(def.from).toContain(e.from);
          expect(e.to).toBe(def.to);
          expect(def.actors).toContain(e.actor.role);
          if (def.reasonRequired) expect(e.reason).not.toBeNull();
        }
        for (const o of outcomes) {
          const needsReason = CASE_TRANSITIONS.find((t) => t.action === o.action)!.reasonRequired;
          if (o.accepted) expect(o.allowed).toBe(true);
          else expect(o.allowed && (o.reasonGiven || !needsReason)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the event log replays to the same case', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), startArb, (steps, start) => {
        const { c, events } = run(steps, start);
        expect(replayCase(SUBMISSION, events, CTX)).toEqual(c);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(c.eventCount).toBe(events.length);
      }),
      { numRuns: 200 },
    );
  });

  it('a withdrawn or delivered case accepts no action; a decided refusal accepts only the appeal', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), startArb, (steps, start) => {
        const { seen } = run(steps, start);
        for (const c of seen) {
          const allowed = ALL_ACTORS.flatMap((a) => allowedActions(c, a));
          if (c.state === 'withdrawn' || c.state === 'delivered' || c.state === 'revoked')
            expect(allowed).toEqual([]);
          if (c.state === 'notAccepted' || c.state === 'rejected')
            expect(allowed).toEqual(c.appealed ? [] : ['appeal']);
          if ((OPEN_STATES as readonly string[]).includes(c.state)) expect(allowed).toContain('withdraw');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('random sequences reach every state of the definition', () => {
    const reached = new Set<CaseState>();
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), startArb, (steps, start) => {
        for (const c of run(steps, start).seen) reached.add(c.state);
      }),
      { numRuns: 400, seed: 6 },
    );
    expect([...reached].sort()).toEqual([...CASE_STATES].sort());
  });

  it('a tampered log does not replay', () => {
    const { events } = caseIn('approved');
    const tampered = events.map((e) => (e.action === 'approve' ? { ...e, to: 'rejected' as const } : e));
    expect(caught(() => replayCase(SUBMISSION, tampered, CTX)).problems[0]!.field).toBe('events[2]');
    expect(Object.keys(PATH_TO)).toHaveLength(CASE_STATES.length);
    expect(CASE_ACTORS).toHaveLength(4);
  });
});

describe('the pledge signed at submission (告知承诺书)', () => {
  it('records the date and the text version on the case and in the first event', () => {
    const { case: c, event } = createCase(SUBMISSION, RESIDENT, '2024-03-01T10:00:00+08:00');
    const signed = { on: '2024-03-01', textVersion: PLEDGE_TEXT.version };
    expect(c.pledgeSigned).toEqual(signed);
    expect(event.changes).toContainEqual({ field: 'pledgeSigned', before: null, after: signed });
    const unsigned = createCase({ ...SUBMISSION, pledgeTextVersion: null }, RESIDENT, '2024-03-01');
    expect(unsigned.case.pledgeSigned).toBeNull();
    expect(unsigned.event.changes.map((ch) => ch.field)).toEqual(['state']);
  });

  it('refuses a pledge for a service without pledge-based approval, naming the field', () => {
    const e = caught(() => createCase({ ...SUBMISSION, pledgeAllowed: false }, RESIDENT, '2024-03-01'));
    expect(e.code).toBe('invalid_input');
    expect(e.problems[0]!.field).toBe('pledge');
    expect(e.zh).toContain('该服务不适用告知承诺制');
  });

  it('keeps the pledge through approval, verification or revocation, and replays to the same case', () => {
    for (const state of ['approvedOnPledge', 'verified', 'revoked'] as const) {
      const { case: c, events } = caseIn(state);
      expect(c.pledgeSigned).toEqual({ on: '2024-03-01', textVersion: PLEDGE_TEXT.version });
      expect(replayCase(SUBMISSION, events, CTX)).toEqual(c);
    }
    // The signature comes from the submission: replaying without it refuses the pledge approval.
    const { events } = caseIn('approvedOnPledge');
    expect(caught(() => replayCase({ ...SUBMISSION, pledgeTextVersion: null }, events, CTX)).zh).toContain(
      '申请人未签署告知承诺书',
    );
  });

  it('the default pledge text says what is promised in both languages', () => {
    const zh = PLEDGE_TEXT.paragraphs.map((p) => p.zh).join('');
    for (const words of ['真实', '完整', '核查', '撤销', '信用记录']) expect(zh).toContain(words);
    for (const p of PLEDGE_TEXT.paragraphs) expect(p.en.length).toBeGreaterThan(20);
  });
});
