/**
 * Shared by the case tests: the pack's working-day calendar (read from the YAML file, validated by
 * its schema), actors, and a path of actions from submission to each state of the machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { CaseAction, CaseState } from '../../../src/domain/cases/case-machine-definition.ts';
import type {
  CaseActorRef,
  CaseEvent,
  CaseRecord,
  Submission,
} from '../../../src/domain/cases/case-machine.ts';
import { createCase, transition } from '../../../src/domain/cases/case-machine.ts';
import { PLEDGE_TEXT } from '../../../src/domain/cases/pledge-text.ts';
import { calendarYearSchema } from '../../../src/domain/cases/calendar.schema.ts';
import { buildWorkingCalendar } from '../../../src/domain/cases/working-days.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

export const HOLIDAYS_PATH = fileURLToPath(
  new URL('../../../packs/chengdu-2021-2025/calendar/holidays.yaml', import.meta.url),
);

export const CALENDAR_YEARS = z.array(calendarYearSchema).parse(parse(readFileSync(HOLIDAYS_PATH, 'utf8')));
export const CAL = buildWorkingCalendar(CALENDAR_YEARS);
export const CTX = { calendar: CAL };

export const RESIDENT: CaseActorRef = { role: 'resident', id: 'R-1' };
export const OTHER_RESIDENT: CaseActorRef = { role: 'resident', id: 'R-2' };
export const WORKER: CaseActorRef = { role: 'caseWorker', id: 'W-1' };
export const SUPERVISOR: CaseActorRef = { role: 'supervisor', id: 'S-1' };
export const SYSTEM: CaseActorRef = { role: 'system', id: 'job-1' };

/**
 * A 示例 (synthetic) submission: service S-7-01 with 5 working days and pledge approval allowed, the
 * applicant having signed the pledge.
 */
export const SUBMISSION: Submission = {
  id: 'CASE-示例-0001',
  serviceCode: 'S-7-01',
  applicantId: RESIDENT.id,
  deadlineWorkingDays: 5,
  pledgeAllowed: true,
  pledgeTextVersion: PLEDGE_TEXT.version,
};

type Step = [CaseAction, CaseActorRef];
const r = 'reason given / 理由';

/** From `submitted`, one way to reach each state. */
export const PATH_TO: Record<CaseState, Step[]> = {
  submitted: [],
  accepted: [['accept', WORKER]],
  notAccepted: [['notAccept', WORKER]],
  supplementRequested: [
    ['accept', WORKER],
    ['requestSupplement', WORKER],
  ],
  meansCheck: [
    ['accept', WORKER],
    ['startMeansCheck', WORKER],
  ],
  approved: [
    ['accept', WORKER],
    ['approve', WORKER],
  ],
  rejected: [
    ['accept', WORKER],
    ['reject', WORKER],
  ],
  approvedOnPledge: [
    ['accept', WORKER],
    ['approveOnPledge', WORKER],
  ],
  verified: [
    ['accept', WORKER],
    ['approveOnPledge', WORKER],
    ['verifyPledge', WORKER],
  ],
  revoked: [
    ['accept', WORKER],
    ['approveOnPledge', WORKER],
    ['revokePledge', SUPERVISOR],
  ],
  delivered: [
    ['accept', WORKER],
    ['approve', WORKER],
    ['deliver', SYSTEM],
  ],
  withdrawn: [['withdraw', RESIDENT]],
  reviewing: [
    ['notAccept', WORKER],
    ['appeal', RESIDENT],
  ],
};

/** A case driven along PATH_TO[state], one step per day from `day`, each step with a reason. */
export function caseIn(
  state: CaseState,
  day = '2024-03-01',
  submission: Submission = SUBMISSION,
): { case: CaseRecord; events: CaseEvent[] } {
  let { case: c, event } = createCase(submission, RESIDENT, day);
  const events = [event];
  for (const [action, actor] of PATH_TO[state]) {
    ({ case: c, event } = transition(c, action, actor, day, { reason: r }, CTX));
    events.push(event);
  }
  return { case: c, events };
}

/** Run `f`, expect it to throw a FuwuError, and return it. */
export function caught(f: () => unknown): FuwuError {
  try {
    f();
  } catch (e) {
    if (e instanceof FuwuError) return e;
    throw e;
  }
  throw new Error('expected a FuwuError, but nothing was thrown');
}
