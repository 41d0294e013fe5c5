/**
 * Scenarios on the synthetic city: CRUD with revisions and audit, validation naming the field, the
 * comparison with today checked independently (the facility really created or removed in the
 * registry and coverage recomputed by getCoverage), incremental = full recomputation, population
 * projection and norm changes, siting proposals accepted into a scenario, and the API's permissions.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { waitForJob } from '../../src/app/jobs/jobs.ts';
import { createFacility, deleteFacility } from '../../src/app/resources/facilities.ts';
import { getCoverage, nearestFacilities } from '../../src/app/resources/get-coverage.ts';
import { getNormGaps } from '../../src/app/resources/get-norm-gaps.ts';
import { getRegistryIndicator } from '../../src/app/resources/get-registry-indicators.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { acceptSitingProposals } from '../../src/app/scenarios/accept-siting.ts';
import { compareScenarios } from '../../src/app/scenarios/compare-scenarios.ts';
import { straightLineScenarioReach } from '../../src/app/scenarios/scenario-reach.ts';
import { scenarioNormGaps } from '../../src/app/scenarios/scenario-norm-gaps.ts';
import { scenarioAccessibility } from '../../src/app/scenarios/scenario-accessibility.ts';
import { getAccessibility } from '../../src/app/resources/get-accessibility.ts';
import { loadAccessInputs } from '../../src/app/resources/access-inputs.ts';
import { loadNetwork } from '../../src/store/network/network-store.ts';
import {
  createScenario,
  deleteScenario,
  getScenario,
  listScenarios,
  scenarioRevisions,
  updateScenario,
} from '../../src/app/scenarios/scenarios.ts';
import { startSiting } from '../../src/app/siting/start-siting.ts';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import type { SitingResult } from '../../src/domain/siting/siting-view.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import { callAs, signIn } from '../support/api-session.ts';
import { addGridChildcare, testPoint } from '../support/residential-fixtures.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  countOf,
  engineName,
  expectFuwuError,
  fieldsOf,
  openTestPlatform,
  openTestPlatformWith,
} from '../support/test-db.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/osm/small-grid.osm', import.meta.url));

describe(`scenarios (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    // The viewer and the planner sign in over HTTP in the permissions test.
    p = await openTestPlatformWith({
      users: { 'sc-viewer': { role: 'viewer' }, 'sc-planner': { role: 'planner' } },
    });
    await loadSyntheticResources(p.ctx, p.admin);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('creates, changes and deletes a scenario with revisions and audit; names wrong fields', async () => {
    const s = await createScenario(p.ctx, p.admin, { name: '试点', changes: [] });
    expect(s.revision).toBe(1);
    const plan = await p.ctx.plan.get();
    const norm = plan.norms.find((n) => n.kind === 'perPopulation')!;
    const u = await updateScenario(
      p.ctx,
      p.admin,
      s.id,
      { changes: [{ kind: 'changeNorm', normCode: norm.code, value: norm.value * 2 }] },
      '提高标准',
    );
    expect(u.revision).toBe(2);
    expect(u.changes).toHaveLength(1);
    const revs = await scenarioRevisions(p.ctx, SYSTEM_ACTOR, s.id);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    expect(revs[1]!.reason).toBe('提高标准');
    expect((revs[1]!.previous as { changes: unknown[] }).changes).toEqual([]);

    const bad = await expectFuwuError(
      createScenario(p.ctx, p.admin, {
        name: '',
        changes: [
          { kind: 'addFacility', type: 'nope', lon: 104, lat: 30.6, districtCode: '510104', capacities: {} },
          { kind: 'removeFacility', facilityId: 99999999 },
          { kind: 'projectPopulation', districtCode: '510104', year: 2030 },
          { kind: 'teleport' },
        ],
      }),
      'invalid_input',
    );
    expect(fieldsOf(bad)).toEqual([
      'name',
      'changes[0].type',
      'changes[1].facilityId',
      'changes[2].total',
      'changes[3].kind',
    ]);
    expect(bad.problems[2]!.zh).toContain('设施不存在');

    await expectFuwuError(deleteScenario(p.ctx, p.admin, s.id, ''), 'invalid_input');
    await deleteScenario(p.ctx, p.admin, s.id, '不再需要');
    await expectFuwuError(getScenario(p.ctx, SYSTEM_ACTOR, s.id), 'not_found');
    expect((await listScenarios(p.ctx, SYSTEM_ACTOR)).some((x) => x.id === s.id)).toBe(false);
    expect(await countOf(p.db, `SELECT count(*) AS n FROM audit_log WHERE entity = 'scenario'`)).toBe(3);
  });

  it('adding a station raises its district’s coverage by the people getCoverage finds after really building it', async () => {
    const type = 'elderlyServiceStation';
    const before = await getCoverage(p.ctx, SYSTEM_ACTOR, { type });
    // A populated uncovered point: the largest one, where a station certainly gains.
    const target = before.report.uncovered[0]!;
    const s = await createScenario(p.ctx, p.admin, {
      name: '新增养老服务站',
      changes: [
        {
          kind: 'addFacility',
          name: '新站',
          type,
          lon: target.lon,
          lat: target.lat,
          districtCode: target.districtCode,
          capacities: {},
        },
      ],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type });
    expect(cmp.incremental).toBe(true);
    const d = cmp.byDistrict.find((x) => x.districtCode === target.districtCode)!;
    expect(d.covered.delta!).toBeGreaterThanOrEqual(target.total - 1e-6);
    expect(cmp.points.gained).toBeGreaterThan(0);
    expect(cmp.points.lost).toBe(0);
    // Adding a facility only ever shortens walks.
    expect(cmp.points.changed.every((r) => r[7] === -1 && (r[4] ?? Infinity) <= (r[3] ?? Infinity))).toBe(
      true,
    );
    expect(cmp.points.peopleGained).toBeCloseTo(cmp.city.covered.delta!, 6);

    // Incremental distances equal the full recomputation with the overlay, exactly.
    const full = await nearestFacilities(p.ctx, { type }, { changes: s.changes });
    const inc = await straightLineScenarioReach(p.ctx, type, full.metres * 3, { changes: s.changes });
    expect(inc.reused).toBe(true);
    expect(Array.from(inc.reach)).toEqual(Array.from(full.reach));

    // Independently: build the station in the registry and recompute coverage from scratch.
    const built = await createFacility(p.ctx, p.admin, {
      name: '新站',
      type,
      lon: target.lon,
      lat: target.lat,
      districtCode: target.districtCode,
      capacities: {},
      source: 'scenario test',
    });
    const after = await getCoverage(p.ctx, SYSTEM_ACTOR, { type });
    const coveredOf = (c: typeof before, code: string) =>
      c.report.byDistrict.find((x) => x.districtCode === code)!.covered;
    for (const row of cmp.byDistrict) {
      expect(row.covered.a).toBeCloseTo(coveredOf(before, row.districtCode), 6);
      expect(row.covered.b).toBeCloseTo(coveredOf(after, row.districtCode), 6);
    }
    expect(d.covered.delta).toBeCloseTo(
      coveredOf(after, target.districtCode) - coveredOf(before, target.districtCode),
      6,
    );
    await deleteFacility(p.ctx, p.admin, built.id, '测试后移除');
  });

  it('removing a facility lowers its district’s coverage as the real removal does', async () => {
    const type = 'childcare';
    const before = await getCoverage(p.ctx, SYSTEM_ACTOR, { type });
    const busiest = [...before.catchments.facilities].sort((a, b) => b.population - a.population)[0]!;
    const s = await createScenario(p.ctx, p.admin, {
      name: '关闭一处托育',
      changes: [{ kind: 'removeFacility', facilityId: busiest.id }],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type });
    const d = cmp.byDistrict.find((x) => x.districtCode === busiest.districtCode)!;
    const full = await nearestFacilities(p.ctx, { type }, { changes: s.changes });
    const inc = await straightLineScenarioReach(p.ctx, type, full.metres * 3, { changes: s.changes });
    expect(Array.from(inc.reach)).toEqual(Array.from(full.reach));
    expect(cmp.points.gained).toBe(0);
    expect(cmp.points.changed.length).toBeGreaterThan(0);
    expect(cmp.points.changed.every((r) => r[7] === 1)).toBe(true);
    expect(d.accessibility.delta!).toBeLessThanOrEqual(0);

    await deleteFacility(p.ctx, p.admin, busiest.id, '测试：真实移除');
    const after = await getCoverage(p.ctx, SYSTEM_ACTOR, { type });
    const coveredOf = (c: typeof before, code: string) =>
      c.report.byDistrict.find((x) => x.districtCode === code)!.covered;
    expect(d.covered.delta).toBeCloseTo(
      coveredOf(after, busiest.districtCode) - coveredOf(before, busiest.districtCode),
      6,
    );
    expect(d.covered.delta!).toBeLessThan(0);
    // Norm gaps with the facility's places gone: the scenario's gap is today's gap now.
    const gapsNow = await getNormGaps(p.ctx, SYSTEM_ACTOR);
    for (const g of cmp.normGaps.filter((x) => x.districtCode === busiest.districtCode)) {
      const now = gapsNow.rows.find((r) => r.normCode === g.normCode && r.districtCode === g.districtCode)!;
      expect(g.gap.b).toBeCloseTo(now.gap!, 6);
    }
  });

  it('projects a district’s population and changes a norm', async () => {
    const plan = await p.ctx.plan.get();
    const district = plan.districts.find((d) => (d.residentPopulation ?? 0) > 0)!;
    const today = district.residentPopulation!;
    const norm = plan.norms.find((n) => n.resource === 'childcarePlaces')!;
    const s = await createScenario(p.ctx, p.admin, {
      name: '人口翻倍',
      changes: [
        { kind: 'projectPopulation', districtCode: district.code, year: 2030, total: today * 2 },
        { kind: 'changeNorm', normCode: norm.code, value: norm.value + 1 },
      ],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { with: 'baseline', type: 'childcare' });
    const d = cmp.byDistrict.find((x) => x.districtCode === district.code)!;
    expect(d.population.b).toBeCloseTo(d.population.a! * 2, 3);
    expect(d.covered.b).toBeCloseTo(d.covered.a! * 2, 3);
    expect(d.share.delta).toBeCloseTo(0, 9);
    const g = cmp.normGaps.find((x) => x.districtCode === district.code && x.normCode === norm.code)!;
    expect(g.gap.b!).toBeGreaterThan(g.gap.a!);
    const gaps = await getNormGaps(p.ctx, SYSTEM_ACTOR, district.code, { changes: s.changes });
    const row = gaps.rows.find((r) => r.normCode === norm.code)!;
    expect(row.population).toBe(Math.round(today * 2 * (row.population! / Math.round(today * 2))));
    expect(row.normValue).toBe(norm.value + 1);
    // Registry indicators count the projected residents: childcare places per 1,000 halve in the district.
    const ind = cmp.indicators.find((i) => i.byDistrict.some((x) => x.districtCode === district.code && x.a));
    expect(ind).toBeDefined();
    const x = ind!.byDistrict.find((r) => r.districtCode === district.code)!;
    expect(x.b!).toBeCloseTo(x.a! / 2, 6);
    // The indicator use case with the overlay says the same, for the city as for the district.
    const view = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, ind!.indicatorCode, { changes: s.changes });
    expect(view.city!.value).toBeCloseTo(ind!.city.b!, 9);
    expect(view.byDistrict.find((r) => r.areaCode === district.code)!.value).toBeCloseTo(x.b!, 9);
    const now = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, ind!.indicatorCode);
    expect(now.city!.value).toBeCloseTo(ind!.city.a!, 9);
    expect(now.city!.value).not.toBeCloseTo(ind!.city.b!, 6);
  });

  it('norm gaps from the kept baseline equal the full computation with the overlay, row for row', async () => {
    const plan = await p.ctx.plan.get();
    const facilities = (await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'hospital' })).catchments.facilities;
    const [first, second] = facilities;
    const district = plan.districts.find((d) => (d.residentPopulation ?? 0) > 0)!;
    const norm = plan.norms.find((n) => n.resource === 'beds')!;
    const changes = [
      {
        kind: 'addFacility' as const,
        name: '新医院',
        type: 'hospital' as const,
        lon: 104.07,
        lat: 30.66,
        districtCode: district.code,
        capacities: { beds: 1234.5 },
      },
      { kind: 'removeFacility' as const, facilityId: first!.id },
      { kind: 'resizeFacility' as const, facilityId: second!.id, capacities: { beds: 77 } },
      { kind: 'projectPopulation' as const, districtCode: district.code, year: 2025, total: 123_456 },
      { kind: 'changeNorm' as const, normCode: norm.code, value: norm.value + 0.5 },
    ];
    const inc = await scenarioNormGaps(p.ctx, [undefined, { changes }]);
    expect(inc.rows[0]).toEqual((await getNormGaps(p.ctx, SYSTEM_ACTOR)).rows);
    expect(inc.rows[1]).toEqual((await getNormGaps(p.ctx, SYSTEM_ACTOR, undefined, { changes })).rows);
    expect(inc.rows[1]).not.toEqual(inc.rows[0]);
    // Kept for the next scenario, and rebuilt when the registry changes.
    expect((await scenarioNormGaps(p.ctx, [{ changes }])).reused).toBe(true);
    const built = await createFacility(p.ctx, p.admin, {
      name: '测试医院',
      type: 'hospital',
      lon: 104.06,
      lat: 30.65,
      districtCode: district.code,
      capacities: { beds: 300 },
      source: 'test',
    });
    const after = await scenarioNormGaps(p.ctx, [{ changes }]);
    expect(after.reused).toBe(false);
    expect(after.rows[0]).toEqual((await getNormGaps(p.ctx, SYSTEM_ACTOR, undefined, { changes })).rows);
    await deleteFacility(p.ctx, p.admin, built.id, '测试后移除');
  });

  it('2SFCA and E2SFCA from the kept baseline equal getAccessibility with the overlay', async () => {
    const plan = await p.ctx.plan.get();
    const type = 'childcare' as const;
    const today = await loadAccessInputs(p.ctx, type);
    const [first, second] = today.open;
    const district = plan.districts.find((d) => d.code === second!.districtCode)!;
    const changes = [
      { kind: 'removeFacility' as const, facilityId: first!.id },
      { kind: 'resizeFacility' as const, facilityId: second!.id, capacities: { places: 7.5 } },
      {
        kind: 'addFacility' as const,
        name: '新托育',
        type,
        lon: second!.lon + 0.003,
        lat: second!.lat,
        districtCode: district.code,
        capacities: { places: 55 },
      },
      {
        kind: 'projectPopulation' as const,
        districtCode: district.code,
        year: 2025,
        total: (district.residentPopulation ?? 100_000) * 1.3,
      },
    ];
    for (const method of ['2sfca', 'e2sfca'] as const) {
      for (const overlay of [undefined, { changes }]) {
        const inc = scenarioAccessibility(p.ctx, type, method, today, overlay, null);
        const full = await getAccessibility(p.ctx, SYSTEM_ACTOR, { type, method }, overlay);
        expect(inc.city).toEqual(full.city);
        expect(inc.byDistrict).toEqual(full.byDistrict.map(({ name: _, ...d }) => d));
      }
      const twice = scenarioAccessibility(p.ctx, type, method, today, { changes }, null);
      expect(twice.reused).toBe(true);
      const d = twice.byDistrict.find((x) => x.districtCode === district.code)!;
      const before = scenarioAccessibility(p.ctx, type, method, today, undefined, null);
      expect(d.accessibility).not.toBe(
        before.byDistrict.find((x) => x.districtCode === district.code)!.accessibility,
      );
    }
  });

  it('accepts a siting run’s proposals into a scenario and compares it with today', async () => {
    const job = await startSiting(p.ctx, p.admin, {
      type: 'communityDayCareCentre',
      k: 3,
      candidates: 'townshipCentres',
      exact: false,
    });
    const done = (await waitForJob(p.ctx, job.id)) as JobView<SitingResult>;
    expect(done.status).toBe('succeeded');
    const r = done.result!;
    const s = await acceptSitingProposals(p.ctx, p.admin, { jobId: job.id });
    expect(s.changes).toHaveLength(r.sites.length);
    expect(s.changes[0]).toMatchObject({ kind: 'addFacility', type: 'communityDayCareCentre' });
    if (r.capacityPerSite)
      expect((s.changes[0] as { capacities: Record<string, number> }).capacities[r.capacityPerSite.key]).toBe(
        r.capacityPerSite.value,
      );
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { type: 'communityDayCareCentre' });
    expect(cmp.city.covered.delta!).toBeGreaterThan(0);
    const again = await acceptSitingProposals(p.ctx, p.admin, { jobId: job.id, scenarioId: s.id });
    expect(again.changes).toHaveLength(2 * r.sites.length);
    expect(again.revision).toBe(2);
  });

  it('compares two scenarios: the difference is the difference of each against today', async () => {
    const type = 'communityHealthCentre';
    const before = await getCoverage(p.ctx, SYSTEM_ACTOR, { type });
    const [u1, u2] = before.report.uncovered;
    const add = (u: typeof u1) => ({
      kind: 'addFacility',
      name: '新中心',
      type,
      lon: u!.lon,
      lat: u!.lat,
      districtCode: u!.districtCode,
      capacities: { physicians: 10 },
    });
    const one = await createScenario(p.ctx, p.admin, { name: '一处', changes: [add(u1)] });
    const two = await createScenario(p.ctx, p.admin, { name: '两处', changes: [add(u1), add(u2)] });
    const c1 = await compareScenarios(p.ctx, SYSTEM_ACTOR, one.id, { type });
    const c2 = await compareScenarios(p.ctx, SYSTEM_ACTOR, two.id, { type });
    const c21 = await compareScenarios(p.ctx, SYSTEM_ACTOR, two.id, { with: String(one.id), type });
    expect(c21.a).toMatchObject({ kind: 'scenario', id: one.id });
    expect(c21.city.covered.delta!).toBeGreaterThan(0);
    expect(c21.city.covered.delta).toBeCloseTo(c2.city.covered.delta! - c1.city.covered.delta!, 6);
    for (const d of c21.byDistrict) {
      const d1 = c1.byDistrict.find((x) => x.districtCode === d.districtCode)!;
      const d2 = c2.byDistrict.find((x) => x.districtCode === d.districtCode)!;
      expect(d.covered.delta).toBeCloseTo(d2.covered.delta! - d1.covered.delta!, 6);
      expect(d.accessibility.a).toBeCloseTo(d1.accessibility.b!, 9);
    }
    await expectFuwuError(
      compareScenarios(p.ctx, SYSTEM_ACTOR, two.id, { with: 'yesterday', type }),
      'invalid_input',
    );
    await expectFuwuError(
      compareScenarios(p.ctx, SYSTEM_ACTOR, two.id, { with: '999999', type }),
      'not_found',
    );
  });

  it('lets planners write, viewers read, and nobody in without signing in', async () => {
    const app: FastifyInstance = await buildServer(p.ctx);
    try {
      expect((await app.inject({ method: 'GET', url: '/api/scenarios' })).statusCode).toBe(401);
      const viewer = await signIn(app, 'sc-viewer', USER_PASSWORD);
      const planner = await signIn(app, 'sc-planner', USER_PASSWORD);
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      expect((await callAs(app, viewer, 'POST', '/api/scenarios', { name: 'x' })).statusCode).toBe(403);
      const created = await callAs(app, planner, 'POST', '/api/scenarios', {
        name: '规划师情景',
        changes: [],
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: number }>().id;
      expect((await callAs(app, viewer, 'GET', `/api/scenarios/${id}`)).statusCode).toBe(200);
      const bad = await callAs(app, admin, 'PUT', `/api/scenarios/${id}`, {
        changes: [{ kind: 'changeNorm', normCode: 'nope', value: 1 }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('changes[0].normCode');
      const cmp = await callAs(app, viewer, 'GET', `/api/scenarios/${id}/compare?with=baseline&type=park`);
      expect(cmp.statusCode, cmp.body).toBe(200);
      expect(cmp.json<{ points: { changed: unknown[] } }>().points.changed).toEqual([]);
      expect((await callAs(app, viewer, 'GET', `/api/scenarios/${id}/compare?type=rocket`)).statusCode).toBe(
        400,
      );
      expect((await callAs(app, viewer, 'DELETE', `/api/scenarios/${id}?reason=x`)).statusCode).toBe(403);
      expect((await callAs(app, planner, 'DELETE', `/api/scenarios/${id}?reason=完成`)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe(`scenarios over an OSM walking network (${engineName()})`, () => {
  let p: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    p = await openTestPlatform();
    dir = mkdtempSync(join(tmpdir(), 'fuwu-scenario-network-'));
    p.ctx.networkDir = dir;
  });
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares over the network (incremental removal): removing the one facility loses its 100 people', async () => {
    const bands = { '0-2': 10, '3-5': 0, '6-14': 0, '15-59': 90, '60-64': 0, '65-79': 0, '80+': 0 };
    await new ResidentialPointRepository(p.db).insertMany([
      // OSM node 16, 519 s on foot from node 1 (see network-coverage.test.ts).
      testPoint('r16', 104.063, 30.653, { population: bands }),
    ]);
    const f = await addGridChildcare(p);
    await importNetwork(p.ctx, p.admin, FIXTURE);
    const s = await createScenario(p.ctx, p.admin, {
      name: '撤销唯一托育点',
      changes: [{ kind: 'removeFacility', facilityId: f.id }],
    });
    const cmp = await compareScenarios(p.ctx, SYSTEM_ACTOR, s.id, { type: 'childcare' });
    // The removal searched again only the nodes the facility was nearest to; equal to the full computation.
    expect(cmp).toMatchObject({ method: 'network', incremental: true, approximation: null });
    const fullRemoved = await nearestFacilities(p.ctx, { type: 'childcare' }, { changes: s.changes });
    expect(fullRemoved.reach[0]).toBe(Infinity);
    const d = cmp.byDistrict.find((x) => x.districtCode === '510104')!;
    expect(d.covered).toEqual({ a: 100, b: 0, delta: -100 });
    expect(d.accessibility.a).toBeCloseTo(50 / 10, 9); // 50 places for 10 children aged 0–2, all within 900 s
    expect(d.accessibility.b).toBe(0);
    expect(cmp.points).toMatchObject({ gained: 0, lost: 1, peopleLost: 100 });
    const [row] = cmp.points.changed;
    expect(row![3]!).toBeGreaterThanOrEqual(519 / 60 - 0.05);
    expect(row![3]!).toBeLessThan(15);
    expect(row!.slice(4)).toEqual([null, 1, 0, 1]);

    // An added facility next to the point: searched from incrementally, equal to the full computation.
    const added = await createScenario(p.ctx, p.admin, {
      name: '新增托育点',
      changes: [
        {
          kind: 'addFacility',
          name: '新托育点',
          type: 'childcare',
          lon: 104.063,
          lat: 30.653,
          districtCode: '510104',
          capacities: { places: 20 },
        },
      ],
    });
    const inc = await compareScenarios(p.ctx, SYSTEM_ACTOR, added.id, { type: 'childcare' });
    expect(inc).toMatchObject({ method: 'network', incremental: true });
    const full = await nearestFacilities(p.ctx, { type: 'childcare' }, { changes: added.changes });
    const [r] = inc.points.changed;
    expect(r![4]).toBe(Math.round((full.reach[0]! / 1.2 / 60) * 10) / 10);
    expect(r![4]!).toBeLessThan(r![3]!);
    expect(r![7]).toBe(-1);
    expect(inc.byDistrict.find((x) => x.districtCode === '510104')!.accessibility.b).toBeCloseTo(70 / 10, 9);
  });

  it('2SFCA and E2SFCA over the network from the kept baseline equal getAccessibility with the overlay', async () => {
    const type = 'childcare' as const;
    const network = loadNetwork(dir)!;
    expect(network).not.toBeNull();
    const today = await loadAccessInputs(p.ctx, type);
    const [first] = today.open;
    const changes = [
      { kind: 'resizeFacility' as const, facilityId: first!.id, capacities: { places: 80 } },
      {
        kind: 'addFacility' as const,
        name: '新托育点',
        type,
        lon: 104.063,
        lat: 30.653,
        districtCode: '510104',
        capacities: { places: 20 },
      },
      { kind: 'projectPopulation' as const, districtCode: '510104', year: 2025, total: 2_000_000 },
    ];
    for (const method of ['2sfca', 'e2sfca'] as const) {
      for (const overlay of [
        undefined,
        { changes },
        { changes: [{ kind: 'removeFacility' as const, facilityId: first!.id }] },
      ]) {
        const inc = scenarioAccessibility(p.ctx, type, method, today, overlay, network);
        const full = await getAccessibility(p.ctx, SYSTEM_ACTOR, { type, method }, overlay);
        expect(full.catchmentBy).toBe('network');
        expect(inc.city).toEqual(full.city);
        expect(inc.byDistrict).toEqual(full.byDistrict.map(({ name: _, ...d }) => d));
      }
    }
    const moved = scenarioAccessibility(p.ctx, type, 'e2sfca', today, { changes }, network);
    expect(moved.reused).toBe(true);
    expect(moved.city.accessibility).not.toBe(
      scenarioAccessibility(p.ctx, type, 'e2sfca', today, undefined, network).city.accessibility,
    );
  });
});
