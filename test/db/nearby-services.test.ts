/**
 * Nearby services (issue 6 §4) on the small OSM grid (4 × 4 nodes 0.001° apart: 80 s east–west and
 * 93 s north–south on foot; see test/fixtures/osm/small-grid.osm). From node 1 (104.060, 30.650):
 *   node 4 (104.063, 30.650)   3 × 80 s            = 240 s → 4 min over the network;
 *   node 16 (104.063, 30.653)  3 × 80 s + 3 × 93 s = 519 s → 9 min (8.65 rounded up);
 *   node 30 (104.065, 30.655)  on a separate path, not reachable over the network.
 * In straight lines (1° lon = 95.7 m, 1° lat = 111.2 m per 0.001° here; × 1.3 ÷ 1.2 m/s):
 *   node 4 ≈ 287 m → 311 s → 6 min; node 16 ≈ 440 m → 477 s → 8 min; node 30 ≈ 734 m → 795 s → 14 min;
 *   the 15-minute radius is 15 × 60 × 1.2 ÷ 1.3 ≈ 831 m.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { createFacility } from '../../src/app/resources/facilities.ts';
import type { NearbyServicesView } from '../../src/domain/resources/nearby-view.ts';
import { getNearbyServices } from '../../src/app/resources/get-nearby-services.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { searchNearbyPlaces } from '../../src/app/resources/search-nearby-places.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import { callAs, signIn } from '../support/api-session.ts';
import { openNetworkTestPlatform, SMALL_GRID_OSM, testPoint } from '../support/residential-fixtures.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { USER_PASSWORD, createUserAs, engineName, expectFuwuError, fieldsOf } from '../support/test-db.ts';

const NODE1 = { lon: 104.06, lat: 30.65 };

/** Name → minutes of the facilities listed for `type`. */
function minutesOf(view: NearbyServicesView, type: string): Record<string, number> {
  const group = view.groups.find((g) => g.type === type);
  if (!group) throw new Error(`no group ${type}`);
  return Object.fromEntries(group.facilities.map((f) => [f.name, f.minutes]));
}

describe(`nearby services (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;

  beforeAll(async () => {
    p = await openNetworkTestPlatform();
    const at = (name: string, type: string, lon: number, lat: number, extra: Record<string, unknown> = {}) =>
      createFacility(p.ctx, p.admin, {
        name,
        type,
        lon,
        lat,
        districtCode: '510104',
        capacities: { places: 30 },
        source: 'test',
        ...extra,
      });
    await at('托育点（节点4）', 'childcare', 104.063, 30.65);
    await at('托育点（节点16）', 'childcare', 104.063, 30.653, { capacities: { places: 80 } });
    await at('幼儿园（节点16）', 'kindergarten', 104.063, 30.653);
    await at('小学（孤立小路）', 'primarySchool', 104.065, 30.655);
    await at('已关闭医院', 'hospital', 104.061, 30.65, { status: 'closed' });
    await at('远处图书馆', 'library', 104.08, 30.65);
    // Two residential points of 水井坊社区 (锦江区): its place is their population-weighted centre.
    await new ResidentialPointRepository(p.db).insertMany([
      {
        ...testPoint('r1', 104.06, 30.65, { total: 100 }),
        communityCode: '510104017001',
        townshipCode: '510104017',
      },
      {
        ...testPoint('r16', 104.063, 30.653, { total: 300 }),
        communityCode: '510104017001',
        townshipCode: '510104017',
      },
    ]);
    app = await buildServer(p.ctx);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('without a network: straight-line minutes, flagged as an approximation with its detour factor', async () => {
    const v = await getNearbyServices(p.ctx, { ...NODE1 });
    expect(v).toMatchObject({
      method: 'straightLine',
      minutes: 15,
      detourFactor: 1.3,
      network: null,
      snapMetres: null,
      reach: { type: 'Polygon' },
    });
    expect(v.approximation?.zh).toContain('近似值');
    expect(v.approximation?.en).toContain('detour factor 1.3');
    expect(minutesOf(v, 'childcare')).toEqual({ '托育点（节点4）': 6, '托育点（节点16）': 8 });
    expect(minutesOf(v, 'kindergarten')).toEqual({ '幼儿园（节点16）': 8 });
    expect(minutesOf(v, 'primarySchool')).toEqual({ '小学（孤立小路）': 14 });
    // Closed facilities are not listed; a type with nothing in reach says so.
    expect(v.groups.find((g) => g.type === 'hospital')).toMatchObject({ total: 0, noneInReach: true });
    expect(v.groups.find((g) => g.type === 'library')).toMatchObject({ total: 0, noneInReach: true });
    expect(v.groups.map((g) => g.type)).toHaveLength(15);
    expect(v.counts).toEqual({ types: 15, typesInReach: 3, facilities: 4 });
    const first = v.groups.find((g) => g.type === 'childcare')?.facilities[0];
    expect(first).toMatchObject({ capacities: { places: 30 }, synthetic: false, districtName: '锦江区' });
  });

  it('over the imported network: one search from the point, minutes rounded up, unreachable left out', async () => {
    await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    const v = await getNearbyServices(p.ctx, { lon: '104.06', lat: '30.65', minutes: '15' });
    expect(v).toMatchObject({ method: 'network', approximation: null, detourFactor: null, snapMetres: 0 });
    expect(v.network?.source).toBe('small-grid.osm');
    expect(minutesOf(v, 'childcare')).toEqual({ '托育点（节点4）': 4, '托育点（节点16）': 9 });
    expect(v.groups.find((g) => g.type === 'childcare')?.facilities.map((f) => f.seconds)).toEqual([
      240, 519,
    ]);
    expect(minutesOf(v, 'kindergarten')).toEqual({ '幼儿园（节点16）': 9 });
    // Within 831 m in a straight line, but on a path not joined to the grid.
    expect(v.groups.find((g) => g.type === 'primarySchool')).toMatchObject({ total: 0, noneInReach: true });
    // The outline runs through reached nodes: the far corner of the grid is on it.
    const ring = v.reach.coordinates[0] ?? [];
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring.some(([lon, lat]) => Math.abs(lon - 104.063) < 1e-6 && Math.abs(lat - 30.653) < 1e-6)).toBe(
      true,
    );

    // Five minutes: node 4 (240 s) in, node 16 (519 s) out; only the types asked for.
    const five = await getNearbyServices(p.ctx, { ...NODE1, minutes: 5, types: 'childcare,kindergarten' });
    expect(five.groups.map((g) => g.type)).toEqual(['childcare', 'kindergarten']);
    expect(minutesOf(five, 'childcare')).toEqual({ '托育点（节点4）': 4 });
    expect(five.groups[1]).toMatchObject({ noneInReach: true, facilities: [] });
  });

  it('refuses bad input, naming each field in Chinese and English', async () => {
    const missing = await expectFuwuError(getNearbyServices(p.ctx, {}), 'invalid_input');
    expect(fieldsOf(missing)).toEqual(['lon', 'lat']);
    const outside = await expectFuwuError(
      getNearbyServices(p.ctx, { lon: 116.4, lat: 39.9 }),
      'invalid_input',
    );
    expect(outside.zh).toContain('不在本市范围内');
    expect(outside.message).toContain('outside the city');
    for (const minutes of [0, 31, 2.5, 'x']) {
      const e = await expectFuwuError(getNearbyServices(p.ctx, { ...NODE1, minutes }), 'invalid_input');
      expect(fieldsOf(e)).toEqual(['minutes']);
    }
    const types = await expectFuwuError(
      getNearbyServices(p.ctx, { ...NODE1, types: 'childcare,spa' }),
      'invalid_input',
    );
    expect(fieldsOf(types)).toEqual(['types']);
    expect(types.zh).toContain('未知设施类型“spa”');
  });

  it('finds a community by name at the centre of its residential points', async () => {
    const { places } = await searchNearbyPlaces(p.ctx, { q: ' 水井坊 ' });
    expect(places).toEqual([
      {
        code: '510104017001',
        kind: 'community',
        name: '水井坊社区居委会',
        districtCode: '510104',
        district: '锦江区',
        // (104.060 × 100 + 104.063 × 300) ÷ 400, and likewise for the latitude.
        lon: 104.06225,
        lat: 30.65225,
        synthetic: false,
      },
    ]);
    // The township is found by its own name; LIKE wildcards are taken literally.
    expect((await searchNearbyPlaces(p.ctx, { q: '锦官驿' })).places.map((x) => x.kind)).toEqual([
      'township',
    ]);
    expect((await searchNearbyPlaces(p.ctx, { q: '%' })).places).toEqual([]);
    // Places without residential points have no location and are not offered.
    expect((await searchNearbyPlaces(p.ctx, { q: '崇德里' })).places).toEqual([]);
    await expectFuwuError(searchNearbyPlaces(p.ctx, { q: '  ' }), 'invalid_input');
    await expectFuwuError(searchNearbyPlaces(p.ctx, { q: 'x'.repeat(41) }), 'invalid_input');
  });

  it('answers over HTTP without an account, and residents and case staff may call it', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/nearby?lon=104.06&lat=30.65&types=childcare' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<NearbyServicesView>().groups[0]?.facilities).toHaveLength(2);
    const bad = await app.inject({ method: 'GET', url: '/api/nearby?lon=104.06&lat=30.65&minutes=60' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_input', problems: [{ field: 'minutes' }] });
    const places = await app.inject({
      method: 'GET',
      url: `/api/nearby/places?q=${encodeURIComponent('水井坊')}`,
    });
    expect(places.statusCode, places.body).toBe(200);
    expect(places.json<{ places: unknown[] }>().places).toHaveLength(1);
    const outlines = await app.inject({ method: 'GET', url: '/api/nearby/boundaries' });
    expect(outlines.json<{ features: unknown[] }>().features.length).toBeGreaterThan(0);
    // Signed in, it answers the same (no permission is asked of anyone).
    const users = [
      { username: 'near-resident', role: 'resident' as const },
      { username: 'near-worker', role: 'caseWorker' as const, officeCode: 'O-510104' },
    ];
    for (const u of users) {
      await createUserAs(p.ctx, p.admin, u);
      const s = await signIn(app, u.username, USER_PASSWORD);
      const mine = await callAs(app, s, 'GET', '/api/nearby?lon=104.06&lat=30.65&types=childcare');
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json<NearbyServicesView>()).toEqual(ok.json<NearbyServicesView>());
      expect((await callAs(app, s, 'POST', '/api/nearby')).statusCode).toBe(404);
    }
  });
});
