/**
 * Townships of residential points (migration 0006): the columns and their foreign keys, the synthetic
 * assignment of the generated points (every point in a township of its district, labelled), and
 * coverage by township adding up to the districts.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { SYNTHETIC_TOWNSHIP_SOURCE } from '../../src/app/resources/township-areas.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import { bandsWith } from '../support/residential-fixtures.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { countOf, engineName, openTestPlatform } from '../support/test-db.ts';

describe(`residential points by township (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('stores a township and community per point, refuses unknown codes, and reports imported townships', async () => {
    const repo = new ResidentialPointRepository(p.db);
    await repo.insertMany([
      {
        id: 'real-1',
        districtCode: '510104',
        lon: 104.08,
        lat: 30.65,
        population: bandsWith('0-2', 100),
        total: 100,
        synthetic: false,
        source: 'test',
        townshipCode: '510104017',
        communityCode: '510104017001',
        areaSource: 'test file',
      },
      {
        id: 'real-2',
        districtCode: '510104',
        lon: 104.3,
        lat: 30.9,
        population: bandsWith('0-2', 50),
        total: 50,
        synthetic: false,
        source: 'test',
      },
    ]);
    const rows = await repo.list();
    expect(rows.find((r) => r.id === 'real-1')).toMatchObject({
      townshipCode: '510104017',
      communityCode: '510104017001',
      areaSource: 'test file',
    });
    expect(rows.find((r) => r.id === 'real-2')).toMatchObject({ townshipCode: null, communityCode: null });
    await expect(
      repo.insertMany([
        { ...rows[0]!, id: 'bad', townshipCode: '510104999', communityCode: null, areaSource: null },
      ]),
    ).rejects.toThrow();

    const cov = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(cov.byTownship.assignment).toBe('imported');
    expect(cov.byTownship.note).toBeNull();
    expect(cov.byTownship.rows).toEqual([
      expect.objectContaining({
        districtCode: '510104',
        townshipCode: '510104017',
        name: '锦官驿街道',
        districtName: '锦江区',
        population: 100,
        covered: 0,
        uncovered: 100,
      }),
      expect.objectContaining({ townshipCode: null, name: null, population: 50 }),
    ]);
    await p.db.query("DELETE FROM residential_points WHERE id LIKE 'real-%'");
  });

  it('gives every generated point a township of its district, labelled as a synthetic assignment', async () => {
    await loadSyntheticResources(p.ctx, p.admin);
    expect(
      await countOf(
        p.db,
        `SELECT count(*) AS n FROM residential_points r JOIN sub_areas s ON s.code = r.township_code
         WHERE s.kind = 'township' AND s.district_code = r.district_code AND r.area_source = $1`,
        [SYNTHETIC_TOWNSHIP_SOURCE],
      ),
    ).toBe(await countOf(p.db, 'SELECT count(*) AS n FROM residential_points'));
    const repo = new ResidentialPointRepository(p.db);
    const byTownship = await repo.totalsByTownship();
    const byDistrict = await repo.totalsByDistrict();
    for (const d of byDistrict) {
      const mine = byTownship.filter((t) => t.districtCode === d.districtCode);
      expect(mine.reduce((s, t) => s + t.population, 0)).toBe(d.population);
      expect(mine.every((t) => t.townshipCode !== null && t.population > 0)).toBe(true);
    }
    // Every township with communities got people (261 townships; those of 新津区 have none).
    expect(byTownship.length).toBeGreaterThan(200);

    const cov = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'childcare' });
    expect(cov.byTownship.assignment).toBe('synthetic');
    expect(cov.byTownship.note?.zh).toContain('示例指派');
    for (const d of cov.report.byDistrict) {
      const rows = cov.byTownship.rows.filter((r) => r.districtCode === d.districtCode);
      expect(rows.reduce((s, r) => s + r.population, 0)).toBe(d.population);
      expect(rows.reduce((s, r) => s + r.covered, 0)).toBe(d.covered);
    }
  });
});
