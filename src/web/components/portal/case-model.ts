/**
 * What the resident's pages read from a case (issue 6 §1): whether the resident must act, the
 * decision with its reason, where the deadline stands, and the notices in reading order. Pure:
 * unit-tested. The words for states and roles are the case-worker screens' (cases/case-format.ts).
 */
import type { CaseDeadlinesView, CaseEventView, CaseSummary } from '../cases/case-types.ts';

/** States in which a decision has been made (or the applicant withdrew): the outcome is shown first. */
export const DECIDED_STATES = [
  'notAccepted',
  'approved',
  'rejected',
  'approvedOnPledge',
  'verified',
  'revoked',
  'delivered',
  'withdrawn',
] as const;

/** The resident must do something: a supplement is requested of them. */
export function residentMustAct(c: Pick<CaseSummary, 'state' | 'allowedActions'>): boolean {
  return c.allowedActions.includes('answerSupplement');
}

export interface Decision {
  state: string;
  /** The reason given with the step that reached the state (null when none was required). */
  reason: string | null;
  on: string;
  at: string;
}

/** The decision on a decided case: its state and the reason and date of the step that reached it. */
export function decisionOf(state: string, events: readonly CaseEventView[]): Decision | null {
  if (!(DECIDED_STATES as readonly string[]).includes(state)) return null;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.toState === state) return { state, reason: e.reason, on: e.onDate, at: e.at };
  }
  return { state, reason: null, on: '', at: '' };
}

/** The latest supplement request's reason (what the case worker asked for), if one is awaited. */
export function supplementRequest(state: string, events: readonly CaseEventView[]): string | null {
  if (state !== 'supplementRequested') return null;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.action === 'requestSupplement') return e.reason;
  }
  return null;
}

export type DeadlineStatus =
  | { kind: 'notStarted' }
  | { kind: 'paused'; workingDaysLeft: number }
  | { kind: 'running'; due: string; workingDaysLeft: number; overdue: boolean; near: boolean }
  | { kind: 'decided'; due: string; late: boolean | null }
  | { kind: 'none' };

/** Where the decision deadline stands, as the resident is told it. */
export function deadlineStatus(state: string, d: CaseDeadlinesView): DeadlineStatus {
  if (d.pausedWithWorkingDaysLeft !== null)
    return { kind: 'paused', workingDaysLeft: d.pausedWithWorkingDaysLeft };
  if ((DECIDED_STATES as readonly string[]).includes(state) || state === 'reviewing') {
    return d.decision ? { kind: 'decided', due: d.decision.due, late: d.decidedLate } : { kind: 'none' };
  }
  if (d.decision)
    return {
      kind: 'running',
      due: d.decision.due,
      workingDaysLeft: d.decision.workingDaysLeft,
      overdue: d.decision.overdue,
      near: d.decision.nearDeadline,
    };
  return state === 'submitted' ? { kind: 'notStarted' } : { kind: 'none' };
}

export interface NoticeView {
  id: string | number;
  kind: string;
  serviceCode: string | null;
  /** The case a notice is about (a proactive case), when there is one. */
  caseId?: string | null;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  createdAt: string;
  readAt: string | null;
}

/** GET /api/my/notices: the inbox (`notices`; `items` in the first contract) and the unread count. */
export interface NoticesView {
  notices?: NoticeView[];
  items?: NoticeView[];
  unread: number;
}

export function noticeList(v: NoticesView): NoticeView[] {
  return v.notices ?? v.items ?? [];
}

/** Unread notices first, then newest first. */
export function noticesInReadingOrder(items: readonly NoticeView[]): NoticeView[] {
  return [...items].sort((a, b) => {
    const ua = a.readAt === null ? 0 : 1;
    const ub = b.readAt === null ? 0 : 1;
    if (ua !== ub) return ua - ub;
    return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
  });
}

/** A resident's profile (GET /api/my/profile). */
export interface ProfileView {
  personId: string | null;
  synthetic: boolean;
  source: { kind: string; snapshotId?: number; seed?: number; size?: number; onDate?: string } | null;
  facts: Record<string, unknown> | null;
  /** The resident's own identity number, in full (only they are shown their profile). */
  idNumber?: string | null;
}
