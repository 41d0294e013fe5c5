/**
 * E2SFCA over the imported walking network (the hand-made OSM fixture, times known by arithmetic:
 * 80 s per block east-west, 93 s north-south), against the straight-line fallback before the import.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccessibility } from '../../src/app/resources/get-accessibility.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  addGridChildcare,
  openNetworkTestPlatform,
  SMALL_GRID_OSM,
  testPoint,
} from '../support/residential-fixtures.ts';
import { engineName } from '../support/test-db.ts';

const point = (id: string, districtCode: string, lon: number, lat: number) =>
  testPoint(id, lon, lat, { districtCode, band: '0-2', total: 100 });

describe(`accessibility over an OSM walking network (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openNetworkTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('uses walking times in seconds once a network is imported, and records its inputs', async () => {
    // One point per district so each district's figure is one point's: at OSM nodes 1 (0 s from the
    // facility), 4 (3 × 80 = 240 s) and 16 (3 × 80 + 3 × 93 = 519 s).
    await new ResidentialPointRepository(p.db).insertMany([
      point('n1', '510104', 104.06, 30.65),
      point('n4', '510105', 104.063, 30.65),
      point('n16', '510106', 104.063, 30.653),
    ]);
    await addGridChildcare(p);
    const value = (a: Awaited<ReturnType<typeof getAccessibility>>, code: string) =>
      a.byDistrict.find((d) => d.districtCode === code)?.accessibility;

    // Straight lines first: 287 m to n4 and 440 m to n16, both in the second zone (277–554 m).
    const line = await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(line).toMatchObject({ catchmentBy: 'straightLine', zoneUnit: 'metres', network: null });
    expect(line.approximation?.en).toContain('Approximation');
    expect(value(line, '510104')).toBeCloseTo(50 / (100 + 68 + 68), 9);

    const meta = await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    const net = await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(net).toMatchObject({
      catchmentBy: 'network',
      zoneUnit: 'seconds',
      catchmentSeconds: 900,
      catchmentMetres: 1080,
      approximation: null,
      network: { sha256: meta.sha256, source: 'small-grid.osm' },
      inputs: { residentialPoints: 3, facilities: 1, supply: 50, detourFactor: null },
    });
    expect(net.zones).toEqual([
      { upTo: 300, weight: 1 },
      { upTo: 600, weight: 0.68 },
      { upTo: 900, weight: 0.22 },
    ]);
    // Zones by time: n1 and n4 in the first (weight 1), n16 in the second (0.68).
    const ratio = 50 / (100 + 100 + 68);
    expect(value(net, '510104')).toBeCloseTo(ratio, 9);
    expect(value(net, '510105')).toBeCloseTo(ratio, 9);
    expect(value(net, '510106')).toBeCloseTo(0.68 * ratio, 9);
    expect(net.city).toMatchObject({ demand: 300, withoutAccess: 0 });
    expect(net.city.accessibility).toBeCloseTo(50 / 300, 9);
    expect(net.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(net.inputs.sha256).not.toBe(line.inputs.sha256);

    // Plain 2SFCA: everyone within 900 s counts fully.
    const plain = await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'childcare', method: '2sfca' });
    expect(plain.zones).toEqual([{ upTo: 900, weight: 1 }]);
    expect(value(plain, '510106')).toBeCloseTo(50 / 300, 9);

    // The 5-minute elderly circle and the 500 m park circle in seconds at 1.2 m/s.
    expect(
      (await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'elderlyServiceStation' })).catchmentSeconds,
    ).toBe(300);
    expect((await getAccessibility(p.ctx, SYSTEM_ACTOR, { type: 'park' })).catchmentSeconds).toBe(417);
  });
});
