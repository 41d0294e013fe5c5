/**
 * Residential point tables (CSV, XLSX, or GeoJSON points turned into rows): one place where people
 * live per row, with its population by disjoint age band. A header in English or Chinese; problems
 * carry the row number (header = 1) and the column as the file names it. A file may give the seven
 * bands, or only a total: the bands are then estimated from the city's census shares (largest
 * remainder, so they add up to the total) and the point says its bands are estimated.
 */
import { numberOf } from '../shared/draft-reader.ts';
import type { FieldProblem } from '../shared/errors.ts';
import type { AgeBand, BandCounts } from './age-bands.ts';
import { AGE_BANDS } from './age-bands.ts';
import { apportionLargestRemainder } from './apportion.ts';

export interface ResidentialPointDraft {
  id: string;
  districtCode: string;
  townshipCode: string | null;
  communityCode: string | null;
  lon: number;
  lat: number;
  population: BandCounts;
  total: number;
  /** The bands were estimated from a total by census shares, not given. */
  bandsEstimated: boolean;
}

export interface ResidentialPointContext {
  districtCodes: ReadonlySet<string>;
  /** A township's district, or null when the code is unknown. */
  townshipDistrict: (code: string) => string | null;
  /** A community's township, or null when the code is unknown. */
  communityTownship: (code: string) => string | null;
  bounds: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** Shares per band summing to 1, used when a row gives only a total. */
  bandShares: BandCounts;
}

export type ToWgs84 = (lon: number, lat: number) => [number, number];

const BAND_COLUMNS: Record<AgeBand, string[]> = {
  '0-2': ['pop_0_2', '0-2岁', '0至2岁'],
  '3-5': ['pop_3_5', '3-5岁', '3至5岁'],
  '6-14': ['pop_6_14', '6-14岁', '6至14岁'],
  '15-59': ['pop_15_59', '15-59岁', '15至59岁'],
  '60-64': ['pop_60_64', '60-64岁', '60至64岁'],
  '65-79': ['pop_65_79', '65-79岁', '65至79岁'],
  '80+': ['pop_80_plus', '80岁及以上', '80岁以上'],
};

/** Column → field, with the Chinese names Chinese statistics use. */
const COLUMNS: Record<string, string> = {
  id: 'id',
  编号: 'id',
  district_code: 'districtCode',
  区县代码: 'districtCode',
  township_code: 'townshipCode',
  街道代码: 'townshipCode',
  乡镇街道代码: 'townshipCode',
  community_code: 'communityCode',
  社区代码: 'communityCode',
  lon: 'lon',
  lng: 'lon',
  经度: 'lon',
  lat: 'lat',
  纬度: 'lat',
  total: 'total',
  人口: 'total',
  常住人口: 'total',
  ...Object.fromEntries(
    Object.entries(BAND_COLUMNS).flatMap(([band, names]) => names.map((n) => [n, `band:${band}`])),
  ),
};

/** Required columns as a file should name them (English, then Chinese), for the missing-column message. */
const REQUIRED_COLUMNS: Record<string, string> = {
  id: 'id (编号)',
  districtCode: 'district_code (区县代码)',
  lon: 'lon (经度)',
  lat: 'lat (纬度)',
};
const TOTAL_OR_BANDS = 'total (常住人口) | pop_0_2 … pop_80_plus';

const MAX_ID_LENGTH = 64;
/** More people than this at one point is a typo (a whole township at one address). */
const MAX_POINT_POPULATION = 200_000;

const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';

export function parseResidentialPointTable(
  table: readonly (readonly unknown[])[],
  ctx: ResidentialPointContext,
  toWgs84: ToWgs84 | null,
): { drafts: Array<ResidentialPointDraft & { row: number }>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const header = (table[0] ?? []).map((h) => String(h ?? '').trim());
  const fieldAt = header.map((h) => COLUMNS[h] ?? COLUMNS[h.toLowerCase()] ?? null);
  const columnOf = (field: string) => header[fieldAt.indexOf(field)] ?? field;
  const bandFields = AGE_BANDS.map((b) => `band:${b}`);
  const hasAllBands = bandFields.every((f) => fieldAt.includes(f));
  const hasSomeBands = bandFields.some((f) => fieldAt.includes(f));
  const missing = Object.entries(REQUIRED_COLUMNS)
    .filter(([f]) => !fieldAt.includes(f))
    .map(([, name]) => name);
  if (!hasAllBands && !fieldAt.includes('total')) missing.push(TOTAL_OR_BANDS);
  if (hasSomeBands && !hasAllBands) {
    const absent = AGE_BANDS.filter((b) => !fieldAt.includes(`band:${b}`));
    problems.push({
      row: 1,
      field: 'header',
      zh: `年龄段列不全，缺少：${absent.join('、')}`,
      en: `age band columns are incomplete; missing: ${absent.join(', ')}`,
    });
  }
  if (missing.length > 0) {
    problems.push({
      row: 1,
      field: 'header',
      zh: `缺少列：${missing.join('、')}`,
      en: `missing columns: ${missing.join(', ')}`,
    });
  }
  if (problems.length > 0) return { drafts: [], problems };

  const seen = new Map<string, number>();
  const drafts: Array<ResidentialPointDraft & { row: number }> = [];
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every(blank)) return;
    const input: Record<string, unknown> = {};
    fieldAt.forEach((field, c) => {
      if (field) input[field] = cells[c];
    });
    const rowProblems: FieldProblem[] = [];
    const fail = (field: string, zh: string, en: string) =>
      rowProblems.push({ row, field: columnOf(field), zh, en });

    const id = blank(input.id) ? '' : String(input.id).trim();
    if (!id) fail('id', '不能为空', 'is required');
    else if (id.length > MAX_ID_LENGTH)
      fail('id', `不能超过 ${MAX_ID_LENGTH} 个字符`, `must be at most ${MAX_ID_LENGTH} characters`);
    else if (seen.has(id)) fail('id', `与第 ${seen.get(id)} 行重复`, `repeats the id of row ${seen.get(id)}`);
    else seen.set(id, row);

    const districtCode = blank(input.districtCode) ? '' : String(input.districtCode).trim();
    if (!ctx.districtCodes.has(districtCode))
      fail(
        'districtCode',
        `未知区县代码：${districtCode || '（空）'}`,
        `unknown district code: ${districtCode || '(empty)'}`,
      );
    const townshipCode = blank(input.townshipCode) ? null : String(input.townshipCode).trim();
    const communityCode = blank(input.communityCode) ? null : String(input.communityCode).trim();
    if (townshipCode !== null) {
      const d = ctx.townshipDistrict(townshipCode);
      if (d === null)
        fail(
          'townshipCode',
          `未知街道（乡镇）代码：${townshipCode}`,
          `unknown township code: ${townshipCode}`,
        );
      else if (d !== districtCode)
        fail(
          'townshipCode',
          `街道 ${townshipCode} 不属于区县 ${districtCode}`,
          `township ${townshipCode} is not in district ${districtCode}`,
        );
    }
    let township = townshipCode;
    if (communityCode !== null) {
      const t = ctx.communityTownship(communityCode);
      if (t === null)
        fail('communityCode', `未知社区代码：${communityCode}`, `unknown community code: ${communityCode}`);
      else if (townshipCode !== null && t !== townshipCode)
        fail(
          'communityCode',
          `社区 ${communityCode} 不属于街道 ${townshipCode}`,
          `community ${communityCode} is not in township ${townshipCode}`,
        );
      else if (ctx.townshipDistrict(t) !== districtCode)
        fail(
          'communityCode',
          `社区 ${communityCode} 不属于区县 ${districtCode}`,
          `community ${communityCode} is not in district ${districtCode}`,
        );
      else township = t;
    }

    let lon = numberOf(input.lon);
    let lat = numberOf(input.lat);
    if (blank(input.lon) || !Number.isFinite(lon))
      fail('lon', '应为数字（度）', 'must be a number (degrees)');
    if (blank(input.lat) || !Number.isFinite(lat))
      fail('lat', '应为数字（度）', 'must be a number (degrees)');
    if (Number.isFinite(lon) && Number.isFinite(lat) && !blank(input.lon) && !blank(input.lat)) {
      if (toWgs84) [lon, lat] = toWgs84(lon, lat);
      const b = ctx.bounds;
      if (!(lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat))
        fail(
          'lon',
          `坐标 (${lon}, ${lat}) 不在本市范围内（经纬度是否写反？）`,
          `(${lon}, ${lat}) is outside the city (longitude and latitude swapped?)`,
        );
    }

    const count = (field: string): number | null => {
      const v = input[field];
      const n = numberOf(v);
      if (blank(v) || !Number.isInteger(n) || n < 0) {
        fail(field, '应为非负整数', 'must be a whole number ≥ 0');
        return null;
      }
      return n;
    };
    let population: BandCounts | null = null;
    let bandsEstimated = false;
    if (hasAllBands) {
      const counts = AGE_BANDS.map((b) => count(`band:${b}`));
      if (counts.every((c) => c !== null)) {
        population = Object.fromEntries(AGE_BANDS.map((b, k) => [b, counts[k]])) as BandCounts;
        const sum = counts.reduce((s, c) => s + (c as number), 0);
        if (fieldAt.includes('total') && !blank(input.total) && Number(input.total) !== sum)
          fail('total', `与各年龄段之和 ${sum} 不符`, `differs from the sum of the age bands, ${sum}`);
      }
    } else {
      const total = count('total');
      if (total !== null) {
        const parts = apportionLargestRemainder(
          total,
          AGE_BANDS.map((b) => ctx.bandShares[b]),
        );
        population = Object.fromEntries(AGE_BANDS.map((b, k) => [b, parts[k]])) as BandCounts;
        bandsEstimated = true;
      }
    }
    const total = population ? AGE_BANDS.reduce((s, b) => s + population[b], 0) : 0;
    if (population && total > MAX_POINT_POPULATION)
      fail(
        hasAllBands ? `band:${AGE_BANDS[0]}` : 'total',
        `一个居民点不应超过 ${MAX_POINT_POPULATION} 人`,
        `a residential point must not hold more than ${MAX_POINT_POPULATION} people`,
      );

    problems.push(...rowProblems);
    if (rowProblems.length === 0 && population) {
      drafts.push({
        row,
        id,
        districtCode,
        townshipCode: township,
        communityCode,
        lon,
        lat,
        population,
        total,
        bandsEstimated,
      });
    }
  });
  return { drafts, problems };
}
