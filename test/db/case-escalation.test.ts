/**
 * Escalation of near-deadline and overdue cases on the real database (issue 6 §2), day by day across
 * the 2024 Spring Festival with a fixed clock: near then overdue on the right working days, recorded
 * once however often the check runs, a supplement pause moving the due date (and escalated anew), a
 * decided case never escalated; the queue's `escalation` badge and `escalated=1` filter; the run over
 * HTTP for supervisors and admins; the server's timer. And the working-day calendar read from the
 * database: a pack with another calendar changes deadlines without its folder being read.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildServer } from '../../src/api/server.ts';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { caseCalendar } from '../../src/app/cases/case-calendar.ts';
import { escalateCases } from '../../src/app/cases/escalate-cases.ts';
import { startEscalationTimer } from '../../src/app/cases/escalation-timer.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { listQueue } from '../../src/app/cases/list-queue.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import { addWorkingDays } from '../../src/domain/cases/working-days.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import { DEFAULT_PACK_DIR } from '../../src/store/pack/pack-loader.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fixedClock,
  openTestPlatform,
  USER_PASSWORD,
} from '../support/test-db.ts';

const HOME = { 'person.residenceDistrict': '510104' }; // 锦江区 → office O-510104
/** 7 working days to decide (the catalog's S-7-06). */
const SEVEN_DAYS = 'S-7-06';

/** The days from `from` to `to`, both included. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

describe(`escalation of overdue cases (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let alice: Actor;
  let worker: Actor;
  let boss: Actor; // supervisor at O-510104
  let outsiderBoss: Actor; // supervisor at O-510105
  const clock = fixedClock('2024-02-01T01:00:00Z');
  let keyNo = 0;
  const ids: Record<'plain' | 'paused' | 'decided', string> = { plain: '', paused: '', decided: '' };

  const user = (u: Parameters<typeof createUserAs>[2]) => createUserAs(p.ctx, p.admin, u);
  async function act(who: Actor, id: string, action: string, reason?: string) {
    const c = await getCase(p.ctx, who.role === 'resident' ? who : worker, id);
    return actOnCase(p.ctx, who, id, action, { reason, expectedRevision: c.revision });
  }
  const escalations = async () =>
    (
      await p.db.query<{ c: string; kind: string; deadline: string; due: string; on: string; to: string }>(
        `SELECT case_id AS c, kind, deadline, due::text AS due, on_date::text AS on, addressed_to AS to
         FROM case_escalations ORDER BY id`,
      )
    ).rows;

  beforeAll(async () => {
    p = await openTestPlatform({ clock });
    alice = await user({ username: 'alice', role: 'resident' });
    worker = await user({ username: 'worker', role: 'caseWorker', officeCode: 'O-510104' });
    boss = await user({ username: 'boss', role: 'supervisor', officeCode: 'O-510104' });
    outsiderBoss = await user({ username: 'boss2', role: 'supervisor', officeCode: 'O-510105' });
    app = await buildServer(p.ctx);
    for (const k of Object.keys(ids) as Array<keyof typeof ids>) {
      const r = await submitApplication(p.ctx, alice, {
        serviceCode: SEVEN_DAYS,
        facts: HOME,
        idempotencyKey: `esc-key-${String(++keyNo).padStart(4, '0')}`,
      });
      ids[k] = r.case.id;
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('escalates near, then overdue, on the right working days, once each, across the Spring Festival', async () => {
    const runs: Array<[string, number, number]> = [];
    for (const day of days('2024-02-02', '2024-02-21')) {
      clock.set(`${day}T01:00:00Z`); // 09:00 in Chengdu
      if (day === '2024-02-02') for (const id of Object.values(ids)) await act(worker, id, 'accept');
      if (day === '2024-02-05') await act(boss, ids.decided, 'approve');
      if (day === '2024-02-09') await act(alice, ids.paused, 'answerSupplement');
      const first = await escalateCases(p.ctx);
      const again = await escalateCases(p.ctx);
      expect(again.near + again.overdue, `second run on ${day}`).toBe(0);
      if (first.near + first.overdue > 0) runs.push([day, first.near, first.overdue]);
      // The supplement is asked after the day's check on the 8th and answered before it on the 9th.
      if (day === '2024-02-08') await act(worker, ids.paused, 'requestSupplement', '请补充材料（示例）');
    }
    // Accepted Fri 2 Feb with 7 working days: 4 (make-up Sunday), 5–9, 18 (make-up Sunday) → due 18 Feb.
    expect((await getCase(p.ctx, worker, ids.plain)).deadlines.decision?.due).toBe('2024-02-18');
    // The pause took Fri 9 Feb: due Mon 19 Feb.
    expect((await getCase(p.ctx, worker, ids.paused)).deadlines.decision?.due).toBe('2024-02-19');
    expect(runs).toEqual([
      ['2024-02-08', 2, 0], // two working days left (9 and 18 Feb) — before the holiday, not on it
      ['2024-02-09', 1, 0], // the paused case's new due date
      ['2024-02-19', 0, 1],
      ['2024-02-20', 0, 1],
    ]);
    // Which case is which by name (case ids are random); in the order raised, then by name.
    const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0];
    const raised = (await escalations())
      .map((e) => [e.on, name(e.c), e.kind, e.deadline, e.due, e.to].join(' '))
      .sort();
    expect(raised).toEqual([
      '2024-02-08 paused near decision 2024-02-18 office',
      '2024-02-08 plain near decision 2024-02-18 office',
      '2024-02-09 paused near decision 2024-02-19 office',
      '2024-02-19 plain overdue decision 2024-02-18 supervisors',
      '2024-02-20 paused overdue decision 2024-02-19 supervisors',
    ]);
    // The decided case, long past its due date, was never escalated.
    expect(
      await countOf(p.db, 'SELECT count(*) AS n FROM case_escalations WHERE case_id = $1', [ids.decided]),
    ).toBe(0);
    // One audit entry per run, with its counts.
    expect(await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'case.escalate'`)).toBe(
      40,
    );
    const audited = await p.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'case.escalate' AND entity_id = '2024-02-08' ORDER BY id LIMIT 1`,
    );
    expect(audited.rows[0]!.detail).toMatchObject({
      onDate: '2024-02-08',
      workingDay: true,
      near: 2,
      overdue: 0,
    });
  });

  it('shows the open escalation in the queue and filters escalated cases for the office', async () => {
    clock.set('2024-02-21T01:00:00Z');
    const q = await listQueue(p.ctx, boss, { escalated: '1' });
    expect(q.map((c) => [c.id, c.escalation?.kind, c.escalation?.due])).toEqual([
      [ids.plain, 'overdue', '2024-02-18'],
      [ids.paused, 'overdue', '2024-02-19'],
    ]);
    expect(q[0]!.escalation).toEqual({
      kind: 'overdue',
      deadline: 'decision',
      due: '2024-02-18',
      at: '2024-02-19T01:00:00.000Z',
    });
    const all = await listQueue(p.ctx, worker, {});
    expect(all.find((c) => c.id === ids.decided)?.escalation).toBeNull();
    expect(await listQueue(p.ctx, outsiderBoss, { escalated: '1' })).toEqual([]);
    await expectFuwuError(listQueue(p.ctx, boss, { escalated: 'yes' }), 'invalid_input');
    // The case view keeps every escalation of the case.
    expect((await getCase(p.ctx, boss, ids.paused)).escalations.map((e) => [e.kind, e.due])).toEqual([
      ['near', '2024-02-18'],
      ['near', '2024-02-19'],
      ['overdue', '2024-02-19'],
    ]);
    // Decided after the escalation: the badge goes.
    await act(boss, ids.plain, 'approve');
    const after = await listQueue(p.ctx, boss, { escalated: '1' });
    expect(after.map((c) => c.id)).toEqual([ids.paused]);
  });

  it('runs over HTTP for supervisors and admins only, and refuses a bad date', async () => {
    clock.set('2024-02-22T01:00:00Z');
    const run = async (username: string, password = USER_PASSWORD) =>
      callAs(app, await signIn(app, username, password), 'POST', '/api/cases/escalations/run');
    const bySupervisor = await run('boss');
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(200);
    expect(bySupervisor.json()).toMatchObject({
      onDate: '2024-02-22',
      workingDay: true,
      near: 0,
      overdue: 0,
    });
    expect((await run('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    const queue = await callAs(
      app,
      await signIn(app, 'boss', USER_PASSWORD),
      'GET',
      '/api/cases?escalated=1',
    );
    expect(queue.statusCode, queue.body).toBe(200);
    expect(
      queue.json<Array<{ id: string; escalation: { kind: string } }>>().map((c) => [c.id, c.escalation.kind]),
    ).toEqual([[ids.paused, 'overdue']]);
    expect((await run('worker')).statusCode).toBe(403);
    expect((await run('alice')).statusCode).toBe(403);
    const e = await expectFuwuError(escalateCases(p.ctx, '2024-02-30'), 'invalid_input');
    expect(e.problems[0]!.field).toBe('onDate');
    await expectFuwuError(escalateCases(p.ctx, '2031-01-06'), 'invalid_input'); // no 2031 notice
  });

  it('runs at once from the timer, which stops cleanly', async () => {
    const before = await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'case.escalate'`);
    const outcomes: unknown[] = [];
    const timer = startEscalationTimer(p.ctx, 60, (o) => outcomes.push(o));
    await timer.stop();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ run: { onDate: '2024-02-22' } });
    expect(await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'case.escalate'`)).toBe(
      before + 1,
    );
  });

  it('counts deadlines on the calendar stored with the pack, not on the pack folder', async () => {
    const stored = await caseCalendar(p.ctx);
    expect(addWorkingDays('2024-02-09', 1, stored)).toBe('2024-02-18');
    // The same pack with a shorter Spring Festival (10–11 Feb only), loaded and then deleted.
    const dir = mkdtempSync(join(tmpdir(), 'fuwu-calendar-'));
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const file = join(dir, 'calendar', 'holidays.yaml');
    const years = parse(readFileSync(file, 'utf8')) as Array<{
      year: number;
      holidays: Array<{ name: string; to: string }>;
    }>;
    years.find((y) => y.year === 2024)!.holidays.find((h) => h.name === '春节')!.to = '2024-02-11';
    writeFileSync(file, stringify(years));
    try {
      await loadPack(p.ctx, SYSTEM_ACTOR, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const other = await caseCalendar(p.ctx);
    expect(addWorkingDays('2024-02-09', 1, other)).toBe('2024-02-12');
    const view = await getCase(p.ctx, worker, ids.paused);
    expect(view.deadlines.decision?.due).toBe('2024-02-13'); // 4, 5–8, (9 paused), 12, 13
    // Loading the pack back brings its calendar back.
    await loadPack(p.ctx, SYSTEM_ACTOR, DEFAULT_PACK_DIR);
    expect(addWorkingDays('2024-02-09', 1, await caseCalendar(p.ctx))).toBe('2024-02-18');
  });
});
