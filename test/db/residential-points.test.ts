/** Importing real residential points: all or nothing, revisions kept, synthetic points of the district replaced. */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResidentialPoints } from '../../src/app/resources/import-residential-points.ts';
import { getResidentialPointSummary } from '../../src/app/resources/residential-point-summary.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { wgs84ToGcj02 } from '../../src/domain/geo/china-coordinates.ts';
import { RevisionRepository } from '../../src/store/repositories/revision.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { countOf, createUserAs, engineName, expectFuwuError, openTestPlatform } from '../support/test-db.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const BANDS = 'pop_0_2,pop_3_5,pop_6_14,pop_15_59,pop_60_64,pop_65_79,pop_80_plus';

describe(`residential point import (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform();
    await loadSyntheticResources(p.ctx, p.admin);
  });
  afterAll(async () => {
    await p?.close();
  });

  const count = (sql: string, params: unknown[] = []) => countOf(p.db, sql, params);

  it('adds real points, estimates bands from a total, and replaces the district’s synthetic points', async () => {
    const syntheticElsewhere = await count(
      "SELECT count(*) AS n FROM residential_points WHERE synthetic AND district_code <> '510104'",
    );
    expect(
      await count(
        "SELECT count(*) AS n FROM residential_points WHERE synthetic AND district_code = '510104'",
      ),
    ).toBeGreaterThan(0);
    const r = await importResidentialPoints(
      p.ctx,
      p.admin,
      file(
        'points.csv',
        `id,district_code,township_code,lon,lat,total,${BANDS}\n` +
          'jj-1,510104,510104017,104.08,30.65,70,10,10,10,10,10,10,10\n' +
          'jj-2,510104,,104.09,30.64,7,1,1,1,1,1,1,1\n',
      ),
    );
    expect(r).toMatchObject({ rows: 2, created: 2, updated: 0, bandsEstimated: 0, districts: ['510104'] });
    expect(r.syntheticRemoved).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM residential_points WHERE district_code = '510104'")).toBe(
      2,
    );
    expect(await count('SELECT count(*) AS n FROM residential_points WHERE synthetic')).toBe(
      syntheticElsewhere,
    );
    const jj1 = await p.db.query<{
      township_code: string;
      total: number;
      synthetic: boolean;
      revision: number;
    }>("SELECT township_code, total, synthetic, revision FROM residential_points WHERE id = 'jj-1'");
    expect(jj1.rows[0]).toEqual({ township_code: '510104017', total: 70, synthetic: false, revision: 1 });

    const totalOnly = await importResidentialPoints(
      p.ctx,
      p.admin,
      file('总数.csv', '编号,区县代码,经度,纬度,常住人口\njj-3,510104,104.07,30.66,1000\n'),
    );
    expect(totalOnly).toMatchObject({ created: 1, bandsEstimated: 1, syntheticRemoved: 0 });
    const summary = await getResidentialPointSummary(p.ctx, SYSTEM_ACTOR);
    const jinjiang = summary.districts.find((d) => d.districtCode === '510104')!;
    expect(jinjiang).toMatchObject({ points: 3, population: 1077, synthetic: 0, bandsEstimated: 1 });
    const plan = await p.ctx.plan.get();
    expect(jinjiang.packPopulation).toBe(plan.districts.find((d) => d.code === '510104')!.residentPopulation);
    expect(jinjiang.packPopulation).toBeGreaterThan(500_000);
  });

  it('updates a known id and keeps its previous content as a revision', async () => {
    const r = await importResidentialPoints(
      p.ctx,
      p.admin,
      file('fix.csv', `id,district_code,lon,lat,${BANDS}\njj-2,510104,104.09,30.64,2,2,2,2,2,2,2\n`),
    );
    expect(r).toMatchObject({ created: 0, updated: 1 });
    const revisions = await new RevisionRepository(p.db).list('residential_points', 'jj-2');
    expect(revisions.map((x) => x.revision)).toEqual([1, 2]);
    expect(revisions[1]!.previous).toMatchObject({ id: 'jj-2', total: 7 });
    expect(revisions[1]!.current).toMatchObject({ id: 'jj-2', total: 14 });
    expect(revisions[1]!.reason).toBe('导入文件 import: fix.csv');
    expect(await count("SELECT revision AS n FROM residential_points WHERE id = 'jj-2'")).toBe(2);
  });

  it('rejects a file with any bad row and changes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM residential_points');
    const revisionsBefore = await count('SELECT count(*) AS n FROM revisions');
    const err = await expectFuwuError(
      importResidentialPoints(
        p.ctx,
        p.admin,
        file(
          'bad.csv',
          'id,district_code,lon,lat,total\n' +
            'ok-1,510105,104.03,30.67,5\n' +
            'bad-1,510105,30.67,104.03,5\n' +
            'bad-2,510105,104.03,30.67,-1\n',
        ),
      ),
      'import_rejected',
    );
    expect(err.problems.map((x) => [x.row, x.field])).toEqual([
      [3, 'lon'],
      [4, 'total'],
    ]);
    expect(await count('SELECT count(*) AS n FROM residential_points')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM revisions')).toBe(revisionsBefore);
    expect(
      await count("SELECT count(*) AS n FROM imports WHERE kind = 'residentialPoints' AND NOT accepted"),
    ).toBe(1);
  });

  it('reads XLSX and GeoJSON, converting GCJ-02 coordinates when told', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('居民点');
    sheet.addRow(['编号', '区县代码', '经度', '纬度', '常住人口']);
    const [gx, gy] = wgs84ToGcj02([104.06, 30.7]);
    sheet.addRow(['qy-1', '510105', gx, gy, 300]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importResidentialPoints(p.ctx, p.admin, { name: 'points.xlsx', bytes: xlsx }, 'gcj02');
    expect(r).toMatchObject({ created: 1, crs: 'gcj02', districts: ['510105'] });
    const row = await p.db.query<{ lon: number; lat: number }>(
      "SELECT lon, lat FROM residential_points WHERE id = 'qy-1'",
    );
    expect(Number(row.rows[0]!.lon)).toBeCloseTo(104.06, 5);
    expect(Number(row.rows[0]!.lat)).toBeCloseTo(30.7, 5);

    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [104.05, 30.69] },
          properties: { id: 'qy-2', district_code: '510105', total: 40 },
        },
      ],
    });
    expect(await importResidentialPoints(p.ctx, p.admin, file('p.geojson', geojson))).toMatchObject({
      created: 1,
    });
  });

  it('lets a district officer import only their own district, and a viewer not at all', async () => {
    const officer = await createUserAs(p.ctx, p.admin, {
      username: 'rp-officer',
      role: 'districtOfficer',
      districtCode: '510106',
    });
    const csv = 'id,district_code,lon,lat,total\njn-1,510106,104.04,30.70,5\nwh-1,510107,104.04,30.63,5\n';
    const err = await expectFuwuError(
      importResidentialPoints(p.ctx, officer, file('two.csv', csv)),
      'import_rejected',
    );
    expect(err.problems.map((x) => [x.row, x.field])).toEqual([[3, 'district_code']]);
    const own = await importResidentialPoints(
      p.ctx,
      officer,
      file('own.csv', csv.split('\n').slice(0, 2).join('\n')),
    );
    expect(own.created).toBe(1);
    const viewer = await createUserAs(p.ctx, p.admin, { username: 'rp-viewer', role: 'viewer' });
    await expectFuwuError(importResidentialPoints(p.ctx, viewer, file('own.csv', csv)), 'forbidden');
  });
});
