/**
 * Access control of the one-stop and entitlement use cases (issue 7 §1), decided in the use cases now
 * that the URL allow-list is gone. Every permission is probed for every role with placeholder input
 * (unknown ids, empty bodies): a role without it gets `forbidden` before any input is checked or row
 * read, a role with it gets past (to not_found, invalid_input or a result). Then each permission
 * works for a role that holds it, and scope holds on real rows: a resident on another's case (404),
 * a case worker on another office's case, a district officer on another district's people, a
 * department officer on another sector's service. The expected roles are written out here, from the
 * spec, not read from the permission table.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { runEscalations } from '../../src/app/cases/escalate-cases.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { listMyCases } from '../../src/app/cases/list-my-cases.ts';
import { listQueue } from '../../src/app/cases/list-queue.ts';
import { openProactiveCase } from '../../src/app/cases/open-proactive-case.ts';
import { downloadAttachment, listAttachments } from '../../src/app/cases/read-attachments.ts';
import { reassignCase } from '../../src/app/cases/reassign-case.ts';
import { submitApplication } from '../../src/app/cases/submit-application.ts';
import { uploadAttachment } from '../../src/app/cases/upload-attachment.ts';
import {
  addParameterValue,
  addRuleVersion,
  updateServiceFields,
} from '../../src/app/entitlements/edit-catalog.ts';
import { getSnapshotCounts, listSnapshots } from '../../src/app/entitlements/matching-snapshots.ts';
import { getPersonTrace } from '../../src/app/entitlements/person-trace.ts';
import type { MatchingResult } from '../../src/app/entitlements/run-matching.ts';
import { startMatching } from '../../src/app/entitlements/run-matching.ts';
import { exportWorklistXlsx, getWorklist } from '../../src/app/entitlements/worklist-items.ts';
import { waitForJob } from '../../src/app/jobs/jobs.ts';
import { listMyNotices, markNoticeRead } from '../../src/app/notices/my-notices.ts';
import { sendWorklistNotices } from '../../src/app/notices/worklist-notices.ts';
import { linkResidentPerson } from '../../src/app/residents/link-person.ts';
import { getMyProfile } from '../../src/app/residents/my-profile.ts';
import type { Actor, Role } from '../../src/domain/identity/roles.ts';
import { ROLES } from '../../src/domain/identity/roles.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fixedClock,
  openTestPlatform,
} from '../support/test-db.ts';

const HOME = { 'person.residenceDistrict': '510104' }; // 锦江区 → office O-510104
const ELDERLY = 'S-5-01'; // 高龄津贴: an elderly-sector service with 应享未享 people in every district
const NO_SNAPSHOT = 999_999;
const OFFICE = ['caseWorker', 'supervisor'] as const;
const LIST_WORKERS = ['admin', 'planner', 'departmentOfficer', 'districtOfficer'] as const;

/** A 1×1 PNG (signature, IHDR, IDAT of one grey pixel, IEND), enough for the type sniffer. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);

/** The code the call failed with, or 'ok'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof FuwuError) return e.code;
    throw e;
  }
}

describe(`one-stop and entitlement access in the use cases (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let snapshotId: number;
  const as = {} as Record<Role, Actor>;
  let bob: Actor; // a second resident
  let outsider: Actor; // case worker at O-510105
  let education: Actor; // department officer of another sector
  let keyNo = 0;
  let fileReads = 0;

  const user = (u: Parameters<typeof createUserAs>[2]) => createUserAs(p.ctx, p.admin, u);
  const apply = (who: Actor) =>
    submitApplication(p.ctx, who, {
      serviceCode: 'S-1-04',
      facts: HOME,
      idempotencyKey: `access-${++keyNo}000`,
    });
  const revisionOf = async (id: string) =>
    (await p.db.query<{ revision: number }>('SELECT revision FROM cases WHERE id = $1', [id])).rows[0]!
      .revision;
  const gapPeople = async (district: string, other: boolean) =>
    (
      await p.db.query<{ person: number }>(
        `SELECT person_index AS person FROM entitlement_worklist_items
         WHERE snapshot_id = $1 AND service_code = $2 AND kind = 'gap'
           AND (district_code = $3) <> $4 ORDER BY person_index LIMIT 2`,
        [snapshotId, ELDERLY, district, other],
      )
    ).rows.map((r) => r.person);

  beforeAll(async () => {
    p = await openTestPlatform({ clock: fixedClock('2025-07-01T02:00:00Z') });
    as.admin = p.admin;
    as.planner = await user({ username: 'planner', role: 'planner' });
    as.departmentOfficer = await user({ username: 'elderly', role: 'departmentOfficer', sector: 'elderly' });
    as.districtOfficer = await user({
      username: 'jinjiang',
      role: 'districtOfficer',
      districtCode: '510104',
    });
    as.viewer = await user({ username: 'viewer', role: 'viewer' });
    as.resident = await user({ username: 'alice', role: 'resident' });
    as.caseWorker = await user({ username: 'worker', role: 'caseWorker', officeCode: 'O-510104' });
    as.supervisor = await user({ username: 'boss', role: 'supervisor', officeCode: 'O-510104' });
    // Use cases see only the actor; an in-memory auditor keeps this file free of the users table's
    // list of roles (a migration of its own).
    as.auditor = { ...as.viewer, username: 'auditor', role: 'auditor' };
    bob = await user({ username: 'bob', role: 'resident' });
    outsider = await user({ username: 'outsider', role: 'caseWorker', officeCode: 'O-510105' });
    education = await user({ username: 'education', role: 'departmentOfficer', sector: 'education' });
    // matching.run: a planner starts the run the scope tests read.
    const job = await startMatching(p.ctx, as.planner, { date: '2025-06-30', seed: 7, size: 3000 });
    const done = await waitForJob(p.ctx, job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    snapshotId = (done.result as MatchingResult).snapshotId;
    app = await buildServer(p.ctx);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  /** Each permission's use cases, called with placeholders, and the roles that hold it. */
  const probes: Array<{
    permission: string;
    roles: readonly Role[];
    calls: Array<(a: Actor) => Promise<unknown>>;
  }> = [
    { permission: 'cases.apply', roles: ['resident'], calls: [(a) => submitApplication(p.ctx, a, {})] },
    {
      permission: 'own.read',
      roles: ['resident'],
      calls: [(a) => listMyCases(p.ctx, a), (a) => listMyNotices(p.ctx, a), (a) => getMyProfile(p.ctx, a)],
    },
    {
      permission: 'notices.markRead',
      roles: ['resident'],
      calls: [(a) => markNoticeRead(p.ctx, a, 'not-a-number')],
    },
    {
      permission: 'cases.read',
      roles: ['resident', ...OFFICE],
      calls: [
        (a) => getCase(p.ctx, a, 'C-nope'),
        (a) => listAttachments(p.ctx, a, 'C-nope'),
        (a) => downloadAttachment(p.ctx, a, 'C-nope', 'A-nope'),
      ],
    },
    {
      permission: 'cases.act',
      roles: ['resident', ...OFFICE],
      calls: [(a) => actOnCase(p.ctx, a, 'C-nope', 'no-such-action', {})],
    },
    {
      permission: 'cases.attach',
      roles: ['resident', ...OFFICE],
      calls: [
        (a) =>
          uploadAttachment(p.ctx, a, 'C-nope', async () => {
            fileReads++;
            return { fileName: 'x.png', bytes: PNG };
          }),
      ],
    },
    { permission: 'cases.queue', roles: OFFICE, calls: [(a) => listQueue(p.ctx, a, { state: 'nope' })] },
    { permission: 'cases.reassign', roles: OFFICE, calls: [(a) => reassignCase(p.ctx, a, 'C-nope', {})] },
    {
      permission: 'cases.escalate',
      roles: ['admin', 'supervisor'],
      calls: [(a) => runEscalations(p.ctx, a)],
    },
    {
      permission: 'catalog.write',
      roles: ['admin', 'departmentOfficer'],
      calls: [
        (a) => updateServiceFields(p.ctx, a, 'S-nope', {}, ''),
        (a) => addRuleVersion(p.ctx, a, 'S-nope', {}, ''),
        (a) => addParameterValue(p.ctx, a, 'P-nope', {}, ''),
      ],
    },
    {
      permission: 'matching.run',
      roles: LIST_WORKERS,
      calls: [(a) => startMatching(p.ctx, a, { size: -1 })],
    },
    {
      permission: 'matching.counts',
      roles: [...LIST_WORKERS, 'viewer'],
      calls: [(a) => listSnapshots(p.ctx, a), (a) => getSnapshotCounts(p.ctx, a, NO_SNAPSHOT)],
    },
    {
      permission: 'matching.people',
      roles: LIST_WORKERS,
      calls: [
        (a) => getWorklist(p.ctx, a, NO_SNAPSHOT, { limit: 'x' }),
        (a) => exportWorklistXlsx(p.ctx, a, NO_SNAPSHOT, {}),
        (a) => getPersonTrace(p.ctx, a, NO_SNAPSHOT, Number.NaN, ''),
      ],
    },
    {
      permission: 'worklist.act',
      roles: LIST_WORKERS,
      calls: [
        (a) => sendWorklistNotices(p.ctx, a, Number.NaN, {}),
        (a) => openProactiveCase(p.ctx, a, NO_SNAPSHOT, {}),
      ],
    },
    {
      permission: 'residents.linkPerson',
      roles: ['admin'],
      calls: [(a) => linkResidentPerson(p.ctx, a, Number.NaN, {})],
    },
  ];

  const cells = probes.flatMap(({ permission, roles, calls }) =>
    ROLES.map((role) => ({ permission, role, allowed: roles.includes(role), calls })),
  );

  it.each(cells)('$permission as $role: allowed $allowed', async ({ role, allowed, calls }) => {
    for (const call of calls) {
      const code = await outcome(call(as[role]));
      if (allowed) expect(code).not.toBe('forbidden');
      else expect(code).toBe('forbidden');
    }
    // Whoever called, no upload was read for a case that does not exist.
    expect(fileReads).toBe(0);
  });

  it('lets each permission work for a role that holds it', async () => {
    const alice = as.resident;
    const worker = as.caseWorker;
    // cases.apply, own.read
    const { case: mine } = await apply(alice);
    expect((await listMyCases(p.ctx, alice)).map((c) => c.id)).toContain(mine.id);
    expect(await getMyProfile(p.ctx, alice)).toMatchObject({ personId: null });
    // cases.queue, cases.read, cases.act (a supplement request is a notice to the applicant)
    expect((await listQueue(p.ctx, worker)).map((c) => c.id)).toContain(mine.id);
    expect((await getCase(p.ctx, as.supervisor, mine.id)).id).toBe(mine.id);
    await actOnCase(p.ctx, worker, mine.id, 'accept', { expectedRevision: 1 });
    await actOnCase(p.ctx, worker, mine.id, 'requestSupplement', {
      reason: '请补充户口簿',
      expectedRevision: 2,
    });
    // notices.markRead
    const [notice] = (await listMyNotices(p.ctx, alice)).notices;
    expect((await markNoticeRead(p.ctx, alice, String(notice!.id))).readAt).not.toBeNull();
    // cases.attach, cases.read of the file
    const up = await uploadAttachment(p.ctx, alice, mine.id, { fileName: '户口簿.png', bytes: PNG });
    expect(up.created).toBe(true);
    expect((await listAttachments(p.ctx, worker, mine.id)).map((x) => x.id)).toEqual([up.attachment.id]);
    expect((await downloadAttachment(p.ctx, worker, mine.id, up.attachment.id)).content).toEqual(
      new Uint8Array(PNG),
    );
    // cases.reassign
    const moved = await reassignCase(p.ctx, worker, mine.id, {
      officeCode: 'O-510105',
      reason: '申请人实际居住在青羊区',
      expectedRevision: await revisionOf(mine.id),
    });
    expect(moved.officeCode).toBe('O-510105');
    expect((await getCase(p.ctx, outsider, mine.id)).id).toBe(mine.id);
    // cases.escalate
    expect(await runEscalations(p.ctx, as.supervisor)).toMatchObject({ onDate: '2025-07-01' });
    // catalog.write within the sector
    const edited = await updateServiceFields(
      p.ctx,
      as.departmentOfficer,
      ELDERLY,
      { content: '按月发放' },
      '测试',
    );
    expect(edited.service.content).toBe('按月发放');
    // matching.counts, matching.people, worklist.act
    expect((await listSnapshots(p.ctx, as.viewer)).map((s) => s.id)).toContain(snapshotId);
    expect((await getSnapshotCounts(p.ctx, as.viewer, snapshotId)).rows.length).toBeGreaterThan(0);
    const [person] = await gapPeople('510104', false);
    const page = await getWorklist(p.ctx, as.districtOfficer, snapshotId, { service: ELDERLY });
    expect(page.items.map((x) => x.personIndex)).toContain(person);
    expect(
      (await getPersonTrace(p.ctx, as.districtOfficer, snapshotId, person!, '入户核实')).personIndex,
    ).toBe(person);
    const body = { serviceCode: ELDERLY, personIndex: person };
    expect((await sendWorklistNotices(p.ctx, as.districtOfficer, snapshotId, body)).created).toBe(1);
    expect((await openProactiveCase(p.ctx, as.districtOfficer, snapshotId, body)).created).toBe(true);
    // residents.linkPerson
    expect((await linkResidentPerson(p.ctx, p.admin, bob.id, { personId: 'SYN-0000001' })).personId).toBe(
      'SYN-0000001',
    );
  });

  it("keeps a resident off another resident's case: it reads as unknown (404), and nothing is written", async () => {
    const { case: theirs } = await apply(bob);
    const up = await uploadAttachment(p.ctx, bob, theirs.id, { fileName: 'b.png', bytes: PNG });
    const alice = as.resident;
    await expectFuwuError(getCase(p.ctx, alice, theirs.id), 'not_found');
    await expectFuwuError(
      actOnCase(p.ctx, alice, theirs.id, 'withdraw', { expectedRevision: 1 }),
      'not_found',
    );
    await expectFuwuError(
      uploadAttachment(p.ctx, alice, theirs.id, { fileName: 'a.png', bytes: PNG }),
      'not_found',
    );
    await expectFuwuError(listAttachments(p.ctx, alice, theirs.id), 'not_found');
    await expectFuwuError(downloadAttachment(p.ctx, alice, theirs.id, up.attachment.id), 'not_found');
    expect(await revisionOf(theirs.id)).toBe(1);
    expect(
      await countOf(p.db, 'SELECT count(*) AS n FROM case_attachments WHERE case_id = $1', [theirs.id]),
    ).toBe(1);
    // Over HTTP the same, and an unknown id reads alike.
    const s = await signIn(app, 'alice', USER_PASSWORD);
    expect((await callAs(app, s, 'GET', `/api/cases/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await callAs(app, s, 'GET', `/api/cases/${theirs.id}/attachments/${up.attachment.id}`)).statusCode,
    ).toBe(404);
    expect((await callAs(app, s, 'GET', '/api/cases/C-20250701-00000000')).statusCode).toBe(404);
  });

  it("keeps a case worker off another office's case, except to accept it (全域通办)", async () => {
    const { case: c } = await apply(bob); // routed to O-510104
    await actOnCase(p.ctx, as.caseWorker, c.id, 'accept', { expectedRevision: 1 });
    await expectFuwuError(getCase(p.ctx, outsider, c.id), 'forbidden');
    await expectFuwuError(listAttachments(p.ctx, outsider, c.id), 'forbidden');
    await expectFuwuError(
      actOnCase(p.ctx, outsider, c.id, 'requestSupplement', { reason: 'x', expectedRevision: 2 }),
      'forbidden',
    );
    await expectFuwuError(
      reassignCase(p.ctx, outsider, c.id, { officeCode: 'O-510105', reason: 'x', expectedRevision: 2 }),
      'forbidden',
    );
    await expectFuwuError(
      uploadAttachment(p.ctx, outsider, c.id, { fileName: 'o.png', bytes: PNG }),
      'forbidden',
    );
    expect(await revisionOf(c.id)).toBe(2);
    expect((await listQueue(p.ctx, outsider)).map((x) => x.id)).not.toContain(c.id);
  });

  it("keeps a district officer off another district's people on a work list", async () => {
    const officer = as.districtOfficer;
    const [elsewhere] = await gapPeople('510104', true);
    const all = await getWorklist(p.ctx, officer, snapshotId, { service: ELDERLY, limit: 500 });
    expect(all.total).toBeGreaterThan(0);
    expect(new Set(all.items.map((x) => x.districtCode))).toEqual(new Set(['510104']));
    expect((await getWorklist(p.ctx, officer, snapshotId, { district: '510105' })).total).toBe(0);
    await expectFuwuError(getPersonTrace(p.ctx, officer, snapshotId, elsewhere!, '入户核实'), 'forbidden');
    const body = { serviceCode: ELDERLY, personIndex: elsewhere };
    await expectFuwuError(sendWorklistNotices(p.ctx, officer, snapshotId, body), 'forbidden');
    await expectFuwuError(openProactiveCase(p.ctx, officer, snapshotId, body), 'forbidden');
    // The admin sees that person: the list is not empty there, only out of the officer's scope.
    expect((await getWorklist(p.ctx, p.admin, snapshotId, { district: '510105' })).total).toBeGreaterThan(0);
  });

  it("keeps a department officer off another sector's service", async () => {
    const before = await countOf(p.db, 'SELECT count(*) AS n FROM revisions');
    const e = await expectFuwuError(
      updateServiceFields(p.ctx, education, ELDERLY, { content: '改写' }, '测试'),
      'forbidden',
    );
    expect(e.message).toContain(ELDERLY);
    await expectFuwuError(
      addRuleVersion(
        p.ctx,
        education,
        ELDERLY,
        {
          from: '2026-01-01',
          reference: '示例',
          eligibility: { all: [{ fact: 'person.ageYears', op: 'ge', value: 80 }] },
        },
        '测试',
      ),
      'forbidden',
    );
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM revisions')).toBe(before);
  });

  it('answers 403 over HTTP before it looks at ids or bodies, for roles without the permission', async () => {
    const resident = await signIn(app, 'alice', USER_PASSWORD);
    const planner = await signIn(app, 'planner', USER_PASSWORD);
    const viewer = await signIn(app, 'viewer', USER_PASSWORD);
    const status = async (...a: Parameters<typeof callAs>) => (await callAs(...a)).statusCode;
    expect(await status(app, resident, 'GET', '/api/entitlements/matching/snapshots')).toBe(403);
    expect(await status(app, resident, 'GET', '/api/entitlements/matching/snapshots/x/items?limit=y')).toBe(
      403,
    );
    expect(await status(app, resident, 'POST', '/api/entitlements/matching/runs', { seed: 'x' })).toBe(403);
    expect(await status(app, resident, 'PUT', '/api/catalog/S-nope', { fields: 1, reason: 2 })).toBe(403);
    expect(await status(app, viewer, 'PUT', '/api/admin/residents/x/person', {})).toBe(403);
    expect(await status(app, planner, 'GET', '/api/cases')).toBe(403);
    expect(await status(app, planner, 'GET', '/api/my/cases')).toBe(403);
    // Not multipart at all: still a 403, the file is never read.
    expect(await status(app, planner, 'POST', '/api/cases/C-nope/attachments', { file: 'x' })).toBe(403);
    expect(await status(app, viewer, 'POST', '/api/cases/escalations/run')).toBe(403);
    // With the permission, the same placeholders get past to the input's own errors.
    expect(await status(app, planner, 'GET', '/api/entitlements/matching/snapshots/x/items')).toBe(404);
  });
});
