/** Facility tables: headers in English or Chinese, type labels, conversion hook, row numbers; GeoJSON points as rows. */
import { describe, expect, it } from 'vitest';
import type { FacilityContext } from '../../../src/domain/resources/facility.ts';
import { validateFacility } from '../../../src/domain/resources/facility.ts';
import { facilityTypeOf, parseFacilityTable } from '../../../src/domain/resources/facility-rows.ts';
import { geojsonPointsToTable } from '../../../src/domain/shared/geojson-table.ts';

const ctx: FacilityContext = {
  districtCodes: new Set(['510104']),
  communityDistrict: () => null,
  bounds: { minLon: 102.9, minLat: 30.0, maxLon: 104.95, maxLat: 31.5 },
};
const parse = (table: unknown[][], shift: ((lon: number, lat: number) => [number, number]) | null = null) =>
  parseFacilityTable(table, () => ctx, validateFacility, shift);

describe('parseFacilityTable', () => {
  it('maps Chinese headers and labels to fields and capacities', () => {
    const r = parse([
      ['名称', '类型', '经度', '纬度', '区县代码', '学位托位', '开办日期', '来源'],
      ['托育园', '托育机构', '104.1', '30.6', '510104', '80', new Date(Date.UTC(2022, 8, 1)), '卫健委'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]).toMatchObject({
      row: 2,
      type: 'childcare',
      capacities: { places: 80 },
      openingDate: '2022-09-01',
    });
  });

  it('applies the coordinate conversion before the range check', () => {
    const table = [
      ['name', 'type', 'lon', 'lat', 'district_code', 'source'],
      ['p', 'park', '0', '0', '510104', 's'],
    ];
    expect(parse(table).problems.map((p) => p.field)).toEqual(['lon']);
    const r = parse(table, () => [104, 30.5]);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]).toMatchObject({ lon: 104, lat: 30.5 });
  });

  it('reports problems with row numbers and the column names the file uses, skipping empty rows', () => {
    const r = parse([
      ['名称', '类型', '经度', '纬度', '区县代码', '床位', '来源'],
      ['', '', '', '', '', '', ''],
      ['医院', '医院', '104.1', '30.6', '510104', '-1', ''],
    ]);
    expect(r.drafts).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [3, '床位'],
      [3, '来源'],
    ]);
  });

  it('knows types by code, Chinese and English label', () => {
    expect(facilityTypeOf('幼儿园')).toBe('kindergarten');
    expect(facilityTypeOf('Legal-service station')).toBe('legalServiceStation');
    expect(facilityTypeOf('park')).toBe('park');
    expect(facilityTypeOf('城堡')).toBe('城堡');
  });
});

describe('geojsonPointsToTable', () => {
  it('turns points into rows with every property as a column', () => {
    const r = geojsonPointsToTable({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [104, 30.5] }, properties: { name: 'a' } },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [104.1, 30.6] },
          properties: { name: 'b', beds: 3 },
        },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} },
      ],
    });
    expect(r.table).toEqual([
      ['lon', 'lat', 'name', 'beds'],
      [104, 30.5, 'a', null],
      [104.1, 30.6, 'b', 3],
      [],
    ]);
    expect(r.problems).toEqual([expect.objectContaining({ row: 4, field: 'geometry' })]);
  });

  it('refuses anything but a FeatureCollection', () => {
    expect(geojsonPointsToTable({ type: 'Feature' }).problems[0]).toMatchObject({ row: 1, field: 'file' });
  });
});
