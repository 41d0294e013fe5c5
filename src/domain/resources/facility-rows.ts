/**
 * Facility tables (CSV, XLSX, or GeoJSON points turned into rows): a header in English or Chinese,
 * one facility per row, each checked by validateFacility. Problems carry the row number (header = 1)
 * and the column as the file names it. Coordinates in GCJ-02 or BD-09 are converted by the function
 * the caller passes, before the range check, so every stored point is WGS84.
 */
import type { CoordinateSystem } from '../geo/china-coordinates.ts';
import { numberOf } from '../shared/draft-reader.ts';
import type { FieldProblem } from '../shared/errors.ts';
import type { CapacityKey, FacilityContext, FacilityDraft } from './facility.ts';
import { FACILITY_TYPES, FACILITY_TYPE_LABELS } from './facility.ts';

export const COORDINATE_SYSTEMS: readonly CoordinateSystem[] = ['wgs84', 'gcj02', 'bd09'];
export type ToWgs84 = (lon: number, lat: number) => [number, number];

/** Column → field, with the Chinese names Chinese registries use. */
const COLUMNS: Record<string, string> = {
  name: 'name',
  名称: 'name',
  type: 'type',
  类型: 'type',
  lon: 'lon',
  经度: 'lon',
  lng: 'lon',
  lat: 'lat',
  纬度: 'lat',
  district_code: 'districtCode',
  区县代码: 'districtCode',
  区域代码: 'districtCode',
  community_code: 'communityCode',
  社区代码: 'communityCode',
  ownership: 'ownership',
  性质: 'ownership',
  status: 'status',
  状态: 'status',
  opening_date: 'openingDate',
  开办日期: 'openingDate',
  source: 'source',
  来源: 'source',
  beds: 'capacities.beds',
  床位: 'capacities.beds',
  nursing_beds: 'capacities.nursingBeds',
  护理型床位: 'capacities.nursingBeds',
  places: 'capacities.places',
  学位托位: 'capacities.places',
  seats: 'capacities.seats',
  座位: 'capacities.seats',
  floor_area_m2: 'capacities.floorAreaM2',
  建筑面积: 'capacities.floorAreaM2',
  nurses: 'capacities.nurses',
  护士: 'capacities.nurses',
  physicians: 'capacities.physicians',
  医师: 'capacities.physicians',
};
const REQUIRED = ['name', 'type', 'lon', 'lat', 'districtCode', 'source'];

/** A type given by code or by its Chinese or English label. */
export function facilityTypeOf(value: string): string {
  const v = value.trim();
  for (const t of FACILITY_TYPES) {
    const l = FACILITY_TYPE_LABELS[t];
    if (v === t || v === l.zh || v.toLowerCase() === l.en.toLowerCase()) return t;
  }
  return v;
}

export function parseFacilityTable(
  table: readonly (readonly unknown[])[],
  contextFor: (communityCode: string | null) => FacilityContext,
  validate: (
    input: Record<string, unknown>,
    ctx: FacilityContext,
  ) => { draft: FacilityDraft | null; problems: FieldProblem[] },
  toWgs84: ToWgs84 | null,
): { drafts: Array<FacilityDraft & { row: number }>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const header = (table[0] ?? []).map((h) => String(h ?? '').trim());
  const fieldAt = header.map((h) => COLUMNS[h] ?? COLUMNS[h.toLowerCase()] ?? null);
  const columnOf = (field: string) => header[fieldAt.indexOf(field)] ?? field;
  const missing = REQUIRED.filter((f) => !fieldAt.includes(f));
  if (missing.length > 0) {
    problems.push({
      row: 1,
      field: 'header',
      zh: `缺少列：${missing.join('、')}`,
      en: `missing columns: ${missing.join(', ')}`,
    });
    return { drafts: [], problems };
  }
  const drafts: Array<FacilityDraft & { row: number }> = [];
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return;
    const input: Record<string, unknown> = { capacities: {} };
    fieldAt.forEach((field, c) => {
      if (!field) return;
      const v = cells[c];
      if (field.startsWith('capacities.'))
        (input.capacities as Record<CapacityKey, unknown>)[field.slice(11) as CapacityKey] = v;
      else input[field] = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    });
    input.type = facilityTypeOf(String(input.type ?? ''));
    const lon = numberOf(input.lon);
    const lat = numberOf(input.lat);
    if (toWgs84 && Number.isFinite(lon) && Number.isFinite(lat)) [input.lon, input.lat] = toWgs84(lon, lat);
    const community = String(input.communityCode ?? '').trim() || null;
    const r = validate(input, contextFor(community));
    for (const p of r.problems) problems.push({ ...p, row, field: columnOf(p.field) });
    if (r.draft) drafts.push({ ...r.draft, row });
  });
  return { drafts, problems };
}
