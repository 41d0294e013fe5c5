/** Townships and communities from the division tables: nesting, parents, counts, and the real tables. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSubAreas } from '../../src/domain/plan/sub-areas.ts';
import { parseCsv } from '../../src/domain/shared/csv.ts';

const FILES = { townships: 't.csv', communities: 'c.csv' };
const T_HEAD = ['code', 'name', 'type', 'districtCode', 'districtName', 'communityCount'];
const C_HEAD = ['code', 'name', 'type', 'townshipCode', 'districtCode'];
const districts = new Set(['510104', '510105']);

describe('parseSubAreas', () => {
  it('reads nested townships and communities', () => {
    const r = parseSubAreas(
      [T_HEAD, ['510104017', '锦官驿街道', 'subdistrict', '510104', '锦江区', '2']],
      [
        C_HEAD,
        ['510104017001', '水井坊社区居委会', 'community', '510104017', '510104'],
        ['510104017002', '某村', 'village', '510104017', '510104'],
      ],
      districts,
      FILES,
    );
    expect(r.problems).toEqual([]);
    expect(r.subAreas.map((s) => [s.code, s.kind, s.parent, s.districtCode])).toEqual([
      ['510104017', 'township', '510104', '510104'],
      ['510104017001', 'community', '510104017', '510104'],
      ['510104017002', 'community', '510104017', '510104'],
    ]);
  });

  it('reports each broken row by file, row and field', () => {
    const r = parseSubAreas(
      [
        T_HEAD,
        ['510104017', '甲街道', 'subdistrict', '510104', '锦江区', '1'],
        ['510199001', '乙镇', 'town', '510199', '?', '0'],
        ['510105001', '丙镇', 'town', '510104', '锦江区', '0'],
        ['510104017', '重复', 'town', '510104', '锦江区', '0'],
        ['51010401', '短', 'town', '510104', '锦江区', '0'],
        ['510104018', '丁', 'hamlet', '510104', '锦江区', '0'],
      ],
      [C_HEAD, ['510104099001', '孤儿社区', 'community', '510104099', '510104']],
      districts,
      FILES,
    );
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 't.csv:districtCode'],
      [4, 't.csv:code'],
      [5, 't.csv:code'],
      [6, 't.csv:code'],
      [7, 't.csv:type'],
      [2, 'c.csv:townshipCode'],
      [undefined, 't.csv:510104017.communityCount'],
    ]);
    for (const p of r.problems) expect(p.zh.length * p.en.length).toBeGreaterThan(0);
  });

  it('names missing columns on the header row', () => {
    const r = parseSubAreas([['code', 'name']], [C_HEAD], districts, FILES);
    expect(r.problems[0]).toMatchObject({ row: 1, field: 't.csv' });
    expect(r.problems[0]?.en).toContain('type');
  });

  it('reads the real Chengdu tables: 261 townships and 3,047 communities', () => {
    const read = (f: string) =>
      parseCsv(readFileSync(new URL(`../../packs/chengdu-2021-2025/${f}`, import.meta.url), 'utf8'));
    const all = new Set([
      '510104',
      '510105',
      '510106',
      '510107',
      '510108',
      '510112',
      '510113',
      '510114',
      '510115',
      '510116',
      '510117',
      '510118',
      '510121',
      '510129',
      '510131',
      '510181',
      '510182',
      '510183',
      '510184',
      '510185',
    ]);
    const r = parseSubAreas(read('townships.csv'), read('communities.csv'), all, FILES);
    expect(r.problems).toEqual([]);
    expect(r.subAreas.filter((s) => s.kind === 'township')).toHaveLength(261);
    expect(r.subAreas.filter((s) => s.kind === 'community')).toHaveLength(3047);
    expect(r.subAreas.filter((s) => s.type === 'village')).toHaveLength(1294);
  });
});
