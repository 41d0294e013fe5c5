/** The facility registry: add, change with a reason, remove, history, scopes, over HTTP. */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { createFacility, deleteFacility, updateFacility } from '../../src/app/resources/facilities.ts';
import { importFacilities } from '../../src/app/resources/import-facilities.ts';
import { getNormGaps, renderNormGapsXlsx } from '../../src/app/resources/get-norm-gaps.ts';
import ExcelJS from 'exceljs';
import { wgs84ToGcj02 } from '../../src/domain/geo/china-coordinates.ts';
import { FacilityRepository } from '../../src/store/repositories/facility.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  createUserAs,
  engineName,
  expectFuwuError,
  openTestPlatform,
} from '../support/test-db.ts';

const hospital = {
  name: '锦江区妇幼保健院',
  type: 'hospital',
  lon: 104.08,
  lat: 30.65,
  districtCode: '510104',
  communityCode: '510104017001',
  capacities: { beds: 300, physicians: 85 },
  source: '区卫健局',
};

describe(`facility registry (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  beforeAll(async () => {
    p = await openTestPlatform();
    app = await buildServer(p.ctx);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('adds, changes with a reason and removes a facility, keeping every version', async () => {
    const f = await createFacility(p.ctx, p.admin, hospital);
    expect(f).toMatchObject({
      name: hospital.name,
      revision: 1,
      capacities: { beds: 300, physicians: 85 },
      ownership: 'public',
    });
    const noReason = await expectFuwuError(
      updateFacility(p.ctx, p.admin, f.id, { ...hospital, capacities: { beds: 320 } }, ''),
      'invalid_input',
    );
    expect(noReason.problems.map((x) => x.field)).toEqual(['reason']);
    const changed = await updateFacility(
      p.ctx,
      p.admin,
      f.id,
      { ...hospital, capacities: { beds: 320 } },
      '扩建',
    );
    expect(changed).toMatchObject({ revision: 2, capacities: { beds: 320 } });
    await deleteFacility(p.ctx, p.admin, f.id, '撤并');
    const history = await p.db.query<{
      revision: number;
      previous: { capacities: { beds: number } } | null;
      reason: string;
    }>(
      "SELECT revision, previous, reason FROM revisions WHERE table_name = 'facilities' AND row_key = $1 ORDER BY id",
      [String(f.id)],
    );
    expect(history.rows.map((h) => [h.revision, h.reason])).toEqual([
      [1, 'entered'],
      [2, '扩建'],
      [3, '撤并'],
    ]);
    expect(history.rows[1]?.previous?.capacities.beds).toBe(300);
    const audit = await p.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'facility' ORDER BY id",
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      'facility.create',
      'facility.update',
      'facility.delete',
    ]);
  });

  it('rejects bad input naming fields, and stores nothing', async () => {
    const before = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM facilities');
    const e = await expectFuwuError(
      createFacility(p.ctx, p.admin, { ...hospital, lon: 30.65, lat: 104.08, type: 'tower' }),
      'invalid_input',
    );
    expect(e.problems.map((x) => x.field).sort()).toEqual(['lon', 'type']);
    const after = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM facilities');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('scopes writers: a health officer adds hospitals, not schools; a district officer only in its district', async () => {
    const health = await createUserAs(p.ctx, p.admin, {
      username: 'health1',
      role: 'departmentOfficer',
      sector: 'health',
    });
    await createFacility(p.ctx, health, { ...hospital, name: '社区医院' });
    await expectFuwuError(
      createFacility(p.ctx, health, { ...hospital, type: 'primarySchool', name: '小学' }),
      'forbidden',
    );
    const jinjiang = await createUserAs(p.ctx, p.admin, {
      username: 'jinjiang1',
      role: 'districtOfficer',
      districtCode: '510104',
    });
    await createFacility(p.ctx, jinjiang, { ...hospital, type: 'park', name: '公园', communityCode: null });
    await expectFuwuError(
      createFacility(p.ctx, jinjiang, {
        ...hospital,
        name: '青羊某院',
        districtCode: '510105',
        communityCode: null,
        lon: 104.05,
      }),
      'forbidden',
    );
  });

  it('serves the registry over HTTP with filters and bilingual errors', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'health1', password: USER_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `fuwu_session=${login.cookies.find((c) => c.name === 'fuwu_session')?.value}`;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const call = (method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse> =>
      app.inject({ method, url, headers: { cookie, 'x-fuwu-csrf': csrf }, ...(payload ? { payload } : {}) });
    const created = await call('POST', '/api/facilities', { ...hospital, name: '第三人民医院' });
    expect(created.statusCode, created.body).toBe(201);
    const bad = await call('POST', '/api/facilities', { ...hospital, capacities: { beds: -5 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json<{ problems: Array<{ field: string; zh: string; en: string }> }>().problems[0],
    ).toMatchObject({
      field: 'capacities.beds',
    });
    const list = await call('GET', '/api/facilities?type=hospital&district=510104');
    expect(list.json<Array<{ name: string }>>().map((f) => f.name)).toEqual(
      expect.arrayContaining(['社区医院', '第三人民医院']),
    );
    expect((await call('GET', '/api/facilities?type=park')).json<unknown[]>()).toHaveLength(1);
    // Name search (the scenario editor's picker) and ids, with the other filters.
    const named = await call('GET', `/api/facilities?q=${encodeURIComponent('第三人民')}&district=510104`);
    expect(named.json<Array<{ name: string }>>().map((f) => f.name)).toEqual(['第三人民医院']);
    expect((await call('GET', '/api/facilities?q=nowhere-such-name')).json<unknown[]>()).toHaveLength(0);
    const byId = await call('GET', `/api/facilities?ids=${created.json<{ id: number }>().id}`);
    expect(byId.json<Array<{ name: string }>>().map((f) => f.name)).toEqual(['第三人民医院']);
    expect((await call('GET', '/api/facilities?ids=1;DROP')).statusCode).toBe(400);
    const id = created.json<{ id: number }>().id;
    expect((await call('GET', `/api/facilities/${id}/revisions`)).json<unknown[]>()).toHaveLength(1);
  });

  describe('import', () => {
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const count = async () =>
      (await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM facilities')).rows[0]?.n;

    it('imports a CSV with Chinese headers and type labels, converting GCJ-02 to WGS84', async () => {
      const wgs: [number, number] = [104.0665, 30.5728];
      const [glon, glat] = wgs84ToGcj02(wgs);
      const csv = [
        '名称,类型,经度,纬度,区县代码,社区代码,床位,护理型床位,来源',
        `示例养老院,养老机构,${glon},${glat},510104,510104017001,120,60,民政局`,
        `示例幼儿园,kindergarten,${glon + 0.01},${glat},510104,,,,教育局`,
      ].join('\n');
      const r = await importFacilities(
        p.ctx,
        p.admin,
        { name: 'facilities-gcj.csv', bytes: utf8(csv) },
        'gcj02',
      );
      expect(r).toEqual({ accepted: true, rows: 2, created: 2, crs: 'gcj02' });
      const [home] = await new FacilityRepository(p.db).list({ type: 'elderlyCareInstitution' });
      expect(home).toMatchObject({
        name: '示例养老院',
        capacities: { beds: 120, nursingBeds: 60 },
        communityCode: '510104017001',
      });
      // Stored as WGS84: the GCJ-02 offset (hundreds of metres) is removed to well under a metre.
      expect(Math.abs((home?.lon ?? 0) - wgs[0])).toBeLessThan(1e-5);
      expect(Math.abs((home?.lat ?? 0) - wgs[1])).toBeLessThan(1e-5);
      const history = await p.db.query<{ reason: string }>(
        "SELECT reason FROM revisions WHERE table_name = 'facilities' AND row_key = $1",
        [String(home?.id)],
      );
      expect(history.rows[0]?.reason).toContain('facilities-gcj.csv');
    });

    it('imports GeoJSON points', async () => {
      const geo = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [104.07, 30.66] },
            properties: {
              name: '图书馆甲',
              type: 'library',
              district_code: '510104',
              seats: 300,
              source: '文广旅局',
            },
          },
        ],
      };
      const r = await importFacilities(p.ctx, p.admin, {
        name: 'libraries.geojson',
        bytes: utf8(JSON.stringify(geo)),
      });
      expect(r.created).toBe(1);
      expect((await new FacilityRepository(p.db).list({ type: 'library' }))[0]).toMatchObject({
        capacities: { seats: 300 },
        lon: 104.07,
      });
    });

    it('rejects a file with broken rows, naming row and column, and imports nothing', async () => {
      const before = await count();
      const csv = [
        'name,type,lon,lat,district_code,beds,source',
        '好医院,hospital,104.07,30.66,510104,100,卫健委',
        '坏医院,hospital,30.66,104.07,510104,100,卫健委',
        '无名,castle,104.07,30.66,510104,,卫健委',
        '负床位,hospital,104.07,30.66,510104,-3,卫健委',
      ].join('\n');
      const e = await expectFuwuError(
        importFacilities(p.ctx, p.admin, { name: 'broken.csv', bytes: utf8(csv) }),
        'import_rejected',
      );
      expect(e.problems.map((x) => [x.row, x.field])).toEqual([
        [3, 'lon'],
        [4, 'type'],
        [5, 'beds'],
      ]);
      expect(await count()).toBe(before);
      const missing = await expectFuwuError(
        importFacilities(p.ctx, p.admin, {
          name: 'no-lat.csv',
          bytes: utf8('name,type,lon,district_code,source\na,park,104,510104,x'),
        }),
        'import_rejected',
      );
      expect(missing.problems[0]).toMatchObject({ row: 1, field: 'header' });
      await expectFuwuError(
        importFacilities(p.ctx, p.admin, { name: 'x.csv', bytes: utf8(csv) }, 'utm'),
        'invalid_input',
      );
    });
  });

  it('computes the gap table from the registry and exports it as a workbook', async () => {
    const before = (await getNormGaps(p.ctx, SYSTEM_ACTOR, '510104')).rows.find(
      (r) => r.normCode === 'N-childcare-places-per-thousand',
    );
    expect(before).toMatchObject({ computable: true, districtName: '锦江区' });
    const population = before?.population as number;
    expect(before?.required).toBeCloseTo((6.5 * population) / 1000, 6);
    await createFacility(p.ctx, p.admin, {
      ...hospital,
      name: '托育中心',
      type: 'childcare',
      capacities: { places: 400 },
      communityCode: null,
    });
    const after = (await getNormGaps(p.ctx, SYSTEM_ACTOR, '510104')).rows.find(
      (r) => r.normCode === 'N-childcare-places-per-thousand',
    );
    expect(after?.supply).toBe((before?.supply ?? 0) + 400);
    expect(after?.gap).toBeCloseTo(Math.max(0, (after?.required ?? 0) - (after?.supply ?? 0)), 6);
    const ambulances = (await getNormGaps(p.ctx, SYSTEM_ACTOR, '510104')).rows.find(
      (r) => r.normCode === 'N-ambulance-per-30000',
    );
    expect(ambulances).toMatchObject({ computable: false, gap: null });
    const bytes = await renderNormGapsXlsx(await getNormGaps(p.ctx, SYSTEM_ACTOR));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('资源缺口');
    expect(ws?.getRow(1).getCell(1).value).toBe('区（市）县');
    expect(ws?.rowCount).toBeGreaterThan(20);
  });
});
