/**
 * Several processes, one database, a network folder each (issue 7 §4: workers on several machines):
 * the database records the imported network's hash, and a process whose folder holds no network or
 * another one refuses to compute — naming its folder — rather than giving straight-line or different
 * figures; once the folder is copied it computes what the importing process computes.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { createContext } from '../../src/app/context.ts';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { getIsochrone } from '../../src/app/resources/get-isochrone.ts';
import { getNetwork, importNetwork } from '../../src/app/resources/import-network.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  addGridChildcare,
  openNetworkTestPlatform,
  SMALL_GRID_OSM,
  testPoint,
} from '../support/residential-fixtures.ts';
import { engineName, expectFuwuError } from '../support/test-db.ts';

const SYNTHETIC_PBF = fileURLToPath(new URL('../fixtures/osm/synthetic-grid.osm.pbf', import.meta.url));

describe(`each process checks its network file against the imported one (${engineName()})`, () => {
  let p: TestPlatform;
  const folders: string[] = [];
  /** Another process on the same database, with its own (empty) network folder. */
  const otherProcess = () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuwu-network-other-'));
    folders.push(dir);
    return createContext(p.db, { networkDir: dir });
  };
  beforeAll(async () => {
    p = await openNetworkTestPlatform();
    await new ResidentialPointRepository(p.db).insertMany([testPoint('r16', 104.063, 30.653)]);
    await addGridChildcare(p);
  });
  afterAll(async () => {
    await p?.close();
    for (const d of folders) rmSync(d, { recursive: true, force: true });
  });

  it('a process without the imported network refuses, naming its folder; with a copy it computes the same', async () => {
    const meta = await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    const here = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(here.method).toBe('network');

    const elsewhere = otherProcess();
    const refused = await expectFuwuError(
      getCoverage(elsewhere, SYSTEM_ACTOR, { type: 'childcare' }),
      'conflict',
    );
    expect(refused.message).toContain(elsewhere.networkDir!);
    expect(refused.message).toContain('no network file');
    expect(refused.message).toContain(meta.sha256.slice(0, 12));
    expect(refused.zh).toContain('没有路网文件');
    await expectFuwuError(
      getIsochrone(elsewhere, SYSTEM_ACTOR, { lon: 104.06, lat: 30.65, minutes: 15 }),
      'conflict',
    );
    await expectFuwuError(getNetwork(elsewhere, p.admin), 'conflict');

    cpSync(p.ctx.networkDir!, elsewhere.networkDir!, { recursive: true });
    const copied = await getCoverage(elsewhere, SYSTEM_ACTOR, { type: 'childcare' });
    expect(copied.method).toBe('network');
    expect(copied.report).toEqual(here.report);
    expect(copied.network?.sha256).toBe(meta.sha256);
  });

  it('after a new import, a process still holding the old file refuses until it has the new one', async () => {
    const stale = otherProcess();
    cpSync(p.ctx.networkDir!, stale.networkDir!, { recursive: true });
    expect((await getNetwork(stale, p.admin))?.source).toBe('small-grid.osm');

    const next = await importNetwork(p.ctx, p.admin, SYNTHETIC_PBF);
    expect((await getNetwork(p.ctx, p.admin))?.sha256).toBe(next.sha256);
    const refused = await expectFuwuError(getNetwork(stale, p.admin), 'conflict');
    expect(refused.message).toContain('another network');
    expect(refused.zh).toContain('另一个路网');

    // Each import is kept; the last is current.
    const rows = await p.db.query<{ sha256: string; current: boolean }>(
      'SELECT sha256, current FROM walking_networks ORDER BY imported_at, sha256',
    );
    expect(rows.rows.filter((r) => r.current).map((r) => r.sha256)).toEqual([next.sha256]);
    expect(rows.rows).toHaveLength(2);

    // Importing the first file again makes it current again: the stale copy is right once more.
    await importNetwork(p.ctx, p.admin, SMALL_GRID_OSM);
    expect((await getNetwork(stale, p.admin))?.source).toBe('small-grid.osm');
  });

  it('with no import recorded (a file put there by other means), the folder decides', async () => {
    await p.db.query('DELETE FROM walking_networks');
    const own = otherProcess();
    expect(await getNetwork(own, p.admin)).toBeNull();
    cpSync(p.ctx.networkDir!, own.networkDir!, { recursive: true });
    expect((await getNetwork(own, p.admin))?.source).toBe('small-grid.osm');
  });
});
