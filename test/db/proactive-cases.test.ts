/**
 * Proactive cases (依职权/主动服务, issue 6 §2): a work-list entry becomes a case routed to the
 * person's district office and the service's lead department, in state submitted, with the held
 * facts and the entitlement evaluated, its first event naming the officer and 主动服务; pressing
 * again returns the same case; it is in the office's queue and, when the person is linked to a
 * resident, in their own cases; officers stay within their scope.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { actOnCase } from '../../src/app/cases/act-on-case.ts';
import { getCase } from '../../src/app/cases/get-case.ts';
import { listQueue } from '../../src/app/cases/list-queue.ts';
import { openProactiveCase } from '../../src/app/cases/open-proactive-case.ts';
import { linkResidentPerson } from '../../src/app/residents/link-person.ts';
import { snapshotPerson } from '../../src/app/residents/snapshot-person.ts';
import { syntheticPersonId } from '../../src/domain/entitlements/synthetic-population.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  countOf,
  engineName,
  expectFuwuError,
  fixedClock,
  openTestPlatformWith,
} from '../support/test-db.ts';
import { matchSyntheticPopulation, worklistGaps } from '../support/worklist-fixtures.ts';

const SERVICE = 'S-5-01';

describe(`proactive cases (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let snapshotId: number;
  let district: Actor; // district officer of 510104
  let worker: Actor; // case worker at O-510104
  let resident: Actor;

  const gapOf = (districtCode: string | null) => worklistGaps(p.db, snapshotId, SERVICE, districtCode);

  beforeAll(async () => {
    const opened = await openTestPlatformWith({
      clock: fixedClock('2025-07-01T02:00:00Z'),
      users: {
        district: { username: 'jinjiang', role: 'districtOfficer', districtCode: '510104' },
        worker: { role: 'caseWorker', officeCode: 'O-510104' },
        resident: { username: 'rita', displayName: '丽塔', role: 'resident' },
      },
    });
    p = opened;
    ({ district, worker, resident } = opened.users);
    snapshotId = await matchSyntheticPopulation(p, 3000);
    app = await buildServer(p.ctx);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('turns a work-list entry into a submitted case at the district office, with the held facts; once', async () => {
    const [first] = await gapOf('510104');
    const r = await openProactiveCase(p.ctx, district, snapshotId, {
      serviceCode: SERVICE,
      personIndex: first!.person,
    });
    expect(r.created).toBe(true);
    const personId = syntheticPersonId(first!.person);
    expect(r.case).toMatchObject({
      origin: 'proactive',
      personId,
      serviceCode: SERVICE,
      state: 'submitted',
      districtCode: '510104',
      officeCode: 'O-510104',
      leadDepartment: '市民政局',
      applicant: { username: personId },
      allowedActions: [],
    });
    // The person is entitled on the snapshot: the evaluation says so again.
    expect(r.case.entitlement.outcome).toBe('eligible');
    const again = await openProactiveCase(p.ctx, district, snapshotId, {
      serviceCode: SERVICE,
      personIndex: first!.person,
    });
    expect(again).toMatchObject({ created: false, case: { id: r.case.id } });
    expect(await countOf(p.db, `SELECT count(*) AS n FROM cases WHERE origin = 'proactive'`)).toBe(1);
    // In the office's queue; the case worker sees its facts and a first event naming the officer.
    const queue = await listQueue(p.ctx, worker);
    expect(queue.map((c) => c.id)).toContain(r.case.id);
    const detail = await getCase(p.ctx, worker, r.case.id);
    expect(detail.facts).toEqual((await snapshotPerson(p.ctx, snapshotId, first!.person)).facts);
    expect(detail.allowedActions).toContain('accept');
    expect(detail.events).toHaveLength(1);
    expect(detail.events[0]).toMatchObject({
      action: 'submit',
      actorId: district.id,
      actorRole: 'districtOfficer',
    });
    expect(detail.events[0]!.reason).toContain('主动服务');
    expect(detail.events[0]!.reason).toContain('jinjiang');
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM audit_log WHERE action = 'case.proactive' AND entity_id = $1`,
        [r.case.id],
      ),
    ).toBe(1);
    // A decision on it is a notice to the person (nobody is linked yet).
    await actOnCase(p.ctx, worker, r.case.id, 'accept', { expectedRevision: 1 });
    await actOnCase(p.ctx, worker, r.case.id, 'requestSupplement', {
      expectedRevision: 2,
      reason: '请提供身份证明',
    });
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM notices WHERE case_id = $1 AND person_id = $2 AND user_id IS NULL`,
        [r.case.id, personId],
      ),
    ).toBe(1);
  });

  it('a case for a linked person is the resident’s own: in /api/my/cases, and they may act on it', async () => {
    const [, second] = await gapOf('510104');
    await linkResidentPerson(p.ctx, p.admin, resident.id, { personId: syntheticPersonId(second!.person) });
    const s = await signIn(app, 'jinjiang', USER_PASSWORD);
    const url = `/api/entitlements/matching/snapshots/${snapshotId}/worklist/cases`;
    const res = await callAs(app, s, 'POST', url, { serviceCode: SERVICE, personIndex: second!.person });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ case: { id: string } }>().case.id;
    expect(res.json()).toMatchObject({ case: { applicant: { username: 'rita', displayName: '丽塔' } } });
    const again = await callAs(app, s, 'POST', url, { serviceCode: SERVICE, personIndex: second!.person });
    expect(again.statusCode).toBe(200);
    const rs = await signIn(app, 'rita', USER_PASSWORD);
    const mine = await callAs(app, rs, 'GET', '/api/my/cases');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<{ id: string; origin: string }[]>()).toEqual([
      expect.objectContaining({ id, origin: 'proactive' }),
    ]);
    const detail = await callAs(app, rs, 'GET', `/api/cases/${id}`);
    expect(detail.json<{ allowedActions: string[] }>().allowedActions).toEqual(['withdraw']);
  });

  it('refuses outside the officer’s scope, a person not on the list, and roles that do not work the lists', async () => {
    const [elsewhere] = (await gapOf(null)).filter((x) => x.district !== '510104');
    await expectFuwuError(
      openProactiveCase(p.ctx, district, snapshotId, {
        serviceCode: SERVICE,
        personIndex: elsewhere!.person,
      }),
      'forbidden',
    );
    const notListed = await expectFuwuError(
      openProactiveCase(p.ctx, district, snapshotId, { serviceCode: 'S-7-01', personIndex: 2999 }),
      'invalid_input',
    );
    expect(notListed.problems.map((x) => x.field)).toEqual(['personIndex']);
    const bad = await expectFuwuError(
      openProactiveCase(p.ctx, district, snapshotId, { serviceCode: SERVICE, personIndex: 3000 }),
      'invalid_input',
    );
    expect(bad.problems.map((x) => x.field)).toEqual(['personIndex']);
    await expectFuwuError(
      openProactiveCase(p.ctx, worker, snapshotId, { serviceCode: SERVICE, personIndex: elsewhere!.person }),
      'forbidden',
    );
    await expectFuwuError(
      openProactiveCase(p.ctx, district, 999, { serviceCode: SERVICE, personIndex: 0 }),
      'not_found',
    );
    expect(await countOf(p.db, `SELECT count(*) AS n FROM cases WHERE origin = 'proactive'`)).toBe(2);
  });
});
