/**
 * What the accessibility db tests build their cases from: residential points with people in one age
 * band, the small OSM grid whose walking times are worked out by hand in its file, and a platform
 * with a network directory of its own (removed on close).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFacility } from '../../src/app/resources/facilities.ts';
import type { AgeBand, BandCounts } from '../../src/domain/people/age-bands.ts';
import { AGE_BANDS } from '../../src/domain/people/age-bands.ts';
import type { ResidentialPointRow } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from './test-db.ts';
import { openTestPlatform } from './test-db.ts';

/** 4 × 4 nodes, 80 s east–west and 93 s north–south on foot (see the file's comments). */
export const SMALL_GRID_OSM = fileURLToPath(new URL('../fixtures/osm/small-grid.osm', import.meta.url));

/** `n` people in `band`, none in the others. */
export function bandsWith(band: AgeBand, n: number): BandCounts {
  const counts = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as BandCounts;
  counts[band] = n;
  return counts;
}

/** A real (not synthetic) test point of `total` people, all in `band` unless `population` is given. */
export function testPoint(
  id: string,
  lon: number,
  lat: number,
  opts: { total?: number; band?: AgeBand; population?: BandCounts; districtCode?: string } = {},
): ResidentialPointRow {
  const population = opts.population ?? bandsWith(opts.band ?? '15-59', opts.total ?? 100);
  return {
    id,
    districtCode: opts.districtCode ?? '510104',
    lon,
    lat,
    population,
    total: AGE_BANDS.reduce((s, b) => s + population[b], 0),
    synthetic: false,
    source: 'test',
  };
}

/** The childcare facility (50 places) at the small grid's node 1, the one the network tests walk from. */
export async function addGridChildcare(p: TestPlatform): ReturnType<typeof createFacility> {
  return createFacility(p.ctx, p.admin, {
    name: '托育点',
    type: 'childcare',
    lon: 104.06,
    lat: 30.65,
    districtCode: '510104',
    capacities: { places: 50 },
    source: 'test',
  });
}

/** A test platform whose walking networks are written to a temporary directory of its own. */
export async function openNetworkTestPlatform(): Promise<TestPlatform> {
  const p = await openTestPlatform();
  const dir = mkdtempSync(join(tmpdir(), 'fuwu-network-'));
  p.ctx.networkDir = dir;
  return {
    ...p,
    close: async () => {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
