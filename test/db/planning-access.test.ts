/**
 * Access to the planning use cases, decided in the use-case layer (issue 7 §1): for each permission of
 * the planning and administration sections, a representative use case lets the roles that should pass
 * and refuses the others with `forbidden`, before it reads its input or any row; then the scopes of the
 * writers on real rows (district, sector) for figures, facilities and projects. The expectations are
 * written from the roles' jobs (DESIGN.md, "Who uses it"), not read from permissions.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/app/admin/list-audit.ts';
import { createUser, listUsers } from '../../src/app/identity/users.ts';
import { listJobs } from '../../src/app/jobs/jobs.ts';
import { getBoard } from '../../src/app/plan/get-board.ts';
import { deleteObservation } from '../../src/app/plan/delete-observation.ts';
import { importObservations } from '../../src/app/plan/import-observations.ts';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import { recordObservation } from '../../src/app/plan/record-observation.ts';
import { removeSampleData } from '../../src/app/plan/sample-data.ts';
import { addProgressReport, createProject, getProject } from '../../src/app/projects/projects.ts';
import { linkResidentPerson } from '../../src/app/residents/link-person.ts';
import { createFacility, updateFacility } from '../../src/app/resources/facilities.ts';
import { importResidentialPoints } from '../../src/app/resources/import-residential-points.ts';
import { startAccessRun } from '../../src/app/resources/start-access-run.ts';
import { startNetworkImport } from '../../src/app/resources/start-network-import.ts';
import { createScenario } from '../../src/app/scenarios/scenarios.ts';
import { startSiting } from '../../src/app/siting/start-siting.ts';
import type { Actor, Role } from '../../src/domain/identity/roles.ts';
import type { ErrorCode } from '../../src/domain/shared/errors.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { createUserAs, engineName, expectFuwuError, openTestPlatform } from '../support/test-db.ts';

const JINJIANG = '510104';
const QINGYANG = '510105';
const CITY = '510100';

/** The test's users: one per role, the writers with a scope (a health officer, 锦江区's officer). */
type Who = Role;

const obs = (indicatorCode: string, areaCode: string, year: number, value: number) => ({
  indicatorCode,
  areaCode,
  year,
  value,
  source: '成都市统计年鉴',
  reason: '测试 test',
});

const hospital = {
  name: '锦江区某社区卫生服务中心',
  type: 'hospital',
  lon: 104.08,
  lat: 30.65,
  districtCode: JINJIANG,
  capacities: { beds: 30 },
  source: '区卫健局',
};

const project = (sector: string, districtCode: string) => ({
  name: `测试项目 ${sector} ${districtCode}`,
  sector,
  kind: 'new',
  districtCode,
  plannedStart: '2022-01-01',
  plannedEnd: '2025-06-30',
});

/** A CSV with no rows: an authorized import stops at it, rejected, and writes nothing. */
const HEADER_ONLY = 'indicator_code,area_code,year,value,source\n';

/** A file the use case must never open when it refuses the actor. */
function untouchedFile(opened: { count: number }) {
  return async () => {
    opened.count += 1;
    return { name: 'x.csv', bytes: new TextEncoder().encode(HEADER_ONLY) };
  };
}

describe(`planning access in the use cases (${engineName()})`, () => {
  let p: TestPlatform;
  const as = {} as Record<Who, Actor>;
  let jinjiangProject: string;

  beforeAll(async () => {
    p = await openTestPlatform();
    as.admin = p.admin;
    const make = (username: string, role: Role, scope: Record<string, string> = {}) =>
      createUserAs(p.ctx, p.admin, { username, role, ...scope });
    as.planner = await make('planner1', 'planner');
    as.viewer = await make('viewer1', 'viewer');
    as.auditor = await make('auditor1', 'auditor');
    as.resident = await make('resident1', 'resident');
    as.caseWorker = await make('worker1', 'caseWorker', { officeCode: `O-${JINJIANG}` });
    as.supervisor = await make('super1', 'supervisor', { officeCode: `O-${JINJIANG}` });
    as.departmentOfficer = await make('health1', 'departmentOfficer', { sector: 'health' });
    as.districtOfficer = await make('jinjiang1', 'districtOfficer', { districtCode: JINJIANG });
    jinjiangProject = (await createProject(p.ctx, p.admin, project('childcare', JINJIANG))).code;
  });
  afterAll(async () => {
    await p?.close();
  });

  /**
   * Per permission: a representative use case with inputs for the allowed roles; `allowedError` when
   * an allowed role is meant to get past authorization and stop at its input (no heavy job started).
   */
  const cases: Array<{
    permission: string;
    allowed: Who[];
    denied: Who[];
    run: (actor: Actor) => Promise<unknown>;
    allowedError?: ErrorCode;
  }> = [
    {
      permission: 'plan.read',
      allowed: ['admin', 'planner', 'departmentOfficer', 'districtOfficer', 'viewer'],
      denied: ['resident', 'caseWorker', 'supervisor', 'auditor'],
      run: (a) => getBoard(p.ctx, a, { year: 2022 }),
    },
    {
      permission: 'figures.write',
      allowed: ['admin', 'planner'],
      denied: ['viewer', 'resident', 'caseWorker', 'supervisor', 'auditor'],
      run: (a) => recordObservation(p.ctx, a, obs('H13', CITY, 2022, 7.5)),
    },
    {
      permission: 'facilities.write',
      allowed: ['admin', 'planner'],
      denied: ['viewer', 'resident', 'caseWorker', 'supervisor', 'auditor'],
      run: (a) => createFacility(p.ctx, a, { ...hospital, name: `${hospital.name} ${a.username}` }),
    },
    {
      permission: 'projects.manage',
      allowed: ['admin', 'planner'],
      denied: ['districtOfficer', 'viewer', 'resident', 'caseWorker', 'supervisor', 'auditor'],
      run: (a) => createProject(p.ctx, a, project('childcare', JINJIANG)),
    },
    {
      permission: 'projects.report',
      allowed: ['admin', 'planner', 'districtOfficer'],
      denied: ['viewer', 'resident', 'caseWorker', 'supervisor', 'auditor'],
      run: (a) => addProgressReport(p.ctx, a, jinjiangProject, { percent: 0, text: `${a.username} 报告` }),
    },
    {
      permission: 'residentialPoints.import',
      allowed: ['admin', 'planner', 'districtOfficer'],
      denied: ['departmentOfficer', 'viewer', 'resident', 'caseWorker', 'supervisor', 'auditor'],
      // A file of no rows: past authorization, rejected, nothing written.
      run: (a) =>
        importResidentialPoints(p.ctx, a, {
          name: 'empty.csv',
          bytes: new TextEncoder().encode('id,lon,lat\n'),
        }),
      allowedError: 'import_rejected',
    },
    {
      permission: 'scenarios.write',
      allowed: ['admin', 'planner'],
      denied: ['departmentOfficer', 'districtOfficer', 'viewer', 'resident', 'caseWorker', 'auditor'],
      run: (a) => createScenario(p.ctx, a, { name: `情景 ${a.username}` }),
    },
    {
      permission: 'siting.run',
      allowed: ['admin', 'planner'],
      denied: ['departmentOfficer', 'districtOfficer', 'viewer', 'resident', 'caseWorker', 'auditor'],
      run: (a) => startSiting(p.ctx, a, { type: 'nope', k: 1, candidates: 'grid' }),
      allowedError: 'invalid_input',
    },
    {
      permission: 'accessRuns.start',
      allowed: ['admin', 'planner'],
      denied: ['departmentOfficer', 'districtOfficer', 'viewer', 'resident', 'supervisor', 'auditor'],
      run: (a) => startAccessRun(p.ctx, a, { types: ['nope'] }),
      allowedError: 'invalid_input',
    },
    {
      permission: 'network.import',
      allowed: ['admin'],
      denied: ['planner', 'departmentOfficer', 'viewer', 'resident', 'caseWorker', 'auditor'],
      // The test platform has no network folder: the admin gets that far, and no further.
      run: (a) => startNetworkImport(p.ctx, a, { name: 'x.osm', content: new Uint8Array() }),
      allowedError: 'invalid_input',
    },
    {
      permission: 'jobs.read',
      allowed: ['admin', 'planner', 'departmentOfficer', 'districtOfficer', 'viewer'],
      denied: ['resident', 'caseWorker', 'supervisor', 'auditor'],
      run: (a) => listJobs(p.ctx, a),
    },
    {
      permission: 'users.manage',
      allowed: ['admin'],
      denied: ['planner', 'viewer', 'departmentOfficer', 'resident', 'supervisor', 'auditor'],
      run: (a) => listUsers(p.ctx, a),
    },
    {
      permission: 'pack.load',
      allowed: ['admin'],
      denied: ['planner', 'viewer', 'resident', 'auditor'],
      run: (a) => loadPack(p.ctx, a, '/nonexistent/fuwu-pack'),
      allowedError: 'pack_invalid',
    },
    {
      permission: 'sampleData.manage',
      allowed: ['admin'],
      denied: ['planner', 'viewer', 'resident', 'caseWorker', 'auditor'],
      run: (a) => removeSampleData(p.ctx, a),
    },
    {
      permission: 'audit.read',
      allowed: ['admin', 'auditor'],
      denied: [
        'planner',
        'viewer',
        'departmentOfficer',
        'districtOfficer',
        'resident',
        'caseWorker',
        'supervisor',
      ],
      run: (a) => listAudit(p.ctx, a, 10),
    },
    {
      permission: 'residents.linkPerson',
      allowed: ['admin'],
      denied: ['planner', 'resident', 'supervisor', 'auditor'],
      run: (a) => linkResidentPerson(p.ctx, a, 999_999, {}),
      allowedError: 'not_found',
    },
  ];

  describe.each(cases)('$permission', (c) => {
    it.each(c.allowed)('lets %s through', async (who) => {
      const outcome = await c.run(as[who]).then(
        () => null,
        (e: unknown) => e,
      );
      if (c.allowedError) {
        expect(outcome, `${who} should stop at its input`).toBeInstanceOf(FuwuError);
        expect((outcome as FuwuError).code, (outcome as FuwuError).message).toBe(c.allowedError);
      } else {
        expect(outcome, `${who}: ${outcome instanceof Error ? outcome.message : ''}`).toBeNull();
      }
    });
    it.each(c.denied)('refuses %s', async (who) => {
      await expectFuwuError(c.run(as[who]), 'forbidden');
    });
  });

  it('refuses before reading the input or looking up a row: no 400 or 404 for a role without the permission', async () => {
    await expectFuwuError(recordObservation(p.ctx, as.viewer, {} as never), 'forbidden');
    await expectFuwuError(deleteObservation(p.ctx, as.auditor, 999_999, null), 'forbidden');
    await expectFuwuError(updateFacility(p.ctx, as.caseWorker, 999_999, {}, null), 'forbidden');
    await expectFuwuError(getProject(p.ctx, as.resident, 'NO-SUCH'), 'forbidden');
    const opened = { count: 0 };
    await expectFuwuError(importObservations(p.ctx, as.viewer, untouchedFile(opened)), 'forbidden');
    await expectFuwuError(
      importResidentialPoints(p.ctx, as.departmentOfficer, untouchedFile(opened)),
      'forbidden',
    );
    await expectFuwuError(
      startNetworkImport(p.ctx, as.planner, async () => {
        opened.count += 1;
        return { name: 'x.osm', content: new Uint8Array() };
      }),
      'forbidden',
    );
    expect(opened.count).toBe(0);
    // The same calls by a role with the permission do reach the input.
    await expectFuwuError(recordObservation(p.ctx, as.planner, {} as never), 'invalid_input');
    await expectFuwuError(deleteObservation(p.ctx, as.planner, 999_999, null), 'not_found');
    await expectFuwuError(getProject(p.ctx, as.viewer, 'NO-SUCH'), 'not_found');
    await expectFuwuError(importObservations(p.ctx, as.planner, untouchedFile(opened)), 'import_rejected');
    expect(opened.count).toBe(1);
  });

  it('holds a district officer to their district and a department officer to their sector: figures', async () => {
    const own = await recordObservation(p.ctx, as.districtOfficer, obs('H02', JINJIANG, 2022, 11.7));
    expect(own.observation).toMatchObject({ areaCode: JINJIANG, updatedBy: 'jinjiang1' });
    await expectFuwuError(
      recordObservation(p.ctx, as.districtOfficer, obs('H02', QINGYANG, 2022, 11.7)),
      'forbidden',
    );
    const health = await recordObservation(p.ctx, as.departmentOfficer, obs('H13', QINGYANG, 2022, 7.1));
    expect(health.observation).toMatchObject({ indicatorCode: 'H13', updatedBy: 'health1' });
    await expectFuwuError(
      recordObservation(p.ctx, as.departmentOfficer, obs('H02', QINGYANG, 2022, 11.6)),
      'forbidden',
    );
  });

  it('holds the writers to their scope: facilities', async () => {
    await createFacility(p.ctx, as.districtOfficer, { ...hospital, type: 'park', name: '锦江公园' });
    await expectFuwuError(
      createFacility(p.ctx, as.districtOfficer, {
        ...hospital,
        name: '青羊某院',
        districtCode: QINGYANG,
        lon: 104.05,
      }),
      'forbidden',
    );
    await createFacility(p.ctx, as.departmentOfficer, { ...hospital, name: '卫健委登记的医院' });
    await expectFuwuError(
      createFacility(p.ctx, as.departmentOfficer, { ...hospital, type: 'primarySchool', name: '小学' }),
      'forbidden',
    );
  });

  it('holds the writers to their scope: projects', async () => {
    const ownSector = await createProject(p.ctx, as.departmentOfficer, project('health', QINGYANG));
    expect(ownSector.sector).toBe('health');
    await expectFuwuError(
      createProject(p.ctx, as.departmentOfficer, project('education', QINGYANG)),
      'forbidden',
    );
    // 锦江区's officer reports on 锦江区's project, not on 青羊区's.
    const report = await addProgressReport(p.ctx, as.districtOfficer, jinjiangProject, {
      percent: 10,
      text: '开工',
    });
    expect(report.percent).toBe(10);
    await expectFuwuError(
      addProgressReport(p.ctx, as.districtOfficer, ownSector.code, { percent: 5, text: '越权' }),
      'forbidden',
    );
  });

  it('creates an auditor with no scope, who then reads the audit log and nothing of the plan', async () => {
    const view = await createUser(p.ctx, p.admin, {
      username: 'auditor2',
      displayName: '审计员',
      password: 'auditor-password-1',
      role: 'auditor',
    });
    expect(view).toMatchObject({ role: 'auditor', sector: null, districtCode: null, officeCode: null });
    const auditor: Actor = { ...view, sector: null, districtCode: null };
    const log = await listAudit(p.ctx, auditor, 5);
    expect(log[0]).toMatchObject({ action: 'user.create', entityId: String(view.id) });
    await expectFuwuError(getBoard(p.ctx, auditor, {}), 'forbidden');
  });
});
