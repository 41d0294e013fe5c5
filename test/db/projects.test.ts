/**
 * Major projects on the real database: the pack's projects loaded with the plan's words, a reload of
 * an edited pack keeping the previous entry, entry and edits with revisions and audit, milestones
 * overdue by the fixed clock, permissions, and completion turning a project into facilities that move
 * a registry-computed indicator and the projection.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import { getProjection } from '../../src/app/projects/projection.ts';
import {
  addMilestone,
  addProgressReport,
  completeProject,
  createProject,
  getProject,
  listProjects,
  updateMilestone,
  updateProject,
} from '../../src/app/projects/projects.ts';
import { getRegistryIndicator } from '../../src/app/resources/get-registry-indicators.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import { DEFAULT_PACK_DIR } from '../../src/store/pack/pack-loader.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { FixedClock, TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  countOf,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
} from '../support/test-db.ts';

const PLAN = readFileSync(join(DEFAULT_PACK_DIR, 'source', 'plan-text.txt'), 'utf8').replace(/\s+/g, '');
const projectsFile = (): Array<Record<string, unknown>> =>
  parse(readFileSync(join(DEFAULT_PACK_DIR, 'projects.yaml'), 'utf8')) as Array<Record<string, unknown>>;

describe(`major projects (${engineName()})`, () => {
  let p: TestPlatform;
  let clock: FixedClock;
  let app: FastifyInstance;
  let admin: Session;
  let health: Actor; // department officer, sector health
  let jinjiang: Actor; // district officer of 510104
  let viewer: Actor;
  const tmp = mkdtempSync(join(tmpdir(), 'fuwu-projects-'));

  beforeAll(async () => {
    clock = fixedClock('2023-06-15T04:00:00Z');
    const opened = await openTestPlatformWith({
      clock,
      users: {
        health: { username: 'wjw', role: 'departmentOfficer', sector: 'health' },
        jinjiang: { role: 'districtOfficer', districtCode: '510104' },
        viewer: { username: 'view', role: 'viewer' },
      },
    });
    p = opened;
    ({ health, jinjiang, viewer } = opened.users);
    app = await buildServer(p.ctx);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('loads every project of the pack file, each with words found in the plan', async () => {
    const file = projectsFile();
    expect(file.length).toBeGreaterThanOrEqual(70);
    expect(await countOf(p.db, "SELECT count(*) AS n FROM projects WHERE origin = 'pack'")).toBe(file.length);
    const all = await listProjects(p.ctx, SYSTEM_ACTOR);
    expect(all.map((x) => x.code)).toEqual(file.map((x) => x.code));
    for (const x of all) {
      expect(PLAN, x.code).toContain((x.sourceText ?? '').replace(/\s+/g, ''));
      expect(x.status).toBe('planned');
    }
    const dongan = all.find((x) => x.name === '东安湖体育公园');
    expect(dongan).toMatchObject({
      sector: 'sports',
      column: 11,
      districtCode: '510112',
      facilityType: 'sportsVenue',
    });
    const places = all.find((x) => x.code === 'P02-01');
    expect(places?.capacities).toEqual({ places: 101000 });
    // Every column 2–13 has at least one project.
    expect(new Set(all.map((x) => x.column))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
  });

  it('reloading an edited pack changes the one project and keeps its previous entry', async () => {
    const dir = join(tmp, 'edited');
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const file = projectsFile();
    const entry = file.find((x) => x.code === 'P05-21') as Record<string, unknown>;
    entry.plannedEnd = '2024-12-31';
    writeFileSync(join(dir, 'projects.yaml'), stringify(file));
    const r = await loadPack(p.ctx, p.admin, dir);
    expect(r.projects).toEqual({ added: 0, updated: 1, removed: 0 });
    const detail = await getProject(p.ctx, SYSTEM_ACTOR, 'P05-21');
    expect(detail.plannedEnd).toBe('2024-12-31');
    expect(detail.history).toHaveLength(2);
    expect(detail.history[1]?.previous).toMatchObject({ plannedEnd: '2025-12-31' });
    const back = await loadPack(p.ctx, p.admin, DEFAULT_PACK_DIR);
    expect(back.projects).toEqual({ added: 0, updated: 1, removed: 0 });
    const again = await loadPack(p.ctx, p.admin, DEFAULT_PACK_DIR);
    expect(again.projects).toEqual({ added: 0, updated: 0, removed: 0 });

    // A project dropped from the pack goes (nothing refers to it), with its last content kept.
    const dropped = join(tmp, 'dropped');
    cpSync(DEFAULT_PACK_DIR, dropped, { recursive: true });
    writeFileSync(
      join(dropped, 'projects.yaml'),
      stringify(projectsFile().filter((x) => x.code !== 'P13-03')),
    );
    expect((await loadPack(p.ctx, p.admin, dropped)).projects).toEqual({ added: 0, updated: 0, removed: 1 });
    expect(await countOf(p.db, "SELECT count(*) AS n FROM projects WHERE code = 'P13-03'")).toBe(0);
    const gone = await p.db.query<{ previous: { name: string }; current: unknown }>(
      "SELECT previous, current FROM revisions WHERE table_name = 'projects' AND row_key = 'P13-03' ORDER BY id DESC LIMIT 1",
    );
    expect(gone.rows[0]).toMatchObject({
      previous: { name: '不低于200个社区党群服务中心亲民化改造' },
      current: null,
    });
    expect((await loadPack(p.ctx, p.admin, DEFAULT_PACK_DIR)).projects).toEqual({
      added: 1,
      updated: 0,
      removed: 0,
    });
    // Added back, it continues its history: revisions 1 (added), 2 (removed), 3 (added again).
    const back3 = await getProject(p.ctx, SYSTEM_ACTOR, 'P13-03');
    expect(back3.revision).toBe(3);
    expect(back3.history.map((h) => h.revision)).toEqual([1, 2, 3]);
  });

  it('a pack reload replaces the planned fields but keeps the location a planner gave', async () => {
    const held = await getProject(p.ctx, SYSTEM_ACTOR, 'P05-15');
    const placed = await updateProject(
      p.ctx,
      p.admin,
      'P05-15',
      { ...held, location: { lon: 104.04, lat: 30.71 } },
      '定位',
    );
    expect(placed.location).toEqual({ lon: 104.04, lat: 30.71 });
    const dir = join(tmp, 'edited-located');
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const file = projectsFile();
    (file.find((x) => x.code === 'P05-15') as Record<string, unknown>).plannedEnd = '2024-06-30';
    writeFileSync(join(dir, 'projects.yaml'), stringify(file));
    expect((await loadPack(p.ctx, p.admin, dir)).projects).toEqual({ added: 0, updated: 1, removed: 0 });
    const reloaded = await getProject(p.ctx, SYSTEM_ACTOR, 'P05-15');
    expect(reloaded.plannedEnd).toBe('2024-06-30');
    expect(reloaded.location).toEqual({ lon: 104.04, lat: 30.71 });
    expect(reloaded.history.at(-1)?.current).toMatchObject({ location: { lon: 104.04, lat: 30.71 } });
    await loadPack(p.ctx, p.admin, DEFAULT_PACK_DIR);
    expect((await getProject(p.ctx, SYSTEM_ACTOR, 'P05-15')).location).toEqual({ lon: 104.04, lat: 30.71 });
  });

  it('adds and edits a project with revisions and audit, and names wrong fields', async () => {
    const e = await expectFuwuError(
      createProject(p.ctx, p.admin, {
        name: '',
        sector: 'nope',
        kind: 'new',
        plannedStart: '2021-01-01',
        plannedEnd: '2020-01-01',
      }),
      'invalid_input',
    );
    expect(fieldsOf(e)).toEqual(expect.arrayContaining(['name', 'sector', 'plannedEnd']));
    const created = await createProject(p.ctx, p.admin, {
      name: '锦江区托育综合服务中心',
      sector: 'childcare',
      kind: 'new',
      districtCode: '510104',
      facilityType: 'childcare',
      capacities: { places: 2000 },
      plannedStart: '2022-01-01',
      plannedEnd: '2024-06-30',
      indicators: ['H06'],
    });
    expect(created.code).toBe('U-001');
    expect(created.origin).toBe('user');
    await expectFuwuError(
      updateProject(p.ctx, p.admin, 'U-001', { ...created, name: '新名' }, ''),
      'invalid_input',
    );
    const updated = await updateProject(
      p.ctx,
      p.admin,
      'U-001',
      { ...created, capacities: { places: 2400 } },
      '设计调整',
    );
    expect(updated.capacities).toEqual({ places: 2400 });
    expect(updated.revision).toBe(2);
    expect(updated.history.map((h) => h.reason)).toEqual(['entered', '设计调整']);
    expect(updated.history[1]?.previous).toMatchObject({ capacities: { places: 2000 } });
    expect(
      await countOf(
        p.db,
        "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'project.%' AND entity_id = 'U-001'",
      ),
    ).toBe(2);
  });

  it('flags a milestone overdue by the clock, not when done or not yet due', async () => {
    await addMilestone(p.ctx, p.admin, 'U-001', { name: '主体封顶', plannedDate: '2023-06-14' });
    await addMilestone(p.ctx, p.admin, 'U-001', { name: '竣工验收', plannedDate: '2023-06-15' });
    let d = await getProject(p.ctx, SYSTEM_ACTOR, 'U-001');
    expect(d.today).toBe('2023-06-15');
    expect(d.milestones.map((m) => [m.name, m.overdue])).toEqual([
      ['主体封顶', true],
      ['竣工验收', false],
    ]);
    expect(d.overdue).toBe(true);
    expect((await listProjects(p.ctx, SYSTEM_ACTOR, { overdue: true })).map((x) => x.code)).toContain(
      'U-001',
    );
    clock.set('2023-06-16T04:00:00Z');
    d = await getProject(p.ctx, SYSTEM_ACTOR, 'U-001');
    expect(d.milestones.every((m) => m.overdue)).toBe(true);
    const first = d.milestones[0]!;
    d = await updateMilestone(p.ctx, p.admin, 'U-001', first.id, { doneDate: '2023-06-16' }, undefined);
    expect(d.milestones.map((m) => m.overdue)).toEqual([false, true]);
    expect(d.history.some((h) => h.tableName === 'project_milestones' && h.reason === 'marked done')).toBe(
      true,
    );
    clock.set('2023-06-15T04:00:00Z');
  });

  it('lets a department officer manage only the sector, a district officer only report in the district', async () => {
    const u = await getProject(p.ctx, SYSTEM_ACTOR, 'U-001');
    await expectFuwuError(updateProject(p.ctx, health, 'U-001', { ...u }, '试图修改'), 'forbidden');
    await expectFuwuError(addProgressReport(p.ctx, viewer, 'U-001', { percent: 10, text: 'x' }), 'forbidden');
    await expectFuwuError(
      addProgressReport(p.ctx, jinjiang, 'P05-26', { percent: 10, text: 'x' }),
      'forbidden',
    );
    const reported = await addProgressReport(p.ctx, jinjiang, 'U-001', { percent: 40, text: '主体施工中' });
    expect(reported.percent).toBe(40);
    expect(reported.status).toBe('underway');
    await expectFuwuError(completeProject(p.ctx, jinjiang, 'U-001', { facilities: [] }), 'forbidden');
    const h = await getProject(p.ctx, SYSTEM_ACTOR, 'P05-26');
    const ok = await updateProject(
      p.ctx,
      health,
      'P05-26',
      { ...h, responsibleUnit: '龙泉驿区卫健局' },
      '明确责任单位',
    );
    expect(ok.responsibleUnit).toBe('龙泉驿区卫健局');
    await expectFuwuError(
      createProject(p.ctx, health, {
        name: '学校',
        sector: 'education',
        kind: 'new',
        plannedStart: '2021-01-01',
        plannedEnd: '2025-12-31',
      }),
      'forbidden',
    );
  });

  it('completion creates the facility, links it, and moves the registry indicator and the projection', async () => {
    const before = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H06');
    const jjBefore = before.byDistrict.find((d) => d.areaCode === '510104')!;
    const projBefore = await getProjection(p.ctx, SYSTEM_ACTOR);
    const h06 = projBefore.indicators.find((i) => i.indicatorCode === 'H06')!;
    const jjProj = h06.byDistrict.find((d) => d.areaCode === '510104')!;
    expect(jjProj.projects).toEqual(['U-001']);
    expect(jjProj.projected! - jjProj.current!).toBeCloseTo(
      (2400 * 1000) / (await p.ctx.plan.get()).areaByCode.get('510104')!.residentPopulation!,
      6,
    );
    // P02-01 (101,000 places, no district) moves only the city.
    expect(h06.city.projects).toEqual(expect.arrayContaining(['P02-01', 'U-001']));

    await expectFuwuError(completeProject(p.ctx, p.admin, 'U-001', { facilities: [] }), 'invalid_input');
    const bad = await expectFuwuError(
      completeProject(p.ctx, p.admin, 'U-001', { facilities: [{ lon: 200, lat: 30.65 }] }),
      'invalid_input',
    );
    expect(fieldsOf(bad)).toContain('facilities[0].lon');
    const done = await completeProject(p.ctx, p.admin, 'U-001', {
      completedOn: '2023-06-15',
      facilities: [{ lon: 104.08, lat: 30.65, capacities: { places: 2300 } }],
    });
    expect(done.status).toBe('completed');
    expect(done.completedOn).toBe('2023-06-15');
    expect(done.facilities).toHaveLength(1);
    expect(done.facilities[0]).toMatchObject({
      type: 'childcare',
      districtCode: '510104',
      status: 'open',
      capacities: { places: 2300 },
      source: '重大项目 U-001 锦江区托育综合服务中心',
    });
    expect(done.milestones.every((m) => !m.overdue)).toBe(true);
    const after = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H06');
    const jjAfter = after.byDistrict.find((d) => d.areaCode === '510104')!;
    expect(jjAfter.numerator! - (jjBefore.numerator ?? 0)).toBe(2300);
    expect(jjAfter.value!).toBeGreaterThan(jjBefore.value ?? 0);
    const projAfter = await getProjection(p.ctx, SYSTEM_ACTOR);
    const jj2 = projAfter.indicators
      .find((i) => i.indicatorCode === 'H06')!
      .byDistrict.find((d) => d.areaCode === '510104')!;
    expect(jj2.projects).toEqual([]);
    expect(jj2.current).toBeCloseTo(jj2.projected!, 9);
    expect(projAfter.projects.find((x) => x.code === 'U-001')?.inclusion).toBe('finished');
    await expectFuwuError(
      addProgressReport(p.ctx, p.admin, 'U-001', { percent: 100, text: 'x' }),
      'conflict',
    );
  });

  it('serves the list, one project, a report and the projection over the API', async () => {
    const list = await callAs(app, admin, 'GET', '/api/projects?sector=sports');
    expect(list.statusCode).toBe(200);
    const rows = list.json() as Array<{ code: string; sector: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.sector === 'sports')).toBe(true);
    const one = await callAs(app, admin, 'GET', '/api/projects/P11-02');
    expect(one.json()).toMatchObject({ name: '东安湖体育公园', history: [expect.anything()] });
    const rep = await callAs(app, admin, 'POST', '/api/projects/P11-02/reports', { percent: 150, text: '' });
    expect(rep.statusCode).toBe(400);
    const ok = await callAs(app, admin, 'POST', '/api/projects/P11-02/reports', {
      percent: 30,
      text: '场馆施工',
    });
    expect(ok.statusCode).toBe(201);
    const proj = await callAs(app, admin, 'GET', '/api/projects/projection');
    expect(proj.statusCode).toBe(200);
    expect((proj.json() as { year: number }).year).toBe(2025);
    expect((await callAs(app, admin, 'GET', '/api/projects/NOPE')).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/projects' })).statusCode).toBe(401);
    const viewerS = await signIn(app, 'view', USER_PASSWORD);
    const refused = await callAs(app, viewerS, 'POST', '/api/projects/P11-03/reports', {
      percent: 10,
      text: 'x',
    });
    expect(refused.statusCode).toBe(403);
    const spec = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json<{ paths: Record<string, unknown> }>().paths)).toEqual(
      expect.arrayContaining(['/api/projects', '/api/projects/{code}/complete', '/api/projects/projection']),
    );
  });
});
