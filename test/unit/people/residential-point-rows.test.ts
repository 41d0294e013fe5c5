import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, CHENGDU_AGE_SHARES_2020 } from '../../../src/domain/people/age-bands.ts';
import type { ResidentialPointContext } from '../../../src/domain/people/residential-point-rows.ts';
import { parseResidentialPointTable } from '../../../src/domain/people/residential-point-rows.ts';

const TOWNSHIPS: Record<string, string> = { '510104017': '510104', '510107001': '510107' };
const COMMUNITIES: Record<string, string> = { '510104017001': '510104017', '510107001001': '510107001' };
const ctx: ResidentialPointContext = {
  districtCodes: new Set(['510104', '510107']),
  townshipDistrict: (c) => TOWNSHIPS[c] ?? null,
  communityTownship: (c) => COMMUNITIES[c] ?? null,
  bounds: { minLon: 102.9, minLat: 30.0, maxLon: 105.0, maxLat: 31.5 },
  bandShares: CHENGDU_AGE_SHARES_2020.shares,
};
const BANDS_HEADER = ['pop_0_2', 'pop_3_5', 'pop_6_14', 'pop_15_59', 'pop_60_64', 'pop_65_79', 'pop_80_plus'];

describe('residential point tables', () => {
  it('reads English headers with all seven bands', () => {
    const r = parseResidentialPointTable(
      [
        ['id', 'district_code', 'township_code', 'community_code', 'lon', 'lat', ...BANDS_HEADER],
        ['p1', '510104', '510104017', '510104017001', '104.08', '30.65', 10, 20, 30, 400, 50, 60, 7],
        ['p2', '510107', '', '510107001001', 104.05, 30.62, '0', '0', '0', '1', '0', '0', '0'],
      ],
      ctx,
      null,
    );
    expect(r.problems).toEqual([]);
    expect(r.drafts).toHaveLength(2);
    expect(r.drafts[0]).toMatchObject({
      id: 'p1',
      row: 2,
      townshipCode: '510104017',
      communityCode: '510104017001',
      total: 577,
      bandsEstimated: false,
    });
    expect(r.drafts[0]!.population['80+']).toBe(7);
    // The township follows from the community when only the community is given.
    expect(r.drafts[1]).toMatchObject({ townshipCode: '510107001', total: 1 });
  });

  it('reads Chinese headers with a total only and estimates the bands by census shares', () => {
    const r = parseResidentialPointTable(
      [
        ['编号', '区县代码', '经度', '纬度', '常住人口'],
        ['a', '510104', 104.08, 30.65, 1000],
      ],
      ctx,
      null,
    );
    expect(r.problems).toEqual([]);
    const d = r.drafts[0]!;
    expect(d.bandsEstimated).toBe(true);
    expect(d.total).toBe(1000);
    expect(AGE_BANDS.reduce((s, b) => s + d.population[b], 0)).toBe(1000);
    expect(d.population['15-59']).toBe(Math.round(1000 * CHENGDU_AGE_SHARES_2020.shares['15-59']));
  });

  it('estimated bands always add up to the total, each within one person of its share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (total) => {
        const r = parseResidentialPointTable(
          [
            ['id', 'district_code', 'lon', 'lat', 'total'],
            ['x', '510104', 104, 30.6, total],
          ],
          ctx,
          null,
        );
        const d = r.drafts[0]!;
        expect(AGE_BANDS.reduce((s, b) => s + d.population[b], 0)).toBe(total);
        for (const b of AGE_BANDS)
          expect(Math.abs(d.population[b] - total * CHENGDU_AGE_SHARES_2020.shares[b])).toBeLessThan(1);
      }),
    );
  });

  it('converts coordinates before the range check', () => {
    const shift = (lon: number, lat: number): [number, number] => [lon - 0.005, lat - 0.0025];
    const r = parseResidentialPointTable(
      [
        ['id', 'district_code', 'lon', 'lat', 'total'],
        ['x', '510104', 104.085, 30.6525, 5],
      ],
      ctx,
      shift,
    );
    expect(r.drafts[0]!.lon).toBeCloseTo(104.08, 10);
    expect(r.drafts[0]!.lat).toBeCloseTo(30.65, 10);
  });

  it('names the row, the column as the file spells it, and the reason for every problem', () => {
    const r = parseResidentialPointTable(
      [
        ['编号', '区县代码', '街道代码', '社区代码', '经度', '纬度', '常住人口'],
        ['a', '510104', '510107001', '', 104.08, 30.65, 10], // township of another district
        ['a', '510104', '', '', 104.08, 30.65, 10], // repeated id
        ['b', '999999', '', '', 104.08, 30.65, 10], // unknown district
        ['c', '510104', '510104017', '510107001001', 104.08, 30.65, 10], // community of another township
        ['d', '510104', '', '', 30.65, 104.08, 10], // swapped
        ['e', '510104', '', '', 104.08, 30.65, -3], // negative
        ['f', '510104', '', '', 104.08, 30.65, 2.5], // not whole
        ['g', '510104', '', '', 104.08, 30.65, 300_000], // too many
        ['', '510104', '', '', 104.08, 30.65, 1], // no id
        [null, null, null, null, null, null, null], // blank rows are skipped
      ],
      ctx,
      null,
    );
    expect(r.drafts).toEqual([]);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => p.field);
    expect(at(2)).toEqual(['街道代码']);
    expect(at(3)).toEqual(['编号']);
    expect(at(4)).toEqual(['区县代码']);
    expect(at(5)).toEqual(['社区代码']);
    expect(at(6)).toEqual(['经度']);
    expect(at(7)).toEqual(['常住人口']);
    expect(at(8)).toEqual(['常住人口']);
    expect(at(9)).toEqual(['常住人口']);
    expect(at(10)).toEqual(['编号']);
    expect(at(11)).toEqual([]);
    for (const p of r.problems) {
      expect(p.zh.length).toBeGreaterThan(0);
      expect(p.en.length).toBeGreaterThan(0);
    }
    expect(r.problems.find((p) => p.row === 3)?.en).toBe('repeats the id of row 2');
  });

  it('refuses a header without the needed columns, or with only some bands', () => {
    const none = parseResidentialPointTable([['id', 'lon', 'lat']], ctx, null);
    expect(none.problems).toHaveLength(1);
    expect(none.problems[0]).toMatchObject({ row: 1, field: 'header' });
    expect(none.problems[0]!.en).toBe(
      'missing columns: district_code (区县代码), total (常住人口) | pop_0_2 … pop_80_plus',
    );
    const some = parseResidentialPointTable(
      [['id', 'district_code', 'lon', 'lat', 'total', 'pop_0_2', 'pop_3_5']],
      ctx,
      null,
    );
    expect(some.problems[0]!.en).toContain('missing: 6-14, 15-59, 60-64, 65-79, 80+');
  });

  it('checks a given total against the sum of the bands', () => {
    const r = parseResidentialPointTable(
      [
        ['id', 'district_code', 'lon', 'lat', 'total', ...BANDS_HEADER],
        ['x', '510104', 104, 30.6, 100, 1, 1, 1, 1, 1, 1, 1],
      ],
      ctx,
      null,
    );
    expect(r.drafts).toEqual([]);
    expect(r.problems[0]).toMatchObject({ row: 2, field: 'total' });
  });
});
