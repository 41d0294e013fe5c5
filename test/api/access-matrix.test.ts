/**
 * The access matrix (issue 7 §1): every operation of the API × every role (and no session) through
 * fastify's inject — a denied role gets 403, no session on a non-public route 401, an allowed role
 * gets past authorization — against an expectation table written from the spec
 * (test/support/access-matrix-fixtures.ts), which must name exactly the operations the server
 * documents. Then scope with real rows: each scoped role inside and outside its district, sector,
 * office or own data.
 */
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { runMatching } from '../../src/app/entitlements/run-matching.ts';
import type { Role } from '../../src/domain/identity/roles.ts';
import { ROLES } from '../../src/domain/identity/roles.ts';
import type { MatrixActor, Operation, Upload } from '../support/access-matrix-fixtures.ts';
import {
  CITY,
  FAR_DISTRICT_PROJECT,
  MATRIX_USERS,
  OPERATIONS,
  OTHER_DISTRICT,
  OTHER_RESIDENT,
  OTHER_SECTOR_PROJECT,
  OTHER_SECTOR_SERVICE,
  OWN_DISTRICT,
  OWN_PROJECT,
  OWN_SECTOR_SERVICE,
  SIGN_IN_USER,
  WORKLIST_SERVICE,
  expectedOutcome,
  multipart,
  passwordOf,
  pngUpload,
} from '../support/access-matrix-fixtures.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  fixedClock,
  openTestPlatform,
} from '../support/test-db.ts';

const WHO: readonly MatrixActor[] = ['anonymous', ...ROLES];

/** The cells in run order: those whose allowed calls change shared data come after all others. */
const entries = Object.entries(OPERATIONS);
const CELLS = [...entries.filter(([, op]) => !op.last), ...entries.filter(([, op]) => op.last)].flatMap(
  ([key, op]) => WHO.map((who) => ({ label: `${who} ${key}`, key, op, who })),
);

describe(`access matrix (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  const sessions = new Map<Role, Session>();
  let bob: Session;

  /** Why a role has no user (its cells then fail saying so, and the other roles' cells still run). */
  const missing = new Map<Role, string>();

  const as = (role: Role): Session => {
    const s = sessions.get(role);
    if (!s) throw new Error(`no ${role} could sign in: ${missing.get(role) ?? 'not created'}`);
    return s;
  };

  function send(
    s: Session | null,
    method: string,
    url: string,
    payload?: unknown,
    upload?: Upload,
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = s ? { cookie: s.cookie, 'x-fuwu-csrf': s.csrf } : {};
    if (upload) {
      const m = multipart(upload);
      headers['content-type'] = m.contentType;
      return app.inject({ method: method as HTTPMethods, url, headers, payload: m.body });
    }
    return app.inject({
      method: method as HTTPMethods,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  const said = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 400)}`;
  /** 403 on the case of another office, 404 where the id is not even confirmed: both keep it out. */
  const refused = (res: LightMyRequestResponse) => expect([403, 404], said(res)).toContain(res.statusCode);

  beforeAll(async () => {
    p = await openTestPlatform({ clock: fixedClock('2025-07-01T02:00:00Z') });
    for (const role of ROLES) {
      if (role === 'admin') continue;
      try {
        await createUserAs(p.ctx, p.admin, { ...MATRIX_USERS[role], role });
      } catch (e) {
        missing.set(role, (e as Error).message);
      }
    }
    await createUserAs(p.ctx, p.admin, { username: OTHER_RESIDENT, role: 'resident' });
    await createUserAs(p.ctx, p.admin, { username: SIGN_IN_USER, role: 'viewer' });
    app = await buildServer(p.ctx);
    for (const role of ROLES)
      if (!missing.has(role))
        sessions.set(role, await signIn(app, MATRIX_USERS[role].username, passwordOf(role)));
    bob = await signIn(app, OTHER_RESIDENT, USER_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  describe('× scope, with real rows', () => {
    const figure = (indicatorCode: string, areaCode: string, year: number, value: number) => ({
      indicatorCode,
      areaCode,
      year,
      value,
      source: '访问矩阵测试',
    });
    const observationsOf = (indicator: string, area: string, year: number) =>
      countOf(
        p.db,
        'SELECT count(*) AS n FROM observations WHERE indicator_code = $1 AND area_code = $2 AND year = $3',
        [indicator, area, year],
      );

    it('a district officer enters figures for their district only; a department officer for their sector only', async () => {
      // H02 is not a health indicator; H13 (beds) is.
      const own = await callAs(
        app,
        as('districtOfficer'),
        'POST',
        '/api/observations',
        figure('H02', OWN_DISTRICT, 2022, 11.7),
      );
      expect(own.statusCode, said(own)).toBe(201);
      for (const area of [OTHER_DISTRICT, CITY]) {
        const other = await callAs(
          app,
          as('districtOfficer'),
          'POST',
          '/api/observations',
          figure('H02', area, 2022, 11.7),
        );
        expect(other.statusCode, said(other)).toBe(403);
        expect(await observationsOf('H02', area, 2022)).toBe(0);
      }
      const sector = await callAs(
        app,
        as('departmentOfficer'),
        'POST',
        '/api/observations',
        figure('H13', OWN_DISTRICT, 2021, 7.4),
      );
      expect(sector.statusCode, said(sector)).toBe(201);
      const otherSector = await callAs(
        app,
        as('departmentOfficer'),
        'POST',
        '/api/observations',
        figure('H02', CITY, 2021, 11.6),
      );
      expect(otherSector.statusCode, said(otherSector)).toBe(403);
      expect(await observationsOf('H02', CITY, 2021)).toBe(0);

      // Corrections and deletions follow the row's scope.
      const ownId = own.json<{ observation: { id: number } }>().observation.id;
      const correct = await callAs(app, as('departmentOfficer'), 'PUT', `/api/observations/${ownId}`, {
        value: 11.8,
        source: '访问矩阵测试',
        reason: '越权更正',
      });
      expect(correct.statusCode, said(correct)).toBe(403);
      const elsewhere = await callAs(
        app,
        as('admin'),
        'POST',
        '/api/observations',
        figure('H02', OTHER_DISTRICT, 2022, 12),
      );
      expect(elsewhere.statusCode, said(elsewhere)).toBe(201);
      const elsewhereId = elsewhere.json<{ observation: { id: number } }>().observation.id;
      const del = await callAs(
        app,
        as('districtOfficer'),
        'DELETE',
        `/api/observations/${elsewhereId}?reason=x`,
      );
      expect(del.statusCode, said(del)).toBe(403);
      const put = await callAs(app, as('districtOfficer'), 'PUT', `/api/observations/${elsewhereId}`, {
        value: 1,
        source: 'x',
        reason: '越权更正',
      });
      expect(put.statusCode, said(put)).toBe(403);
      expect(await observationsOf('H02', OTHER_DISTRICT, 2022)).toBe(1);
    });

    it('facilities: a department officer registers their sector’s types, a district officer in their district', async () => {
      const hospital = {
        name: '访问矩阵医院',
        type: 'hospital',
        lon: 104.08,
        lat: 30.65,
        districtCode: OWN_DISTRICT,
        communityCode: null,
        capacities: { beds: 100 },
        source: '访问矩阵测试',
      };
      const ok = await callAs(app, as('departmentOfficer'), 'POST', '/api/facilities', hospital);
      expect(ok.statusCode, said(ok)).toBe(201);
      const school = await callAs(app, as('departmentOfficer'), 'POST', '/api/facilities', {
        ...hospital,
        type: 'primarySchool',
        capacities: { places: 100 },
      });
      expect(school.statusCode, said(school)).toBe(403);
      const park = { ...hospital, name: '访问矩阵公园', type: 'park', capacities: {} };
      const ownPark = await callAs(app, as('districtOfficer'), 'POST', '/api/facilities', park);
      expect(ownPark.statusCode, said(ownPark)).toBe(201);
      const away = { ...park, districtCode: OTHER_DISTRICT, lon: 104.05 };
      const awayPark = await callAs(app, as('districtOfficer'), 'POST', '/api/facilities', away);
      expect(awayPark.statusCode, said(awayPark)).toBe(403);

      // Another district's facility (made by the admin): the district officer may not change or remove it.
      const theirs = await callAs(app, as('admin'), 'POST', '/api/facilities', away);
      expect(theirs.statusCode, said(theirs)).toBe(201);
      const theirsId = theirs.json<{ id: number }>().id;
      const change = await callAs(app, as('districtOfficer'), 'PUT', `/api/facilities/${theirsId}`, {
        ...away,
        name: '改名',
        reason: '越权修改',
      });
      expect(change.statusCode, said(change)).toBe(403);
      const remove = await callAs(
        app,
        as('districtOfficer'),
        'DELETE',
        `/api/facilities/${theirsId}?reason=x`,
      );
      expect(remove.statusCode, said(remove)).toBe(403);
      // A park is not the health officer's sector, even in a district they may work in.
      const parkId = ownPark.json<{ id: number }>().id;
      const healthOnPark = await callAs(app, as('departmentOfficer'), 'PUT', `/api/facilities/${parkId}`, {
        ...park,
        name: '改名',
        reason: '越权修改',
      });
      expect(healthOnPark.statusCode, said(healthOnPark)).toBe(403);
      expect(await countOf(p.db, "SELECT count(*) AS n FROM facilities WHERE name = '改名'")).toBe(0);
    });

    it('projects: a district officer reports only in their district; a department officer manages only their sector', async () => {
      const report = { percent: 10, text: '访问矩阵测试进展' };
      const own = await callAs(
        app,
        as('districtOfficer'),
        'POST',
        `/api/projects/${OWN_PROJECT}/reports`,
        report,
      );
      expect(own.statusCode, said(own)).toBe(201);
      const far = await callAs(
        app,
        as('districtOfficer'),
        'POST',
        `/api/projects/${FAR_DISTRICT_PROJECT}/reports`,
        report,
      );
      expect(far.statusCode, said(far)).toBe(403);
      const farMilestone = await callAs(
        app,
        as('districtOfficer'),
        'POST',
        `/api/projects/${FAR_DISTRICT_PROJECT}/milestones`,
        {
          name: '越权里程碑',
          plannedDate: '2025-09-01',
        },
      );
      expect(farMilestone.statusCode, said(farMilestone)).toBe(403);

      const culture = (await callAs(app, as('admin'), 'GET', `/api/projects/${OTHER_SECTOR_PROJECT}`)).json<
        Record<string, unknown>
      >();
      const edit = await callAs(
        app,
        as('departmentOfficer'),
        'PUT',
        `/api/projects/${OTHER_SECTOR_PROJECT}`,
        {
          ...culture,
          responsibleUnit: '越权修改',
          reason: '越权修改',
        },
      );
      expect(edit.statusCode, said(edit)).toBe(403);
      const complete = await callAs(
        app,
        as('departmentOfficer'),
        'POST',
        `/api/projects/${OTHER_SECTOR_PROJECT}/complete`,
        {
          completedOn: '2025-06-30',
        },
      );
      expect(complete.statusCode, said(complete)).toBe(403);
      const create = await callAs(app, as('departmentOfficer'), 'POST', '/api/projects', {
        name: '越权学校',
        sector: 'education',
        kind: 'new',
        plannedStart: '2021-01-01',
        plannedEnd: '2025-12-31',
      });
      expect(create.statusCode, said(create)).toBe(403);
      const after = (await callAs(app, as('admin'), 'GET', `/api/projects/${OTHER_SECTOR_PROJECT}`)).json<{
        status: string;
        responsibleUnit: string | null;
      }>();
      expect(after.responsibleUnit).not.toBe('越权修改');
      expect(after.status).not.toBe('completed');
    });

    it('the catalog: a department officer edits their sector’s services, not another’s', async () => {
      const own = await callAs(app, as('departmentOfficer'), 'PUT', `/api/catalog/${OWN_SECTOR_SERVICE}`, {
        fields: { content: '访问矩阵测试：本领域修改' },
        reason: '措辞',
      });
      expect(own.statusCode, said(own)).toBe(200);
      const other = await callAs(
        app,
        as('departmentOfficer'),
        'PUT',
        `/api/catalog/${OTHER_SECTOR_SERVICE}`,
        {
          fields: { content: '越权修改' },
          reason: '越权修改',
        },
      );
      expect(other.statusCode, said(other)).toBe(403);
      const held = (await callAs(app, as('admin'), 'GET', `/api/catalog/${OTHER_SECTOR_SERVICE}`)).json<{
        service: { content: string };
      }>();
      expect(held.service.content).not.toBe('越权修改');
    });

    describe('cases, attachments and notices', () => {
      let mine: string; // the resident's case, at the own office
      let theirs: string; // the other resident's, at the own office, with an attachment
      let theirsElsewhere: string; // the other resident's, at another district's office
      let attachment: string;
      let keyNo = 0;

      async function apply(s: Session, district: string): Promise<{ id: string; revision: number }> {
        const res = await callAs(app, s, 'POST', '/api/applications', {
          serviceCode: 'S-1-04',
          facts: { 'person.residenceDistrict': district },
          idempotencyKey: `access-matrix-${++keyNo}`,
        });
        expect(res.statusCode, said(res)).toBe(201);
        return res.json<{ case: { id: string; revision: number } }>().case;
      }
      const revisionOf = async (id: string) =>
        (await p.db.query<{ revision: number }>('SELECT revision FROM cases WHERE id = $1', [id])).rows[0]!
          .revision;

      beforeAll(async () => {
        mine = (await apply(as('resident'), OWN_DISTRICT)).id;
        theirs = (await apply(bob, OWN_DISTRICT)).id;
        theirsElsewhere = (await apply(bob, OTHER_DISTRICT)).id;
        const up = await send(bob, 'POST', `/api/cases/${theirs}/attachments`, undefined, pngUpload());
        expect(up.statusCode, said(up)).toBe(201);
        attachment = up.json<{ id: string }>().id;
      });

      it('office staff read and act on their office’s cases, not another office’s', async () => {
        for (const role of ['caseWorker', 'supervisor'] as const) {
          const ok = await callAs(app, as(role), 'GET', `/api/cases/${mine}`);
          expect(ok.statusCode, said(ok)).toBe(200);
          refused(await callAs(app, as(role), 'GET', `/api/cases/${theirsElsewhere}`));
          refused(await callAs(app, as(role), 'GET', `/api/cases/${theirsElsewhere}/attachments`));
        }
        const queue = await callAs(app, as('caseWorker'), 'GET', '/api/cases');
        expect(queue.statusCode, said(queue)).toBe(200);
        const ids = queue.json<Array<{ id: string }>>().map((c) => c.id);
        expect(ids).toEqual(expect.arrayContaining([mine, theirs]));
        expect(ids).not.toContain(theirsElsewhere);

        const before = await revisionOf(theirsElsewhere);
        refused(
          await callAs(app, as('caseWorker'), 'POST', `/api/cases/${theirsElsewhere}/actions/notAccept`, {
            reason: '越权不予受理',
            expectedRevision: before,
          }),
        );
        refused(
          await callAs(app, as('caseWorker'), 'POST', `/api/cases/${theirsElsewhere}/reassign`, {
            officeCode: `O-${OWN_DISTRICT}`,
            reason: '越权转办',
            expectedRevision: before,
          }),
        );
        refused(
          await send(
            as('caseWorker'),
            'POST',
            `/api/cases/${theirsElsewhere}/attachments`,
            undefined,
            pngUpload('x.png'),
          ),
        );
        expect(await revisionOf(theirsElsewhere)).toBe(before);
        expect(
          await countOf(p.db, 'SELECT count(*) AS n FROM case_attachments WHERE case_id = $1', [
            theirsElsewhere,
          ]),
        ).toBe(0);
      });

      it('a resident reaches their own case, and another resident’s is an unknown id', async () => {
        const own = await callAs(app, as('resident'), 'GET', `/api/cases/${mine}`);
        expect(own.statusCode, said(own)).toBe(200);
        const notFound = (res: LightMyRequestResponse) => expect(res.statusCode, said(res)).toBe(404);
        notFound(await callAs(app, as('resident'), 'GET', `/api/cases/${theirs}`));
        notFound(await callAs(app, as('resident'), 'GET', `/api/cases/${theirs}/attachments`));
        notFound(await callAs(app, as('resident'), 'GET', `/api/cases/${theirs}/attachments/${attachment}`));
        const before = await revisionOf(theirs);
        notFound(
          await callAs(app, as('resident'), 'POST', `/api/cases/${theirs}/actions/withdraw`, {
            reason: '越权撤回',
            expectedRevision: before,
          }),
        );
        notFound(
          await send(
            as('resident'),
            'POST',
            `/api/cases/${theirs}/attachments`,
            undefined,
            pngUpload('y.png'),
          ),
        );
        expect(await revisionOf(theirs)).toBe(before);
        expect(
          await countOf(p.db, 'SELECT count(*) AS n FROM case_attachments WHERE case_id = $1', [theirs]),
        ).toBe(1);
        const list = await callAs(app, as('resident'), 'GET', '/api/my/cases');
        expect(list.json<Array<{ id: string }>>().map((c) => c.id)).toEqual([mine]);
        // The owner does download it: the 404 above is about whose it is.
        const download = await callAs(app, bob, 'GET', `/api/cases/${theirs}/attachments/${attachment}`);
        expect(download.statusCode, said(download)).toBe(200);
      });

      it('a resident cannot see or mark another resident’s notices', async () => {
        // The office's own staff act on its case (the step that asks something is a notice to bob).
        const accept = await callAs(app, as('caseWorker'), 'POST', `/api/cases/${theirs}/actions/accept`, {
          expectedRevision: await revisionOf(theirs),
        });
        expect(accept.statusCode, said(accept)).toBe(200);
        const ask = await callAs(
          app,
          as('caseWorker'),
          'POST',
          `/api/cases/${theirs}/actions/requestSupplement`,
          {
            reason: '请补充户口簿',
            expectedRevision: await revisionOf(theirs),
          },
        );
        expect(ask.statusCode, said(ask)).toBe(200);
        const inbox = (await callAs(app, bob, 'GET', '/api/my/notices')).json<{
          notices: Array<{ id: number }>;
        }>();
        expect(inbox.notices).toHaveLength(1);
        const id = inbox.notices[0]!.id;
        const mark = await callAs(app, as('resident'), 'POST', `/api/my/notices/${id}/read`);
        expect(mark.statusCode, said(mark)).toBe(404);
        const aliceInbox = (await callAs(app, as('resident'), 'GET', '/api/my/notices')).json<{
          notices: Array<{ id: number }>;
        }>();
        expect(aliceInbox.notices.map((n) => n.id)).not.toContain(id);
        expect(
          await countOf(p.db, 'SELECT count(*) AS n FROM notices WHERE id = $1 AND read_at IS NULL', [id]),
        ).toBe(1);
      });
    });

    describe('work lists of proactive matching', () => {
      let snapshotId: number;
      let farPerson: number; // on the list, in another district
      const base = () => `/api/entitlements/matching/snapshots/${snapshotId}`;

      beforeAll(async () => {
        snapshotId = (await runMatching(p.ctx, p.admin, { date: '2025-06-30', seed: 7, size: 3000 }))
          .snapshotId;
        const rows = await p.db.query<{ person: number }>(
          `SELECT person_index AS person FROM entitlement_worklist_items
           WHERE snapshot_id = $1 AND service_code = $2 AND kind = 'gap' AND district_code = $3
           ORDER BY person_index LIMIT 1`,
          [snapshotId, WORKLIST_SERVICE, OTHER_DISTRICT],
        );
        expect(rows.rows).toHaveLength(1);
        farPerson = rows.rows[0]!.person;
      }, 120_000);

      /** Out of scope: refused, or answered with nothing. */
      const emptyOrRefused = (res: LightMyRequestResponse) => {
        if (res.statusCode === 403) return;
        expect(res.statusCode, said(res)).toBe(200);
        expect(res.json<{ total: number }>().total, said(res)).toBe(0);
      };

      it('a district officer sees only their district; a department officer only their sector’s services', async () => {
        const own = await callAs(app, as('districtOfficer'), 'GET', `${base()}/items?limit=500`);
        expect(own.statusCode, said(own)).toBe(200);
        const page = own.json<{ total: number; items: Array<{ districtCode: string }> }>();
        expect(page.total).toBeGreaterThan(0);
        expect(new Set(page.items.map((i) => i.districtCode))).toEqual(new Set([OWN_DISTRICT]));
        emptyOrRefused(
          await callAs(app, as('districtOfficer'), 'GET', `${base()}/items?district=${OTHER_DISTRICT}`),
        );
        emptyOrRefused(
          await callAs(app, as('departmentOfficer'), 'GET', `${base()}/items?service=${WORKLIST_SERVICE}`),
        );
      });

      it('a district officer may not read, notify or open a case for a person of another district', async () => {
        const trace = await callAs(
          app,
          as('districtOfficer'),
          'GET',
          `${base()}/people/${farPerson}?purpose=${encodeURIComponent('越权查看')}`,
        );
        expect(trace.statusCode, said(trace)).toBe(403);
        const body = { serviceCode: WORKLIST_SERVICE, personIndex: farPerson };
        const notice = await callAs(app, as('districtOfficer'), 'POST', `${base()}/worklist/notices`, body);
        expect(notice.statusCode, said(notice)).toBe(403);
        const open = await callAs(app, as('districtOfficer'), 'POST', `${base()}/worklist/cases`, body);
        expect(open.statusCode, said(open)).toBe(403);
        expect(
          await countOf(p.db, 'SELECT count(*) AS n FROM notices WHERE snapshot_id = $1', [snapshotId]),
        ).toBe(0);
        expect(await countOf(p.db, "SELECT count(*) AS n FROM cases WHERE origin = 'proactive'")).toBe(0);
      });
    });
  });

  it('the table names exactly the operations the server documents', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths)
      .filter(([path]) => !path.startsWith('/api/docs'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const tabled = Object.keys(OPERATIONS);
    // Joined into one string so that every missing operation is named in the failure.
    expect(
      served.filter((op) => !tabled.includes(op)).join('\n'),
      'operations the server has but the expectation table lacks',
    ).toBe('');
    expect(
      tabled.filter((op) => !served.includes(op)).join('\n'),
      'operations in the table the server does not have',
    ).toBe('');
  });

  describe('route × role', () => {
    async function call(key: string, op: Operation, who: MatrixActor): Promise<LightMyRequestResponse> {
      const [method, path] = key.split(' ') as [string, string];
      let s: Session | null = who === 'anonymous' ? null : as(who);
      // Signing out or changing the password must not end the session the other cells use.
      if (op.ownSession && who !== 'anonymous')
        s = await signIn(app, MATRIX_USERS[who].username, passwordOf(who));
      const body = op.bodyFor ? op.bodyFor(who) : op.body;
      return send(s, method, op.url ?? path, body, op.upload);
    }

    it.each(CELLS)('$label', async ({ key, op, who }) => {
      const res = await call(key, op, who);
      switch (expectedOutcome(op.access, who)) {
        case 'unauthenticated':
          expect(res.statusCode, said(res)).toBe(401);
          break;
        case 'forbidden':
          expect(res.statusCode, said(res)).toBe(403);
          expect(res.json<{ code: string }>().code).toBe('forbidden');
          break;
        case 'passes':
          expect([401, 403], said(res)).not.toContain(res.statusCode);
          // A server error would hide whether authorization passed.
          expect(res.statusCode, said(res)).toBeLessThan(500);
          break;
      }
    });
  });
});
