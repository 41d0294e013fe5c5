/**
 * The web layer's pure helpers: hash routes, chart scales, the district map projection, the CSV
 * template (checked against the importer's own parser), board grouping and the message dictionary.
 */
import { describe, expect, it } from 'vitest';
import { parseObservationTable } from '../../../src/domain/plan/observation-rows.ts';
import type { Area, Indicator } from '../../../src/domain/plan/pack.schema.ts';
import { areaSchema, indicatorSchema } from '../../../src/domain/plan/pack.schema.ts';
import type { BoardRow } from '../../../src/domain/plan/views.ts';
import { parseCsv } from '../../../src/domain/shared/csv.ts';
import { groupRows } from '../../../src/web/board-groups.ts';
import { linearScale, niceTicks, paddedExtent } from '../../../src/web/chart-scale.ts';
import { TEMPLATE_COLUMNS, templateCsv, templateHref } from '../../../src/web/csv-template.ts';
import { translate } from '../../../src/web/i18n.ts';
import type { BoundaryCollection } from '../../../src/web/map-projection.ts';
import { projectBoundaries } from '../../../src/web/map-projection.ts';
import { href, parseHash } from '../../../src/web/router.ts';

describe('hash routes', () => {
  it('reads every screen, its parameters and its query', () => {
    expect(parseHash('').name).toBe('board');
    expect(parseHash('#/').name).toBe('board');
    expect(parseHash('#/?year=2023&area=510104').query.get('area')).toBe('510104');
    const ind = parseHash('#/indicators/T-childcare-01?year=2022');
    expect(ind).toMatchObject({
      name: 'indicator',
      params: { code: 'T-childcare-01' },
      path: '/indicators/T-childcare-01',
    });
    expect(ind.query.get('year')).toBe('2022');
    expect(parseHash('#/observations').name).toBe('observations');
    expect(parseHash('#/reviews?kind=midTerm').name).toBe('reviews');
    expect(parseHash('#/admin').name).toBe('admin');
    expect(parseHash('#/indicators').name).toBe('notFound');
    expect(parseHash('#/nowhere/at/all').name).toBe('notFound');
  });

  it('reads the one-stop screens (issue 6) with their case and service codes', () => {
    expect(parseHash('#/portal').name).toBe('portal');
    expect(parseHash('#/portal/apply/S-04-02')).toMatchObject({
      name: 'portalApply',
      params: { code: 'S-04-02' },
    });
    expect(parseHash('#/portal/cases/C-20240102-ab12cd34')).toMatchObject({
      name: 'portalCase',
      params: { id: 'C-20240102-ab12cd34' },
    });
    expect(parseHash('#/cases?state=accepted')).toMatchObject({ name: 'caseQueue' });
    expect(parseHash('#/cases/C-1')).toMatchObject({ name: 'caseView', params: { id: 'C-1' } });
    expect(parseHash('#/register').name).toBe('register');
    expect(parseHash('#/nearby').name).toBe('nearby');
    expect(parseHash('#/portal/apply').name).toBe('notFound');
  });

  it('writes links that read back the same, leaving out empty values', () => {
    const link = href('/indicators/H01', { year: 2023, area: '510100', scope: undefined });
    expect(link).toBe('#/indicators/H01?year=2023&area=510100');
    const back = parseHash(link);
    expect(back.params.code).toBe('H01');
    expect(back.query.get('year')).toBe('2023');
    expect(href('/')).toBe('#/');
  });
});

describe('chart scales', () => {
  it('pads the extent, and widens a flat one', () => {
    expect(paddedExtent([])).toBeNull();
    expect(paddedExtent([0, 10], 0.1)).toEqual({ min: -1, max: 11 });
    expect(paddedExtent([5, 5])).toEqual({ min: 4.5, max: 5.5 });
    expect(paddedExtent([0, 0])).toEqual({ min: -1, max: 1 });
  });

  it('maps the domain onto the range linearly (y runs downwards in SVG)', () => {
    const y = linearScale({ min: 0, max: 100 }, { min: 300, max: 0 });
    expect(y(0)).toBe(300);
    expect(y(50)).toBe(150);
    expect(y(100)).toBe(0);
  });

  it('gives round ticks inside the extent, never -0', () => {
    expect(niceTicks({ min: 0, max: 10 })).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks({ min: 4.75, max: 5.25 })).toEqual([4.8, 4.9, 5, 5.1, 5.2]);
    const ticks = niceTicks({ min: -0.3, max: 120 });
    expect(ticks[0]).toBe(0);
    expect(Object.is(ticks[0], -0)).toBe(false);
    for (const v of niceTicks({ min: 3.1, max: 97.4 })) expect(v >= 3.1 && v <= 97.4).toBe(true);
  });
});

describe('district map projection', () => {
  // A 1° × 1° square at 60° N: equirectangular with cos(60°) = 0.5 makes it twice as tall as wide.
  const square = (code: string, lon: number, lat: number): BoundaryCollection['features'][number] => ({
    type: 'Feature',
    properties: { code, name: code },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 1, lat],
          [lon + 1, lat + 1],
          [lon, lat + 1],
          [lon, lat],
        ],
      ],
    },
  });

  it('scales longitude by cos(latitude) and fits the width', () => {
    const map = projectBoundaries({ type: 'FeatureCollection', features: [square('A', 10, 59.5)] }, 100, 0);
    expect(map.width).toBe(100);
    expect(map.height).toBe(200);
    expect(map.areas[0]?.code).toBe('A');
    // North is up: the first corner (south-west) is at the bottom left.
    expect(map.areas[0]?.d.startsWith('M0.0,200.0L100.0,200.0L100.0,0.0L0.0,0.0')).toBe(true);
  });

  it('draws every polygon of a multipolygon and keeps properties', () => {
    const a = square('B', 0, 0);
    const multi: BoundaryCollection['features'][number] = {
      type: 'Feature',
      properties: { code: 'M', name: '多', nameEn: 'Multi' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          a.geometry.coordinates as number[][][],
          square('x', 2, 0).geometry.coordinates as number[][][],
        ],
      },
    };
    const map = projectBoundaries({ type: 'FeatureCollection', features: [multi] }, 300, 10);
    expect(map.areas[0]).toMatchObject({ code: 'M', name: '多', nameEn: 'Multi' });
    expect(map.areas[0]?.d.match(/M/g)?.length).toBe(2);
  });

  it('returns no areas for an empty collection', () => {
    expect(projectBoundaries({ type: 'FeatureCollection', features: [] }, 100).areas).toEqual([]);
  });
});

describe('CSV template', () => {
  const h01: Indicator = indicatorSchema.parse({
    code: 'H01',
    name: '城镇调查失业率',
    nameEn: 'Surveyed urban unemployment rate',
    headline: true,
    category: 'overall',
    sector: 'employment',
    unit: '%',
    unitEn: '%',
    baseline: 4.8,
    baselineText: '4.8',
    target: { kind: 'approximately', value: 5, tolerance: 0.25 },
    targetText: '5左右',
    nature: 'expected',
    natureStated: true,
    direction: 'decrease',
    cumulativeOverPeriod: false,
    sourceRef: '专栏1',
    sourceText: '城镇调查失业率（%）\t4.8\t5左右\t预期性',
  });
  const city: Area = areaSchema.parse({
    code: '510100',
    name: '成都市',
    nameEn: 'Chengdu',
    kind: 'city',
    residentPopulation: 20937757,
    residentPopulationYear: 2020,
    registeredPopulation: null,
    areaKm2: null,
    hasBoundary: false,
    provenance: 'test',
  });

  it('has the importer header and an example row the importer accepts', () => {
    const csv = templateCsv({ indicatorCode: 'H01', areaCode: '510100', year: 2023 });
    const table = parseCsv(csv);
    expect(table[0]).toEqual([...TEMPLATE_COLUMNS]);
    const result = parseObservationTable(table, {
      indicators: new Map([['H01', h01]]),
      areas: [city],
      baselineYear: 2020,
      periodEnd: 2025,
    });
    expect(result.problems).toEqual([]);
    expect(result.drafts).toHaveLength(1);
    expect(result.drafts[0]).toMatchObject({ indicatorCode: 'H01', areaCode: '510100', year: 2023, row: 2 });
  });

  it('downloads as UTF-8 with a byte-order mark for Excel', () => {
    const link = templateHref('a,b\r\n');
    expect(link.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(link.slice(link.indexOf(',') + 1))).toBe('\uFEFFa,b\r\n');
  });
});

describe('board grouping', () => {
  const row = (code: string, category: BoardRow['category'], sector: BoardRow['sector']): BoardRow => ({
    code,
    name: code,
    nameEn: code,
    headline: true,
    category,
    sector,
    unit: '%',
    unitEn: '%',
    nature: 'expected',
    direction: 'increase',
    cumulativeOverPeriod: false,
    baseline: null,
    baselineText: '—',
    targetText: '1',
    target: { kind: 'atLeast', value: 1 },
    evaluation: null,
  });
  const rows = [row('A', 'basic', 'health'), row('B', 'overall', 'health'), row('C', 'basic', 'education')];

  it('groups by category in the plan order, then by sector, keeping row order', () => {
    const groups = groupRows(rows, 'category');
    expect(groups.map((g) => g.key)).toEqual(['category-overall', 'category-basic']);
    expect(groups[1]?.subgroups.map((s) => [s.label.zh, s.rows.map((r) => r.code)])).toEqual([
      ['学有优教', ['C']],
      ['病有良医', ['A']],
    ]);
  });

  it('groups by sector alone', () => {
    const groups = groupRows(rows, 'sector');
    expect(groups.map((g) => [g.label.en, g.rows.map((r) => r.code)])).toEqual([
      ['Education', ['C']],
      ['Health', ['A', 'B']],
    ]);
    expect(groups.every((g) => g.subgroups.length === 0)).toBe(true);
  });
});

describe('messages', () => {
  it('fills placeholders in both languages and leaves unknown ones visible', () => {
    expect(translate('zh', 'countsTotal', { n: 30 })).toBe('共 30 项');
    expect(translate('en', 'countsTotal', { n: 30 })).toBe('30 in total');
    expect(translate('en', 'savedFigure', { code: 'H01' })).toContain('{area}');
    expect(translate('zh', 'sampleBanner')).toBe('含示例数据（系统生成，非真实统计）');
  });
});
