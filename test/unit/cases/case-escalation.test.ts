/**
 * Which escalations a case is due on a day, on the 2024 calendar: near then overdue across the Spring
 * Festival on working days only, nothing while a supplement is awaited or once decided, the pledge
 * verification escalated after a pledge approval; and which recorded escalation is still open.
 */
import { describe, expect, it } from 'vitest';
import { caseDeadlines } from '../../../src/domain/cases/case-deadlines.ts';
import type { RecordedEscalation } from '../../../src/domain/cases/case-escalation.ts';
import { dueEscalations, openEscalation } from '../../../src/domain/cases/case-escalation.ts';
import type { CaseRecord } from '../../../src/domain/cases/case-machine.ts';
import { createCase, transition } from '../../../src/domain/cases/case-machine.ts';
import { CAL, CTX, RESIDENT, SUBMISSION, WORKER } from './fixtures.ts';

/** 示例 S-7-01 with 7 working days, accepted Friday 2 Feb 2024: 4 (make-up Sunday), 5–9, 18 (make-up). */
function acceptedOn2Feb(): CaseRecord {
  const { case: c } = createCase({ ...SUBMISSION, deadlineWorkingDays: 7 }, RESIDENT, '2024-02-01');
  return transition(c, 'accept', WORKER, '2024-02-02', {}, CTX).case;
}

/** Every day from `from` to `to` with what is due that day (days with nothing left out). */
function timeline(c: CaseRecord, from: string, to: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const day = d.toISOString().slice(0, 10);
    const due = dueEscalations(c, day, CAL).map((e) => `${e.kind}:${e.deadline}:${e.due}:${e.addressedTo}`);
    if (due.length > 0) out.push([day, due]);
  }
  return out;
}

describe('dueEscalations', () => {
  it('is near from two working days before the due date, overdue after it, on working days only', () => {
    const c = acceptedOn2Feb();
    expect(caseDeadlines(c, '2024-02-02', CAL).decision!.due).toBe('2024-02-18');
    const near = 'near:decision:2024-02-18:office';
    expect(timeline(c, '2024-02-02', '2024-02-20')).toEqual([
      // Thursday 8 Feb: 9 Feb and the make-up Sunday 18 Feb are the two left.
      ['2024-02-08', [near]],
      ['2024-02-09', [near]],
      // 10–17 Feb is the holiday: nothing is raised; the make-up Sunday is a working day.
      ['2024-02-18', [near]],
      ['2024-02-19', ['overdue:decision:2024-02-18:supervisors']],
      ['2024-02-20', ['overdue:decision:2024-02-18:supervisors']],
    ]);
  });

  it('raises nothing while a supplement is awaited, and escalates the moved due date after', () => {
    const c = acceptedOn2Feb();
    const paused = transition(c, 'requestSupplement', WORKER, '2024-02-08', { reason: '补正' }, CTX).case;
    expect(dueEscalations(paused, '2024-02-09', CAL)).toEqual([]);
    const answered = transition(paused, 'answerSupplement', RESIDENT, '2024-02-09', {}, CTX).case;
    // The pause took 9 Feb: due the next working day, Monday 19 Feb.
    expect(dueEscalations(answered, '2024-02-09', CAL)).toEqual([
      { kind: 'near', deadline: 'decision', due: '2024-02-19', addressedTo: 'office' },
    ]);
    expect(dueEscalations(answered, '2024-02-20', CAL)[0]).toMatchObject({
      kind: 'overdue',
      due: '2024-02-19',
    });
  });

  it('never escalates a decided or withdrawn case, nor one not yet accepted', () => {
    const c = acceptedOn2Feb();
    const approved = transition(c, 'approve', WORKER, '2024-02-05', {}, CTX).case;
    expect(dueEscalations(approved, '2024-03-01', CAL)).toEqual([]);
    const withdrawn = transition(c, 'withdraw', RESIDENT, '2024-02-05', {}, CTX).case;
    expect(dueEscalations(withdrawn, '2024-03-01', CAL)).toEqual([]);
    const { case: submitted } = createCase(SUBMISSION, RESIDENT, '2024-02-01');
    expect(dueEscalations(submitted, '2024-03-01', CAL)).toEqual([]);
  });

  it('escalates a pledge verification that is overdue', () => {
    const c = acceptedOn2Feb();
    const pledged = transition(c, 'approveOnPledge', WORKER, '2024-02-05', {}, CTX).case;
    const due = pledged.pledge!.verificationDue;
    const after = dueEscalations(pledged, '2024-04-01', CAL);
    expect(after).toEqual([
      { kind: 'overdue', deadline: 'pledgeVerification', due, addressedTo: 'supervisors' },
    ]);
    const verified = transition(pledged, 'verifyPledge', WORKER, '2024-03-01', {}, CTX).case;
    expect(dueEscalations(verified, '2024-04-01', CAL)).toEqual([]);
  });

  it('refuses a day outside the calendar rather than guess', () => {
    expect(() => dueEscalations(acceptedOn2Feb(), '2030-01-02', CAL)).toThrow(/2030/);
  });
});

describe('openEscalation', () => {
  const rec = (kind: 'near' | 'overdue', due: string, at: string): RecordedEscalation => ({
    kind,
    deadline: 'decision',
    due,
    at,
  });
  const flags = (due: string, overdue: boolean, near: boolean) => ({
    decision: { due, workingDaysLeft: 0, overdue, nearDeadline: near, provisional: false },
    pledgeVerification: null,
  });

  it('shows overdue before near, only for the due date still running', () => {
    const both = [
      rec('near', '2024-02-18', '2024-02-08T01:00:00Z'),
      rec('overdue', '2024-02-18', '2024-02-19T01:00:00Z'),
    ];
    expect(openEscalation(both, flags('2024-02-18', true, false))?.kind).toBe('overdue');
    // The due date moved (a pause): the old escalations are not open any more.
    expect(openEscalation(both, flags('2024-02-20', false, false))).toBeNull();
    // Decided: nothing runs.
    expect(openEscalation(both, { decision: null, pledgeVerification: null })).toBeNull();
    expect(openEscalation([], flags('2024-02-18', true, false))).toBeNull();
  });
});
