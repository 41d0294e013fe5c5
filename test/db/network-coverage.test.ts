/** Coverage over an imported OSM walking network: the hand-made fixture, times known by arithmetic. */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { importNetwork } from '../../src/app/resources/import-network.ts';
import { getIsochrone } from '../../src/app/resources/get-isochrone.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  addGridChildcare,
  openNetworkTestPlatform,
  SMALL_GRID_OSM,
  testPoint,
} from '../support/residential-fixtures.ts';
import { engineName, expectFuwuError } from '../support/test-db.ts';

describe(`coverage over an OSM walking network (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openNetworkTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('imports the network, then measures walking times over it instead of straight lines', async () => {
    await new ResidentialPointRepository(p.db).insertMany([
      // OSM node 16 (the far corner of the grid from node 1): 3 × 80 s + 3 × 93 s = 519 s on foot.
      testPoint('r16', 104.063, 30.653),
    ]);
    await addGridChildcare(p);

    const before = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(before.method).toBe('straightLine');
    expect(before.approximation).not.toBeNull();

    // Before the import, the isochrone is a straight-line circle, flagged.
    const circle = await getIsochrone(p.ctx, SYSTEM_ACTOR, { lon: 104.06, lat: 30.65, minutes: 15 });
    expect(circle).toMatchObject({ method: 'straightLine', geometry: { type: 'Polygon' } });
    expect(circle.approximation?.en).toContain('Approximation');
    expect(circle.residents).toBe(100); // r16 lies about 450 m away, inside 15 min × 1.2 m/s ÷ 1.3 = 831 m

    const meta = await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.stats).toMatchObject({ nodes: 18, edges: 20 });

    const fifteen = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(fifteen).toMatchObject({
      method: 'network',
      approximation: null,
      network: { sha256: meta.sha256, source: 'small-grid.osm' },
    });
    expect(fifteen.report.all).toEqual({ population: 100, covered: 100, share: 1 });
    expect(fifteen.catchments).toEqual({
      facilities: [expect.objectContaining({ name: '托育点', population: 100 })],
      unassigned: 0,
    });

    const five = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare', minutes: 5 });
    expect(five.report.all.covered).toBe(0);
    expect(five.report.uncovered[0]?.distanceMetres).toBeCloseTo(519 * 1.2, 6);
    expect(five.inputs.sha256).not.toBe(fifteen.inputs.sha256);

    // The isochrone of node 1 over the network: 519 s to r16, so reached in 15 minutes, not in 5.
    const iso15 = await getIsochrone(p.ctx, SYSTEM_ACTOR, { lon: 104.06, lat: 30.65, minutes: 15 });
    expect(iso15).toMatchObject({
      method: 'network',
      approximation: null,
      residents: 100,
      geometry: { type: 'MultiPoint' },
    });
    expect(iso15.reachedNodes).toBe(15); // the connected part of the grid, without the separate path's 3 nodes
    const iso5 = await getIsochrone(p.ctx, SYSTEM_ACTOR, { lon: 104.06, lat: 30.65, minutes: 5 });
    expect(iso5.residents).toBe(0);
    expect(iso5.reachedNodes).toBeLessThan(iso15.reachedNodes);
    await expectFuwuError(getIsochrone(p.ctx, SYSTEM_ACTOR, { lon: 116.4, lat: 39.9 }), 'invalid_input');
  });

  it('refuses a non-admin, a missing file and a broken .pbf file, keeping the network', async () => {
    await expectFuwuError(importNetwork(p.ctx, { ...p.admin, role: 'planner' }, SMALL_GRID_OSM), 'forbidden');
    await expectFuwuError(
      importNetwork(p.ctx, p.admin, join(p.ctx.networkDir!, 'missing.osm.pbf')),
      'invalid_input',
    );
    const before = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    const broken = join(p.ctx.networkDir!, 'x.osm.pbf');
    writeFileSync(broken, Uint8Array.from([0, 0, 0, 13, 0x0a, 9, ...Buffer.from('OSMHeader'), 0x18]));
    await expectFuwuError(importNetwork(p.ctx, p.admin, broken), 'import_rejected');
    expect((await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' })).network).toEqual(before.network);
  });
});
