/**
 * Major projects entering scenarios on their completion date, on the synthetic city (示例数据):
 * a project's location kept with revisions and checked against its district; a completeProjects
 * scenario as of 2025-12-31 raising the district's norm supply and the registry indicator by exactly
 * the projects' capacities (entered, or estimated as the registry's median, computed here
 * independently); a located project moving coverage, an unlocated one listed as not placed and moving
 * no coverage; nothing changing as of 2021-01-01; a completed project not counted twice; completion
 * placing the facility at the project's location; and the same over the API.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { getProjection } from '../../src/app/projects/projection.ts';
import {
  completeProject,
  createProject,
  getProject,
  updateProject,
} from '../../src/app/projects/projects.ts';
import { resolveProjectChanges } from '../../src/app/projects/scenario-projects.ts';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { getNormGaps } from '../../src/app/resources/get-norm-gaps.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { compareScenarios } from '../../src/app/scenarios/compare-scenarios.ts';
import { createScenario } from '../../src/app/scenarios/scenarios.ts';
import type { ScenarioComparison } from '../../src/domain/scenarios/comparison-view.ts';
import { FacilityRepository } from '../../src/store/repositories/facility.repository.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  engineName,
  expectFuwuError,
  fieldsOf,
  openTestPlatform,
} from '../support/test-db.ts';

const TYPE = 'childcare';
const NORM = 'N-childcare-places-per-thousand';

describe(`major projects in scenarios (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: Session;
  /** The largest uncovered residential point for childcare: where a located project must gain. */
  let target: { lon: number; lat: number; districtCode: string; total: number };
  let otherDistrict: string;
  let located: string;
  let unlocated: string;
  let median: number;

  beforeAll(async () => {
    p = await openTestPlatform();
    await loadSyntheticResources(p.ctx, p.admin);
    app = await buildServer(p.ctx);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    const cov = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: TYPE });
    target = cov.report.uncovered[0]!;
    const plan = await p.ctx.plan.get();
    otherDistrict = plan.districts.find((d) => d.code !== target.districtCode)!.code;
    // The estimate, worked out independently: the median places of the open childcare centres.
    const places = (await new FacilityRepository(p.db).list({ type: TYPE }))
      .filter((f) => f.status === 'open' && (f.capacities.places ?? 0) > 0)
      .map((f) => f.capacities.places!)
      .sort((a, b) => a - b);
    const mid = Math.floor(places.length / 2);
    median = Math.round(places.length % 2 ? places[mid]! : (places[mid - 1]! + places[mid]!) / 2);
    expect(median).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  const base = {
    sector: 'childcare',
    kind: 'new',
    facilityType: TYPE,
    plannedStart: '2022-01-01',
    indicators: ['H06'],
  };
  const districtRow = (c: ScenarioComparison, code: string) =>
    c.byDistrict.find((d) => d.districtCode === code)!;
  const h06 = (c: ScenarioComparison) => c.indicators.find((i) => i.indicatorCode === 'H06')!;
  const h06Of = (c: ScenarioComparison, code: string) =>
    h06(c).byDistrict.find((d) => d.districtCode === code)!;
  const gapOf = (c: ScenarioComparison, code: string) =>
    c.normGaps.find((g) => g.normCode === NORM && g.districtCode === code)!;

  it('keeps a project’s location with its revisions and refuses one outside its district', async () => {
    const a = await createProject(p.ctx, p.admin, {
      ...base,
      name: '示例 托育中心（已定位）',
      districtCode: target.districtCode,
      capacities: { places: 500 },
      plannedEnd: '2024-06-30',
      location: { lon: target.lon, lat: target.lat },
    });
    located = a.code;
    expect(a.location).toEqual({ lon: target.lon, lat: target.lat });
    const b = await createProject(p.ctx, p.admin, {
      ...base,
      name: '示例 托育中心（未定位）',
      districtCode: otherDistrict,
      plannedEnd: '2025-12-31',
    });
    unlocated = b.code;
    expect(b.location).toBeNull();

    // The target point lies in its own district, not in the other one.
    const wrong = await expectFuwuError(
      updateProject(
        p.ctx,
        p.admin,
        unlocated,
        { ...b, location: { lon: target.lon, lat: target.lat } },
        '定位',
      ),
      'invalid_input',
    );
    expect(fieldsOf(wrong)).toEqual(['location']);
    expect(wrong.problems[0]!.zh).toContain(target.districtCode);
    const outside = await expectFuwuError(
      updateProject(p.ctx, p.admin, unlocated, { ...b, location: { lon: 30.6, lat: 104.1 } }, '定位'),
      'invalid_input',
    );
    expect(fieldsOf(outside)).toEqual(['location.lon', 'location.lat']);

    // Placed, then removed again: both kept as revisions.
    const placed = await updateProject(
      p.ctx,
      p.admin,
      located,
      { ...a, location: { lon: target.lon + 0.001, lat: target.lat } },
      '微调位置',
    );
    expect(placed.location).toEqual({ lon: target.lon + 0.001, lat: target.lat });
    expect(placed.history.at(-1)).toMatchObject({
      reason: '微调位置',
      previous: { location: { lon: target.lon, lat: target.lat } },
    });
    // An edit that does not send the location keeps it.
    const kept = await updateProject(
      p.ctx,
      p.admin,
      located,
      { ...placed, name: '示例 托育中心（已定位，改名）', location: undefined },
      '改名',
    );
    expect(kept.location).toEqual(placed.location);
    const back = await updateProject(
      p.ctx,
      p.admin,
      located,
      { ...kept, location: { lon: target.lon, lat: target.lat } },
      '恢复位置',
    );
    expect(back.location).toEqual({ lon: target.lon, lat: target.lat });
    expect(back.revision).toBe(4);
  });

  it('as of 2025-12-31 the projects raise the district’s norm supply and the registry indicator', async () => {
    const s = await createScenario(p.ctx, p.admin, {
      name: '示例 重大项目按期建成',
      changes: [{ kind: 'completeProjects', asOf: '2025-12-31' }],
    });
    const plan = await p.ctx.plan.get();
    const pop = (code: string) => plan.areaByCode.get(code)!.residentPopulation!;
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type: TYPE });

    // The projects listed: the located one placed, the unlocated one not placed, with the estimate.
    const listed = new Map(cmp.projects.b.map((x) => [x.code, x]));
    expect(cmp.projects.a).toEqual([]);
    expect(listed.get(located)).toMatchObject({
      placed: true,
      counted: true,
      estimated: false,
      capacities: { places: 500 },
      districtCode: target.districtCode,
      note: null,
    });
    expect(listed.get(unlocated)).toMatchObject({
      placed: false,
      counted: true,
      estimated: true,
      capacities: { places: median },
      districtCode: otherDistrict,
      basis: { zh: '按登记同类设施容量中位数估计' },
      note: { zh: '未定位，未计入覆盖', en: 'not placed: coverage not counted' },
    });
    // City-wide pack projects count for the city only.
    expect(listed.get('P02-01')).toMatchObject({
      districtCode: '',
      placed: false,
      capacities: { places: 101000 },
    });

    // Registry indicator H06 (places per 1,000 residents) moves by exactly the capacities.
    expect(h06Of(cmp, target.districtCode).delta!).toBeCloseTo((500 * 1000) / pop(target.districtCode), 9);
    expect(h06Of(cmp, otherDistrict).delta!).toBeCloseTo((median * 1000) / pop(otherDistrict), 9);
    expect(h06(cmp).city.delta!).toBeGreaterThan(
      ((101000 + 500 + median) * 1000) / plan.city.residentPopulation! - 1e-9,
    );

    // Norm gaps: gap after = max(0, gap before − capacity), in both districts.
    const ga = gapOf(cmp, target.districtCode).gap;
    expect(ga.b!).toBeCloseTo(Math.max(0, ga.a! - 500), 6);
    const gb = gapOf(cmp, otherDistrict).gap;
    expect(gb.b!).toBeCloseTo(Math.max(0, gb.a! - median), 6);
    // …and the supply itself, through the overlay the comparison used.
    const { overlay } = await resolveProjectChanges(p.ctx, s.changes);
    const [now, then] = [
      await getNormGaps(p.ctx, SYSTEM_ACTOR),
      await getNormGaps(p.ctx, SYSTEM_ACTOR, undefined, overlay),
    ];
    const supply = (v: typeof now, code: string) =>
      v.rows.find((r) => r.normCode === NORM && r.districtCode === code)!.supply!;
    expect(supply(then, target.districtCode) - supply(now, target.districtCode)).toBeCloseTo(500, 6);
    expect(supply(then, otherDistrict) - supply(now, otherDistrict)).toBeCloseTo(median, 6);

    // The located project moves coverage: the point it stands on becomes covered.
    expect(districtRow(cmp, target.districtCode).covered.delta!).toBeGreaterThanOrEqual(target.total - 1e-6);
    expect(cmp.points.gained).toBeGreaterThan(0);
  });

  it('an unlocated project moves supply but no coverage, and is listed as not placed', async () => {
    const s = await createScenario(p.ctx, p.admin, {
      name: '示例 仅未定位项目',
      changes: [{ kind: 'completeProjects', asOf: '2025-12-31', projectCodes: [unlocated] }],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type: TYPE });
    expect(cmp.projects.b.map((x) => [x.code, x.placed, x.note?.zh])).toEqual([
      [unlocated, false, '未定位，未计入覆盖'],
    ]);
    expect(cmp.points.changed).toEqual([]);
    expect(cmp.city.covered.delta).toBe(0);
    expect(cmp.city.accessibility.delta).toBe(0);
    expect(h06Of(cmp, otherDistrict).delta!).toBeGreaterThan(0);
  });

  it('as of 2021-01-01 nothing changes', async () => {
    const s = await createScenario(p.ctx, p.admin, {
      name: '示例 规划期初',
      changes: [{ kind: 'completeProjects', asOf: '2021-01-01' }],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type: TYPE });
    expect(cmp.projects.b).toEqual([]);
    expect(cmp.points.changed).toEqual([]);
    expect(cmp.byDistrict.every((d) => d.covered.delta === 0)).toBe(true);
    expect(h06(cmp).city.delta).toBe(0);
    // Every district's figure (some districts have none on either side) is the same on both sides.
    expect(h06(cmp).byDistrict.filter((d) => d.a !== d.b)).toEqual([]);
    expect(cmp.normGaps.filter((g) => g.gap.a !== g.gap.b)).toEqual([]);
  });

  it('the projection counts the estimate and says so', async () => {
    const view = await getProjection(p.ctx, SYSTEM_ACTOR);
    const row = view.indicators.find((i) => i.indicatorCode === 'H06')!;
    const other = row.byDistrict.find((d) => d.areaCode === otherDistrict)!;
    expect(other.projects).toContain(unlocated);
    expect(other.estimatedProjects).toContain(unlocated);
    const plan = await p.ctx.plan.get();
    expect(other.projected! - other.current!).toBeCloseTo(
      (median * 1000) / plan.areaByCode.get(otherDistrict)!.residentPopulation!,
      9,
    );
    expect(view.projects.find((x) => x.code === unlocated)).toMatchObject({
      inclusion: 'included',
      estimated: true,
      capacities: { places: median },
    });
    expect(view.projects.find((x) => x.code === located)).toMatchObject({ estimated: false });
  });

  it('completion places the facility at the project’s location, and the project is not counted twice', async () => {
    const before = await getProject(p.ctx, SYSTEM_ACTOR, located);
    const done = await completeProject(p.ctx, p.admin, located, { completedOn: '2024-06-30' });
    expect(done.facilities).toHaveLength(1);
    expect(done.facilities[0]).toMatchObject({
      lon: before.location!.lon,
      lat: before.location!.lat,
      districtCode: target.districtCode,
      capacities: { places: 500 },
    });
    const s = await createScenario(p.ctx, p.admin, {
      name: '示例 竣工后',
      changes: [{ kind: 'completeProjects', asOf: '2025-12-31', projectCodes: [located] }],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type: TYPE });
    expect(cmp.projects.b).toEqual([]);
    expect(h06Of(cmp, target.districtCode).delta).toBe(0);
    expect(cmp.points.changed).toEqual([]);
  });

  it('works over the API: location on edit, the new change kind, its comparison', async () => {
    const bad = await callAs(app, admin, 'PUT', `/api/projects/${unlocated}`, {
      ...(await getProject(p.ctx, SYSTEM_ACTOR, unlocated)),
      location: { lon: 'abc', lat: 30.6 },
      reason: '定位',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ problems: [{ field: 'location.lon' }] });
    const badChange = await callAs(app, admin, 'POST', '/api/scenarios', {
      name: '示例',
      changes: [{ kind: 'completeProjects', asOf: '2025', projectCodes: ['NOPE'] }],
    });
    expect(badChange.statusCode).toBe(400);
    expect((badChange.json() as { problems: Array<{ field: string }> }).problems.map((x) => x.field)).toEqual(
      ['changes[0].asOf', 'changes[0].projectCodes[0]'],
    );
    const created = await callAs(app, admin, 'POST', '/api/scenarios', {
      name: '示例 API',
      changes: [{ kind: 'completeProjects', asOf: '2025-12-31', projectCodes: [unlocated] }],
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    const cmp = await callAs(app, admin, 'GET', `/api/scenarios/${id}/compare?type=${TYPE}`);
    expect(cmp.statusCode).toBe(200);
    expect((cmp.json() as ScenarioComparison).projects.b[0]).toMatchObject({
      code: unlocated,
      placed: false,
      estimated: true,
    });
  });
});
