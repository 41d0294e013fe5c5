/**
 * The case state machine (issue 6 §2), pure: `transition` takes a case, an action, who takes it, when
 * and the input, and returns the new case and the event to record (who, when, from, to, reason, what
 * changed) — or refuses with a FuwuError naming the action and the current state in both languages.
 * Replaying a case's events from its submission gives the same case (`replayCase`). The definition
 * is data (case-machine-definition.ts); this file only interprets it.
 */
import type {
  CaseAction,
  CaseActor,
  CaseSettings,
  CaseState,
  TransitionDefinition,
  TransitionGuard,
} from './case-machine-definition.ts';
import {
  CASE_ACTION_LABELS,
  CASE_ACTOR_LABELS,
  CASE_SETTINGS,
  CASE_STATE_LABELS,
  CASE_TRANSITIONS,
} from './case-machine-definition.ts';
import type { PledgeSignature } from './pledge-text.ts';
import type { ClockPause, WorkingCalendar } from './working-days.ts';
import { addWorkingDays } from './working-days.ts';
import { isIsoDate, isoOfDay } from '../entitlements/derive.ts';
import { FuwuError, invalidField } from '../shared/errors.ts';

export interface CaseActorRef {
  role: CaseActor;
  /** The user (or, for `system`, the job) taking the action. */
  id: string;
}

export interface CaseRecord {
  id: string;
  serviceCode: string;
  /** The resident who applied: only they take the resident's actions. */
  applicantId: string;
  state: CaseState;
  /** China dates (YYYY-MM-DD). */
  submittedOn: string;
  /** The date of the latest event: time does not run backwards in a case. */
  lastEventOn: string;
  /** From the service when the case was submitted (a later catalog change does not move it). */
  deadlineWorkingDays: number | null;
  pledgeAllowed: boolean;
  /**
   * Set when the applicant signed the pledge (告知承诺书) with the application; null when they did not
   * (ordinary approval only). Records stored before the field existed read as null (case.repository.ts).
   */
  pledgeSigned: PledgeSignature | null;
  clock: { startedOn: string | null; pauses: ClockPause[]; stoppedOn: string | null };
  pledge: {
    approvedOn: string;
    verificationDue: string;
    outcome: 'verified' | 'revoked' | null;
    outcomeOn: string | null;
  } | null;
  appealed: boolean;
  /** Number of events so far (the submission is event 1). */
  eventCount: number;
}

export interface CaseChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface CaseEvent {
  /** 1 for the submission, then one more per transition. */
  seq: number;
  action: CaseAction | 'submit';
  actor: CaseActorRef;
  /** As given (a date or a date-time with its offset), and the China date it falls on. */
  at: string;
  on: string;
  from: CaseState | null;
  to: CaseState;
  reason: string | null;
  changes: CaseChange[];
}

export interface Submission {
  id: string;
  serviceCode: string;
  applicantId: string;
  /** The service's Service.deadlineWorkingDays and Service.pledgeAllowed at submission. */
  deadlineWorkingDays: number | null;
  pledgeAllowed: boolean;
  /** The version of the pledge text the applicant signed (pledge-text.ts); absent or null: not signed. */
  pledgeTextVersion?: string | null;
}

export interface TransitionInput {
  reason?: string | null;
}

export interface CaseContext {
  calendar: WorkingCalendar;
  settings?: CaseSettings;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The China date (UTC+8) of `at`: a plain YYYY-MM-DD is taken as a China date; a date-time must carry
 * its offset (Z or ±hh:mm), since without one the day it falls on is a guess.
 */
export function chinaDateOf(at: string, field = 'at'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    if (!isIsoDate(at)) throw invalidField(field, `「${at}」不是有效日期`, `"${at}" is not a date`);
    return at;
  }
  const ms = /(Z|[+-]\d{2}:\d{2})$/.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms))
    throw invalidField(
      field,
      `「${at}」不是带时区的日期时间（如 2024-02-05T09:30:00+08:00）`,
      `"${at}" is not a date-time with its offset (e.g. 2024-02-05T09:30:00+08:00)`,
    );
  return isoOfDay(Math.floor((ms + CHINA_OFFSET_MS) / 86_400_000));
}

/** A new case in state `submitted`, and its first event. Residents apply; a case worker may apply for one at a counter. */
export function createCase(
  s: Submission,
  actor: CaseActorRef,
  at: string,
): { case: CaseRecord; event: CaseEvent } {
  if (actor.role !== 'resident' && actor.role !== 'caseWorker')
    throw new FuwuError(
      'forbidden',
      `${CASE_ACTOR_LABELS[actor.role].zh}不能提交申请`,
      `${CASE_ACTOR_LABELS[actor.role].en} cannot submit an application`,
    );
  if (actor.role === 'resident' && actor.id !== s.applicantId)
    throw new FuwuError('forbidden', '只能为本人提交申请', 'residents apply only for themselves');
  if (
    s.deadlineWorkingDays !== null &&
    (!Number.isInteger(s.deadlineWorkingDays) || s.deadlineWorkingDays < 1)
  )
    throw invalidField('deadlineWorkingDays', '应为正整数或空', 'must be a whole number ≥ 1, or null');
  const textVersion = s.pledgeTextVersion ?? null;
  if (textVersion !== null && !s.pledgeAllowed)
    throw invalidField(
      'pledge',
      '该服务不适用告知承诺制，不能签署告知承诺书',
      'the service does not allow pledge-based approval, so no pledge can be signed',
    );
  if (textVersion !== null && textVersion.trim() === '')
    throw invalidField(
      'pledgeTextVersion',
      '应注明所签承诺书的版本',
      'the version of the signed text is required',
    );
  const on = chinaDateOf(at);
  const pledgeSigned = textVersion === null ? null : { on, textVersion };
  const c: CaseRecord = {
    id: s.id,
    serviceCode: s.serviceCode,
    applicantId: s.applicantId,
    state: 'submitted',
    submittedOn: on,
    lastEventOn: on,
    deadlineWorkingDays: s.deadlineWorkingDays,
    pledgeAllowed: s.pledgeAllowed,
    pledgeSigned,
    clock: { startedOn: null, pauses: [], stoppedOn: null },
    pledge: null,
    appealed: false,
    eventCount: 1,
  };
  const event: CaseEvent = {
    seq: 1,
    action: 'submit',
    actor,
    at,
    on,
    from: null,
    to: 'submitted',
    reason: null,
    changes: [
      { field: 'state', before: null, after: 'submitted' },
      ...(pledgeSigned ? [{ field: 'pledgeSigned', before: null, after: pledgeSigned }] : []),
    ],
  };
  return { case: c, event };
}

/**
 * A proactive case (依职权/主动服务): opened by the administration for a person found on a work list,
 * not applied for. It starts in `submitted` like an application; its first event is the system's,
 * naming the officer (`actor.id`) and why. `s.applicantId` is the linked resident (they take the
 * applicant's actions), or a person reference no user matches.
 */
export function createProactiveCase(
  s: Submission,
  actor: CaseActorRef,
  at: string,
  reason: string,
): { case: CaseRecord; event: CaseEvent } {
  if (actor.role !== 'system')
    throw new FuwuError(
      'forbidden',
      '主动服务办件由系统代办理部门创建',
      'a proactive case is opened by the system on behalf of an officer',
    );
  const { case: c, event } = createCase(s, { role: 'caseWorker', id: actor.id }, at);
  return { case: c, event: { ...event, actor, reason } };
}

function guardHolds(guard: TransitionGuard, c: CaseRecord): boolean {
  switch (guard) {
    case 'pledgeAllowed':
      return c.pledgeAllowed;
    case 'pledgeSigned':
      // `?? null`: a record stored before the field existed has none.
      return (c.pledgeSigned ?? null) !== null;
    case 'notAppealedBefore':
      return !c.appealed;
  }
}

/** The first of the definition's guards that does not hold, or null when all hold. */
function failedGuard(def: TransitionDefinition, c: CaseRecord): TransitionGuard | null {
  return (def.guards ?? []).find((g) => !guardHolds(g, c)) ?? null;
}

const GUARD_REASONS: Record<TransitionGuard, { zh: string; en: string }> = {
  pledgeAllowed: { zh: '：该服务不适用告知承诺制', en: ': the service does not allow pledge-based approval' },
  pledgeSigned: {
    zh: '：申请人未签署告知承诺书',
    en: ': the applicant did not sign the pledge when applying',
  },
  notAppealedBefore: { zh: '：本案已复核过一次', en: ': the case has already been reviewed once' },
};

function actorMayTake(def: TransitionDefinition, c: CaseRecord, actor: CaseActorRef): boolean {
  if (!def.actors.includes(actor.role)) return false;
  return actor.role !== 'resident' || actor.id === c.applicantId;
}

/** The actions `actor` may take on the case now, in the definition's order (the UI shows only these). */
export function allowedActions(c: CaseRecord, actor: CaseActorRef): CaseAction[] {
  return CASE_TRANSITIONS.filter(
    (d) => d.from.includes(c.state) && actorMayTake(d, c, actor) && failedGuard(d, c) === null,
  ).map((d) => d.action);
}

function conflict(c: CaseRecord, action: CaseAction, whyZh = '', whyEn = ''): FuwuError {
  const s = CASE_STATE_LABELS[c.state];
  const a = CASE_ACTION_LABELS[action];
  return new FuwuError(
    'conflict',
    `案件当前状态为「${s.zh}」，不能执行「${a.zh}」${whyZh}`,
    `The case is "${s.en}": the action "${a.en}" is not allowed${whyEn}`,
  );
}

/** Apply one action; refuse it (conflict, forbidden, invalid input) without changing anything. */
export function transition(
  c: CaseRecord,
  action: CaseAction,
  actor: CaseActorRef,
  at: string,
  input: TransitionInput,
  ctx: CaseContext,
): { case: CaseRecord; event: CaseEvent } {
  const def = CASE_TRANSITIONS.find((d) => d.action === action);
  if (!def)
    throw invalidField('action', `未知操作「${String(action)}」`, `unknown action "${String(action)}"`);
  if (!def.from.includes(c.state)) throw conflict(c, action);
  const failed = failedGuard(def, c);
  if (failed !== null) throw conflict(c, action, GUARD_REASONS[failed].zh, GUARD_REASONS[failed].en);
  if (!actorMayTake(def, c, actor)) {
    const who = CASE_ACTOR_LABELS[actor.role];
    const a = CASE_ACTION_LABELS[action];
    const notApplicant = def.actors.includes(actor.role);
    throw new FuwuError(
      'forbidden',
      notApplicant ? `只有申请人本人能「${a.zh}」` : `${who.zh}不能执行「${a.zh}」`,
      notApplicant ? `only the applicant may ${a.en}` : `${who.en} may not ${a.en}`,
    );
  }
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (def.reasonRequired && reason === null)
    throw invalidField(
      'reason',
      `「${CASE_ACTION_LABELS[action].zh}」须写明理由`,
      `a reason is required to ${CASE_ACTION_LABELS[action].en}`,
    );
  const on = chinaDateOf(at);
  if (on < c.lastEventOn)
    throw invalidField(
      'at',
      `日期 ${on} 早于本案上一步（${c.lastEventOn}）`,
      `${on} is before the case's previous step (${c.lastEventOn})`,
    );

  const next: CaseRecord = {
    ...c,
    state: def.to,
    lastEventOn: on,
    clock: applyClock(c.clock, def.clock, on),
    appealed: c.appealed || action === 'appeal',
    eventCount: c.eventCount + 1,
  };
  if (def.createsPledgeVerification) {
    const days = (ctx.settings ?? CASE_SETTINGS).pledgeVerificationWorkingDays;
    next.pledge = {
      approvedOn: on,
      verificationDue: addWorkingDays(on, days, ctx.calendar),
      outcome: null,
      outcomeOn: null,
    };
  }
  if (action === 'verifyPledge' || action === 'revokePledge')
    next.pledge = {
      ...c.pledge!,
      outcome: action === 'verifyPledge' ? 'verified' : 'revoked',
      outcomeOn: on,
    };

  const event: CaseEvent = {
    seq: next.eventCount,
    action,
    actor,
    at,
    on,
    from: c.state,
    to: def.to,
    reason,
    changes: diff(c, next),
  };
  return { case: next, event };
}

function applyClock(
  clock: CaseRecord['clock'],
  effect: TransitionDefinition['clock'],
  on: string,
): CaseRecord['clock'] {
  const closeOpen = (pauses: ClockPause[]) => pauses.map((p) => (p.to === null ? { ...p, to: on } : p));
  switch (effect) {
    case 'start':
      return { ...clock, startedOn: on };
    case 'pause':
      return { ...clock, pauses: [...clock.pauses, { from: on, to: null }] };
    case 'resume':
      return { ...clock, pauses: closeOpen(clock.pauses) };
    case 'stop':
      // A withdrawal while a supplement is awaited ends the pause too.
      return { ...clock, pauses: closeOpen(clock.pauses), stoppedOn: on };
    case 'none':
      return clock;
  }
}

/** The top-level fields whose value changed (compared as JSON), except the bookkeeping ones. */
function diff(before: CaseRecord, after: CaseRecord): CaseChange[] {
  const changes: CaseChange[] = [];
  for (const key of Object.keys(after) as (keyof CaseRecord)[]) {
    if (key === 'eventCount' || key === 'lastEventOn') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes.push({ field: key, before: before[key], after: after[key] });
  }
  return changes;
}

/**
 * Rebuild a case from its event log: the submission, then each event's action by its actor, at its
 * time, with its reason. Throws when an event does not replay to itself (a tampered or reordered log).
 */
export function replayCase(
  submission: Submission,
  events: readonly CaseEvent[],
  ctx: CaseContext,
): CaseRecord {
  const [first, ...rest] = events;
  if (!first || first.action !== 'submit')
    throw invalidField('events[0]', '事件记录应以提交开始', 'the event log must start with the submission');
  let { case: c } = createCase(submission, first.actor, first.at);
  rest.forEach((e, i) => {
    if (e.action === 'submit')
      throw invalidField(`events[${i + 1}]`, '重复的提交事件', 'a second submission event');
    const r = transition(c, e.action, e.actor, e.at, { reason: e.reason }, ctx);
    if (JSON.stringify(r.event) !== JSON.stringify(e))
      throw invalidField(`events[${i + 1}]`, '事件与重放结果不一致', 'the event differs from its replay');
    c = r.case;
  });
  return c;
}
