/**
 * A case's deadlines on a given day, worked out by hand on the 2024 calendar: the decision deadline
 * from acceptance across the Spring Festival, moved by a supplement pause, near (≤ 2 working days
 * left) and overdue flags, a late decision, and the pledge verification due date.
 */
import { describe, expect, it } from 'vitest';
import { caseDeadlines } from '../../../src/domain/cases/case-deadlines.ts';
import type { CaseRecord } from '../../../src/domain/cases/case-machine.ts';
import { createCase, transition } from '../../../src/domain/cases/case-machine.ts';
import { CAL, CTX, RESIDENT, SUBMISSION, WORKER } from './fixtures.ts';

/** S-7-01 (示例), 5 working days: submitted Wed 7 Feb 2024, accepted Thu 8 Feb. */
function acceptedOn8Feb(): CaseRecord {
  const { case: c } = createCase(SUBMISSION, RESIDENT, '2024-02-07');
  return transition(c, 'accept', WORKER, '2024-02-08', {}, CTX).case;
}

describe('the decision deadline', () => {
  it('is provisional (暂定) when it runs into a year whose holiday notice is not out', () => {
    const accepted = (on: string) => {
      const { case: c } = createCase({ ...SUBMISSION, deadlineWorkingDays: 20 }, RESIDENT, on);
      return transition(c, 'accept', WORKER, on, {}, CTX).case;
    };
    // 1 Dec 2026 + 20 working days ends 29 Dec: inside the published 2026 calendar.
    expect(caseDeadlines(accepted('2026-12-01'), '2026-12-02', CAL).decision).toMatchObject({
      due: '2026-12-29',
      provisional: false,
    });
    // 15 Dec 2026 + 20: 12 working days to 31 Dec, 元旦 2027 off, then 8 more → Wed 13 Jan 2027.
    expect(caseDeadlines(accepted('2026-12-15'), '2026-12-16', CAL).decision).toMatchObject({
      due: '2027-01-13',
      provisional: true,
    });
  });

  it('runs from acceptance across the Spring Festival and is flagged near, then overdue', () => {
    const c = acceptedOn8Feb();
    // 9 Feb (1), 18 Feb make-up (2), 19 (3), 20 (4), 21 (5).
    expect(caseDeadlines(c, '2024-02-09', CAL).decision).toEqual({
      due: '2024-02-21',
      workingDaysLeft: 4,
      overdue: false,
      nearDeadline: false,
      provisional: false,
    });
    expect(caseDeadlines(c, '2024-02-19', CAL).decision).toMatchObject({
      workingDaysLeft: 2,
      nearDeadline: true,
    });
    expect(caseDeadlines(c, '2024-02-21', CAL).decision).toMatchObject({
      workingDaysLeft: 0,
      nearDeadline: true,
      overdue: false,
    });
    expect(caseDeadlines(c, '2024-02-22', CAL).decision).toMatchObject({
      workingDaysLeft: -1,
      nearDeadline: false,
      overdue: true,
    });
    const wide = { pledgeVerificationWorkingDays: 20, nearDeadlineWorkingDays: 4 };
    expect(caseDeadlines(c, '2024-02-09', CAL, wide).decision!.nearDeadline).toBe(true);
  });

  it('has none before acceptance, or when the service sets no period', () => {
    const { case: submitted } = createCase(SUBMISSION, RESIDENT, '2024-02-07');
    expect(caseDeadlines(submitted, '2024-02-07', CAL).decision).toBeNull();
    const { case: open } = createCase({ ...SUBMISSION, deadlineWorkingDays: null }, RESIDENT, '2024-02-07');
    const accepted = transition(open, 'accept', WORKER, '2024-02-08', {}, CTX).case;
    expect(caseDeadlines(accepted, '2024-03-01', CAL)).toEqual({
      decision: null,
      pausedWithWorkingDaysLeft: null,
      decidedLate: null,
      pledgeVerification: null,
    });
  });

  it('stops while a supplement is awaited and moves by the paused working days once answered', () => {
    const asked = transition(
      acceptedOn8Feb(),
      'requestSupplement',
      WORKER,
      '2024-02-09',
      { reason: '缺少收入证明' },
      CTX,
    ).case;
    // One working day used (9 Feb): 4 remain, no date while the applicant has not answered.
    expect(caseDeadlines(asked, '2024-02-20', CAL)).toMatchObject({
      decision: null,
      pausedWithWorkingDaysLeft: 4,
    });
    const answered = transition(asked, 'answerSupplement', RESIDENT, '2024-02-19', {}, CTX).case;
    // (9, 19 Feb] held 18 and 19 Feb: 20 (2), 21 (3), 22 (4), 23 (5).
    expect(caseDeadlines(answered, '2024-02-19', CAL).decision).toMatchObject({
      due: '2024-02-23',
      workingDaysLeft: 4,
    });
  });

  it('says whether a decided case was decided late, and flags it no more', () => {
    const late = transition(acceptedOn8Feb(), 'approve', WORKER, '2024-02-22', {}, CTX).case;
    expect(caseDeadlines(late, '2024-03-01', CAL)).toMatchObject({
      decidedLate: true,
      decision: { due: '2024-02-21', overdue: false, nearDeadline: false, workingDaysLeft: -1 },
    });
    const onTime = transition(
      acceptedOn8Feb(),
      'reject',
      WORKER,
      '2024-02-21',
      { reason: '不符合条件' },
      CTX,
    ).case;
    expect(caseDeadlines(onTime, '2024-03-01', CAL).decidedLate).toBe(false);
    const withdrawn = transition(acceptedOn8Feb(), 'withdraw', RESIDENT, '2024-02-23', {}, CTX).case;
    expect(caseDeadlines(withdrawn, '2024-03-01', CAL).decidedLate).toBeNull();
  });
});

describe('the pledge verification', () => {
  it('is due 20 working days after the pledge approval, flagged near and overdue, and gone once verified', () => {
    const { case: c } = createCase(SUBMISSION, RESIDENT, '2024-09-19');
    const accepted = transition(c, 'accept', WORKER, '2024-09-20', {}, CTX).case;
    const pledged = transition(accepted, 'approveOnPledge', WORKER, '2024-09-20', {}, CTX).case;
    expect(caseDeadlines(pledged, '2024-10-21', CAL).pledgeVerification).toEqual({
      due: '2024-10-23',
      workingDaysLeft: 2,
      overdue: false,
      nearDeadline: true,
      provisional: false,
    });
    expect(caseDeadlines(pledged, '2024-10-24', CAL).pledgeVerification!.overdue).toBe(true);
    expect(caseDeadlines(pledged, '2024-10-24', CAL).decidedLate).toBe(false);
    const verified = transition(pledged, 'verifyPledge', WORKER, '2024-10-22', {}, CTX).case;
    expect(caseDeadlines(verified, '2024-10-24', CAL).pledgeVerification).toBeNull();
  });
});
