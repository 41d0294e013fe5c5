/** The n-th nearest facility: distances known by arithmetic in a straight line, then over the OSM fixture network. */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacility } from '../../src/app/resources/facilities.ts';
import { getNthNearest } from '../../src/app/resources/get-nth-nearest.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { openNetworkTestPlatform, SMALL_GRID_OSM } from '../support/residential-fixtures.ts';
import { engineName, expectFuwuError } from '../support/test-db.ts';

const EARTH_M_PER_DEG_LAT = (Math.PI * 6_371_008.8) / 180;

describe(`n-th nearest facility (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openNetworkTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  const childcare = (name: string, lon: number, lat: number) =>
    createFacility(p.ctx, p.admin, {
      name,
      type: 'childcare',
      lon,
      lat,
      districtCode: '510104',
      capacities: { places: 20 },
      source: 'test',
    });

  it('gives the walking time to the 1st, 2nd and 3rd nearest, and who has a choice within the circle', async () => {
    await new ResidentialPointRepository(p.db).insertMany([
      {
        id: 'home',
        districtCode: '510104',
        lon: 104.063,
        lat: 30.653,
        population: { '0-2': 30, '3-5': 0, '6-14': 0, '15-59': 70, '60-64': 0, '65-79': 0, '80+': 0 },
        total: 100,
        synthetic: false,
        source: 'test',
      },
    ]);
    // Due north of the home: 100 m, 300 m and 2,000 m.
    for (const [name, metres] of [
      ['近', 100],
      ['中', 300],
      ['远', 2000],
    ] as const) {
      await childcare(name, 104.063, 30.653 + metres / EARTH_M_PER_DEG_LAT);
    }
    const walk = (metres: number) => (metres * 1.3) / 1.2;
    const first = await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'childcare', n: 1 });
    expect(first.method).toBe('straightLine');
    expect(first.approximation?.zh).toContain('近似值');
    expect(first.seconds[0]).toBeCloseTo(walk(100), -1);
    const second = await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'childcare', n: 2 });
    expect(second.seconds[0]).toBeCloseTo(walk(300), -1);
    // Only the children under 3 count for childcare: 30 people, with two centres within 15 minutes.
    expect(second.all).toMatchObject({ population: 30, withChoice: 30, share: 1 });
    const third = await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'childcare', n: 3 });
    expect(third.seconds[0]).toBeCloseTo(walk(2000), -1); // 2,167 s: beyond 15 minutes, within the search
    expect(third.all).toMatchObject({ withChoice: 0, share: 0 });
    expect(third.byDistrict).toEqual([expect.objectContaining({ districtCode: '510104', withChoice: 0 })]);
    const fourth = await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'childcare', n: 4 });
    expect(fourth.seconds[0]).toBeNull();
    expect(fourth.all.medianSeconds).toBeNull();
    await expectFuwuError(getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'childcare', n: 0 }), 'invalid_input');
    await expectFuwuError(getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'childcare', n: 17 }), 'invalid_input');
  });

  it('walks over the imported network: the corner of the grid is 519 s from node 1', async () => {
    await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    const kindergarten = (name: string, lon: number, lat: number) =>
      createFacility(p.ctx, p.admin, {
        name,
        type: 'kindergarten',
        lon,
        lat,
        districtCode: '510104',
        capacities: { places: 20 },
        source: 'test',
      });
    // One kindergarten at OSM node 1 (104.06, 30.65); the home stands at node 16: 3 × 80 s + 3 × 93 s.
    await kindergarten('节点1', 104.06, 30.65);
    const one = await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'kindergarten', n: 1 });
    expect(one.method).toBe('network');
    expect(one.approximation).toBeNull();
    expect(one.inputs.network).toMatch(/^[0-9a-f]{64}$/);
    expect(one.seconds).toEqual([519]);
    // A second one at the home's own node: it becomes the nearest (0 s) and node 1 the second.
    await kindergarten('节点16', 104.063, 30.653);
    expect((await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'kindergarten', n: 1 })).seconds).toEqual([0]);
    expect((await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'kindergarten', n: 2 })).seconds).toEqual([519]);
    expect((await getNthNearest(p.ctx, SYSTEM_ACTOR, { type: 'kindergarten', n: 3 })).seconds).toEqual([
      null,
    ]);
  });
});
