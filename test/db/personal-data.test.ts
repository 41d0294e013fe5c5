/**
 * Personal data on the real database (issue 7 §2): every staff read of a person's data is logged with
 * its purpose (case view, person trace, work-list page, export) and the resident's own reads are not;
 * the export is audited with its purpose and row count; the data tracker shows a resident exactly
 * their reads, newest first; identity numbers are checked at sign-up (nothing written when wrong),
 * shown in full to the resident and the office handling the case, and synthetic ones are province 99.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { getPersonTrace } from '../../src/app/entitlements/person-trace.ts';
import { exportWorklistXlsx, getWorklist } from '../../src/app/entitlements/worklist-items.ts';
import { getMyDataAccess, listDataAccessLog } from '../../src/app/privacy/data-access.ts';
import { getMyProfile } from '../../src/app/residents/my-profile.ts';
import { signUpResident } from '../../src/app/residents/sign-up.ts';
import { personIndexOf } from '../../src/domain/entitlements/synthetic-population.ts';
import { isSyntheticIdNumber } from '../../src/domain/identity/id-number.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
  USER_PASSWORD,
} from '../support/test-db.ts';
import { matchSyntheticPopulation } from '../support/worklist-fixtures.ts';

const PASSWORD = 'resident-password-1';
/** Made up (region 510104, a chosen date and sequence, the check character computed). */
const RITA_ID = '51010419880108007X';
const HOME = { 'person.residenceDistrict': '510104' }; // → office O-510104

describe(`personal data: read log, data tracker, identity numbers (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let snapshotId: number;
  let rita: Actor;
  let sam: Actor;
  let worker: Actor;
  let ritaCase: string;
  let samCase: string;

  const reads = (where = 'true', params: unknown[] = []) =>
    countOf(p.db, `SELECT count(*) AS n FROM personal_data_reads WHERE ${where}`, params);

  beforeAll(async () => {
    clock = fixedClock('2025-07-01T02:00:00Z');
    const opened = await openTestPlatformWith({
      clock,
      users: { worker: { role: 'caseWorker', officeCode: 'O-510104', displayName: '王经办' } },
    });
    p = opened;
    worker = opened.users.worker;
    snapshotId = await matchSyntheticPopulation(p, 2000);
    rita = (
      await signUpResident(
        p.ctx,
        {
          username: 'rita',
          password: PASSWORD,
          linkSamplePerson: true,
          idNumber: RITA_ID.toLowerCase(),
        },
        '127.0.0.1',
      )
    ).actor;
    sam = (
      await signUpResident(
        p.ctx,
        { username: 'sam', password: PASSWORD, linkSamplePerson: true },
        '127.0.0.1',
      )
    ).actor;
    ritaCase = (
      await submitApplication(p.ctx, rita, {
        serviceCode: 'S-1-04',
        facts: HOME,
        idempotencyKey: 'rita-0001',
      })
    ).case.id;
    samCase = (
      await submitApplication(p.ctx, sam, { serviceCode: 'S-1-04', facts: HOME, idempotencyKey: 'sam-00001' })
    ).case.id;
  }, 180_000);
  afterAll(async () => {
    await p?.close();
  });

  it('refuses a bad identity number at sign-up naming idNumber, and writes nothing', async () => {
    const e = await expectFuwuError(
      signUpResident(
        p.ctx,
        { username: 'badid', password: PASSWORD, idNumber: '510104198801080071' },
        '127.0.0.1',
      ),
      'invalid_input',
    );
    expect(fieldsOf(e)).toEqual(['idNumber']);
    expect(e.problems[0]!.zh).toContain('校验码');
    expect(e.problems[0]!.en).toContain('check character');
    expect(await countOf(p.db, `SELECT count(*) AS n FROM users WHERE username = 'badid'`)).toBe(0);
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM resident_id_numbers')).toBe(1);
  });

  it('shows the resident their own number in full; a linked resident without one has their synthetic number', async () => {
    expect((await getMyProfile(p.ctx, rita)).idNumber).toBe(RITA_ID);
    const samProfile = await getMyProfile(p.ctx, sam);
    expect(samProfile.personId).toMatch(/^SYN-\d{7}$/);
    expect(isSyntheticIdNumber(samProfile.idNumber!)).toBe(true);
    expect(samProfile.idNumber!.slice(6, 14)).toBe(
      String(samProfile.facts!['person.birthDate']).replaceAll('-', ''),
    );
  });

  it('logs a staff case view with its purpose (full number for the office); the resident reading it is not logged', async () => {
    const before = await reads();
    const own = await getCase(p.ctx, rita, ritaCase);
    expect(own.idNumber).toBe(RITA_ID);
    expect(await reads()).toBe(before);

    clock.advance(60_000);
    const seen = await getCase(p.ctx, worker, ritaCase);
    expect(seen.idNumber).toBe(RITA_ID);
    expect(await reads()).toBe(before + 1);
    const row = await p.db.query<Record<string, unknown>>(
      `SELECT subject_user_id, reader_id, reader_role, reader_office_code, purpose, what, entity_id
       FROM personal_data_reads ORDER BY id DESC LIMIT 1`,
    );
    expect(row.rows[0]).toEqual({
      subject_user_id: rita.id,
      reader_id: worker.id,
      reader_role: 'caseWorker',
      reader_office_code: 'O-510104',
      purpose: '办理案件 / case handling',
      what: 'caseView',
      entity_id: ritaCase,
    });
    clock.advance(60_000);
    await getCase(p.ctx, worker, samCase);
    expect(await reads('subject_user_id = $1', [sam.id])).toBe(1);
  });

  it('logs one row per person shown on a work-list page', async () => {
    const before = await reads(`what = 'worklistPage'`);
    const page = await getWorklist(p.ctx, p.admin, snapshotId, { service: 'S-5-01', kind: 'gap', limit: 3 });
    expect(page.items).toHaveLength(3);
    const shown = [...new Set(page.items.map((it) => it.personId))];
    expect(shown).toHaveLength(3);
    expect(await reads(`what = 'worklistPage'`)).toBe(before + 3);
    const logged = await p.db.query<{ p: string }>(
      `SELECT subject_person_id AS p FROM personal_data_reads WHERE what = 'worklistPage' ORDER BY id DESC LIMIT 3`,
    );
    expect(logged.rows.map((r) => r.p).sort()).toEqual([...shown].sort());
  });

  it('needs a purpose to export; an export is audited with its row count and logs every person in it', async () => {
    const auditsBefore = await countOf(
      p.db,
      `SELECT count(*) AS n FROM audit_log WHERE action = 'entitlement.worklist.export'`,
    );
    const readsBefore = await reads();
    const e = await expectFuwuError(
      exportWorklistXlsx(p.ctx, p.admin, snapshotId, { service: 'S-5-01', kind: 'gap' }),
      'invalid_input',
    );
    expect(fieldsOf(e)).toEqual(['purpose']);
    expect(await reads()).toBe(readsBefore);

    const out = await exportWorklistXlsx(p.ctx, p.admin, snapshotId, {
      service: 'S-5-01',
      kind: 'gap',
      purpose: '年度入户核查',
    });
    expect(out.rows).toBeGreaterThan(3);
    const audit = await p.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'entitlement.worklist.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(
      await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'entitlement.worklist.export'`),
    ).toBe(auditsBefore + 1);
    expect(audit.rows[0]!.detail).toMatchObject({
      purpose: '年度入户核查',
      rows: out.rows,
      people: out.rows,
    });
    // One service: one row per person, each logged as an export with the stated purpose.
    expect(await reads(`what = 'export' AND purpose = '年度入户核查'`)).toBe(out.rows);
    expect(await reads()).toBe(readsBefore + out.rows);
  });

  it("shows a resident exactly their reads, newest first, with who, where and why — never another's", async () => {
    const ritaPerson = personIndexOf((await getMyProfile(p.ctx, rita)).personId!)!;
    // A person trace of Rita's linked person reaches her tracker through the link.
    clock.advance(60_000);
    const trace = await getPersonTrace(p.ctx, p.admin, snapshotId, ritaPerson, '核实申请材料');
    expect(isSyntheticIdNumber(trace.idNumber!)).toBe(true);
    const expected = await reads('subject_user_id = $1', [rita.id]);
    const mine = await getMyDataAccess(p.ctx, rita, {});
    expect(mine.total).toBe(expected);
    expect(mine.items).toHaveLength(expected);
    expect(mine.items[0]).toMatchObject({
      what: 'personTrace',
      purpose: '核实申请材料',
      reader: { role: 'admin', displayName: p.admin.displayName },
    });
    const caseRead = mine.items.find((x) => x.what === 'caseView')!;
    expect(caseRead).toMatchObject({
      entityId: ritaCase,
      purpose: '办理案件 / case handling',
      whatLabel: { zh: '查看案件材料', en: 'Viewed a case file' },
      reader: {
        role: 'caseWorker',
        roleLabel: { zh: '窗口经办人员', en: 'Case worker' },
        unit: { zh: '锦江区政务服务中心', en: expect.stringContaining('Government Service Centre') },
        displayName: '王经办',
      },
    });
    const times = mine.items.map((x) => x.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(mine.items.some((x) => x.entityId === samCase)).toBe(false);
    const samsView = await getMyDataAccess(p.ctx, sam, {});
    expect(samsView.items.some((x) => x.entityId === ritaCase)).toBe(false);
    expect(samsView.items.some((x) => x.entityId === samCase)).toBe(true);
    const paged = await getMyDataAccess(p.ctx, rita, { offset: 1, limit: 1 });
    expect(paged.items).toEqual(mine.items.slice(1, 2));
  });

  it('gives admins and auditors the whole access log, narrowed by subject or reader; no one else', async () => {
    const auditor = await createUserAs(p.ctx, p.admin, { username: 'auditor1', role: 'auditor' });
    const all = await listDataAccessLog(p.ctx, auditor, { limit: 100 });
    expect(all.total).toBe(await reads());
    const ritas = await listDataAccessLog(p.ctx, auditor, { subjectUserId: String(rita.id) });
    expect(ritas.total).toBe(await reads('subject_user_id = $1', [rita.id]));
    expect(ritas.items.every((x) => x.subject.userId === rita.id)).toBe(true);
    const byWorker = await listDataAccessLog(p.ctx, p.admin, { readerId: worker.id });
    expect(byWorker.total).toBe(await reads('reader_id = $1', [worker.id]));
    expect(byWorker.items.every((x) => x.readerId === worker.id && x.reader.role === 'caseWorker')).toBe(
      true,
    );
    expect(byWorker.items.some((x) => x.entityId === ritaCase && x.subject.userId === rita.id)).toBe(true);
    const both = await listDataAccessLog(p.ctx, auditor, { subjectUserId: rita.id, readerId: worker.id });
    expect(both.items.every((x) => x.subject.userId === rita.id && x.readerId === worker.id)).toBe(true);
    expect(both.total).toBeGreaterThan(0);
    for (const who of [rita, worker]) await expectFuwuError(listDataAccessLog(p.ctx, who, {}), 'forbidden');
    const bad = await expectFuwuError(listDataAccessLog(p.ctx, auditor, { readerId: 'x' }), 'invalid_input');
    expect(fieldsOf(bad)).toEqual(['readerId']);
  });

  it('serves the tracker to residents only, over HTTP', async () => {
    const app: FastifyInstance = await buildServer(p.ctx);
    try {
      await createUserAs(p.ctx, p.admin, { username: 'planner1', role: 'planner' });
      const r = await signIn(app, 'rita', PASSWORD);
      const res = await callAs(app, r, 'GET', '/api/my/data-access?limit=5');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ items: unknown[]; limit: number }>().limit).toBe(5);
      const planner = await signIn(app, 'planner1', USER_PASSWORD);
      expect((await callAs(app, planner, 'GET', '/api/my/data-access')).statusCode).toBe(403);
      const bad = await callAs(app, r, 'GET', '/api/my/data-access?limit=1000');
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
