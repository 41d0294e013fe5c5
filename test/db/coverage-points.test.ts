/**
 * The coverage map's data (GET /api/coverage/points): walking seconds and nearest facility per point,
 * by straight line (distance × 1.3 at 1.2 m/s, flagged) and, after importing the OSM fixture, over
 * the network (519 s from node 1 to node 16, by arithmetic); catchments and coverage from the same
 * computation as the coverage report.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { getCoveragePoints } from '../../src/app/resources/get-coverage-points.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  addGridChildcare,
  openNetworkTestPlatform,
  SMALL_GRID_OSM,
  testPoint,
} from '../support/residential-fixtures.ts';
import { engineName, expectFuwuError } from '../support/test-db.ts';

const point = (id: string, lon: number, lat: number, total: number) => testPoint(id, lon, lat, { total });

/** Great-circle metres (spherical Earth): independent of the app's local projection. */
function metresBetween(a: [number, number], b: [number, number]): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

describe(`coverage map points (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openNetworkTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('gives each point its walking time and nearest facility, straight-line then over the network', async () => {
    await new ResidentialPointRepository(p.db).insertMany([
      point('r16', 104.063, 30.653, 100), // OSM node 16: 519 s on foot from node 1
      point('far', 104.2, 30.75, 40), // about 17 km away: beyond three circles
    ]);
    await addGridChildcare(p);

    const straight = await getCoveragePoints(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(straight).toMatchObject({
      type: 'childcare',
      method: 'straightLine',
      network: null,
      circle: { minutes: 15, seconds: 900 },
      inputs: { residentialPoints: 2, facilities: 1, networkSha256: null },
      usesSyntheticData: false,
    });
    expect(straight.approximation?.zh).toContain('近似值');
    const near = straight.points.lon.findIndex((lon) => lon === 104.063);
    expect(near).toBeGreaterThanOrEqual(0);
    const far = 1 - near;
    const expected = (metresBetween([104.063, 30.653], [104.06, 30.65]) * 1.3) / 1.2;
    expect(straight.points.seconds[near]).toBeCloseTo(expected, -1); // within 5 s
    expect(straight.points.facility[near]).toBe(0);
    expect(straight.points.seconds[far]).toBeNull();
    expect(straight.points.facility[far]).toBe(-1);
    expect(straight.points.population[near]).toBe(100);
    expect(straight.servedBands).toEqual(['0-2']); // childcare serves children under 3
    expect(straight.points.served[near]).toBe(0); // r16's people are all 15–59
    expect(straight.facilities).toEqual([
      expect.objectContaining({
        name: '托育点',
        lon: 104.06,
        lat: 30.65,
        population: 100,
        servedPopulation: 0,
      }),
    ]);
    expect(straight.unassignedPopulation).toBe(40);
    // The same coverage as the report's.
    const report = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(straight.coverage).toMatchObject({
      population: report.report.all.population,
      covered: report.report.all.covered,
      share: report.report.all.share,
    });
    expect(straight.coverage.covered).toBe(100);
    // Search limit: three circles of 15 minutes.
    expect(straight.searchLimitSeconds).toBe(2700);

    const meta = await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    const network = await getCoveragePoints(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(network).toMatchObject({
      method: 'network',
      approximation: null,
      network: { sha256: meta.sha256 },
      inputs: { networkSha256: meta.sha256 },
    });
    expect(network.points.seconds[near]).toBeCloseTo(519, 0);
    expect(network.points.facility[near]).toBe(0);
    expect(network.points.seconds[far]).toBeNull();

    await expectFuwuError(getCoveragePoints(p.ctx, SYSTEM_ACTOR, { type: 'spaceport' }), 'invalid_input');
    await expectFuwuError(
      getCoveragePoints(p.ctx, SYSTEM_ACTOR, { type: 'childcare', minutes: 500 }),
      'invalid_input',
    );
  });
});
