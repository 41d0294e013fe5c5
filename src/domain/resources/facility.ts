/**
 * Facilities: the places that deliver public services (GLOSSARY: facility). Their types, the
 * capacities the plan's norms count (beds, places, floor area, staff), ownership and status, and the
 * validation shared by entry and import, with every problem named by field in Chinese and English.
 */
import type { Sector } from '../plan/pack.schema.ts';
import type { FieldProblem } from '../shared/errors.ts';
import { isIsoDate } from '../shared/dates.ts';
import { draftReader } from '../shared/draft-reader.ts';

export const FACILITY_TYPES = [
  'childcare',
  'kindergarten',
  'primarySchool',
  'middleSchool',
  'hospital',
  'communityHealthCentre',
  'elderlyCareInstitution',
  'communityDayCareCentre',
  'elderlyServiceStation',
  'culturalCentre',
  'library',
  'sportsVenue',
  'park',
  'legalServiceStation',
  'communityServiceCentre',
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const FACILITY_TYPE_LABELS: Record<FacilityType, { zh: string; en: string; sector: Sector }> = {
  childcare: { zh: '托育机构', en: 'Childcare centre', sector: 'childcare' },
  kindergarten: { zh: '幼儿园', en: 'Kindergarten', sector: 'education' },
  primarySchool: { zh: '小学', en: 'Primary school', sector: 'education' },
  middleSchool: { zh: '中学', en: 'Middle school', sector: 'education' },
  hospital: { zh: '医院', en: 'Hospital', sector: 'health' },
  communityHealthCentre: { zh: '社区卫生服务中心', en: 'Community health centre', sector: 'health' },
  elderlyCareInstitution: { zh: '养老机构', en: 'Elderly-care institution', sector: 'elderly' },
  communityDayCareCentre: { zh: '社区日间照料中心', en: 'Community day-care centre', sector: 'elderly' },
  elderlyServiceStation: { zh: '养老服务站', en: 'Elderly service station', sector: 'elderly' },
  culturalCentre: { zh: '文化馆（站）', en: 'Cultural centre', sector: 'culture' },
  library: { zh: '图书馆', en: 'Library', sector: 'culture' },
  sportsVenue: { zh: '体育场馆', en: 'Sports venue', sector: 'sports' },
  park: { zh: '公园', en: 'Park', sector: 'housing' },
  legalServiceStation: { zh: '公共法律服务站', en: 'Legal-service station', sector: 'legal' },
  communityServiceCentre: { zh: '社区综合服务中心', en: 'Community service centre', sector: 'community' },
};

export const CAPACITY_KEYS = [
  'beds',
  'nursingBeds',
  'places',
  'seats',
  'floorAreaM2',
  'nurses',
  'physicians',
] as const;
export type CapacityKey = (typeof CAPACITY_KEYS)[number];

export const CAPACITY_LABELS: Record<CapacityKey, { zh: string; en: string }> = {
  beds: { zh: '床位', en: 'Beds' },
  nursingBeds: { zh: '护理型床位', en: 'Nursing-type beds' },
  places: { zh: '学位/托位', en: 'Places' },
  seats: { zh: '座位', en: 'Seats' },
  floorAreaM2: { zh: '建筑面积（平方米）', en: 'Floor area (m²)' },
  nurses: { zh: '注册护士', en: 'Registered nurses' },
  physicians: { zh: '执业（助理）医师', en: 'Physicians' },
};

export const OWNERSHIPS = ['public', 'inclusive', 'private'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const FACILITY_STATUSES = ['planned', 'underConstruction', 'open', 'closed'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export interface FacilityDraft {
  name: string;
  type: FacilityType;
  /** WGS84 degrees. */
  lon: number;
  lat: number;
  districtCode: string;
  communityCode: string | null;
  capacities: Partial<Record<CapacityKey, number>>;
  ownership: Ownership;
  status: FacilityStatus;
  /** YYYY-MM-DD, when it opened or is to open. */
  openingDate: string | null;
  source: string;
}

export interface FacilityContext {
  districtCodes: ReadonlySet<string>;
  /** Communities by code with their district, to check a community lies in the stated district. */
  communityDistrict: (code: string) => string | null;
  /** WGS84 box the city lies in: coordinates outside it are refused (usually swapped or unconverted). */
  bounds: { minLon: number; minLat: number; maxLon: number; maxLat: number };
}

/** Check one facility; the draft is null when any field is wrong, and every wrong field is named. */
export function validateFacility(
  input: Record<string, unknown>,
  ctx: FacilityContext,
): { draft: FacilityDraft | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const { bad, text, oneOf, num } = draftReader(problems);

  const name = text(input.name);
  if (name.length === 0 || name.length > 200)
    bad('name', '名称为必填项（不超过 200 字）', 'name is required (at most 200 characters)');
  const type = oneOf('type', input.type, FACILITY_TYPES);
  const ownership = oneOf('ownership', input.ownership ?? 'public', OWNERSHIPS);
  const status = oneOf('status', input.status ?? 'open', FACILITY_STATUSES);
  const lon = num('lon', input.lon);
  const lat = num('lat', input.lat);
  if (lon !== null && lat !== null) {
    const b = ctx.bounds;
    if (lon < b.minLon || lon > b.maxLon || lat < b.minLat || lat > b.maxLat) {
      bad(
        'lon',
        `坐标 (${lon}, ${lat}) 不在本市范围内（经度 ${b.minLon}–${b.maxLon}，纬度 ${b.minLat}–${b.maxLat}）；经纬度是否颠倒？`,
        `(${lon}, ${lat}) is outside the city (lon ${b.minLon}–${b.maxLon}, lat ${b.minLat}–${b.maxLat}); are lon and lat swapped?`,
      );
    }
  }
  const districtCode = text(input.districtCode);
  if (!ctx.districtCodes.has(districtCode))
    bad('districtCode', `未知区（市）县代码“${districtCode}”`, `unknown district code "${districtCode}"`);
  const communityCode = text(input.communityCode) || null;
  if (communityCode !== null) {
    const d = ctx.communityDistrict(communityCode);
    if (d === null)
      bad('communityCode', `未知社区代码“${communityCode}”`, `unknown community code "${communityCode}"`);
    else if (d !== districtCode)
      bad(
        'communityCode',
        `社区 ${communityCode} 不属于区县 ${districtCode}`,
        `community ${communityCode} is not in district ${districtCode}`,
      );
  }
  const capacities: Partial<Record<CapacityKey, number>> = {};
  const rawCaps = (input.capacities ?? {}) as Record<string, unknown>;
  if (typeof rawCaps !== 'object' || rawCaps === null) bad('capacities', '应为对象', 'must be an object');
  else {
    for (const [k, v] of Object.entries(rawCaps)) {
      if (v === null || v === undefined || text(v) === '') continue;
      if (!(CAPACITY_KEYS as readonly string[]).includes(k)) {
        bad(
          `capacities.${k}`,
          `未知容量项，应为 ${CAPACITY_KEYS.join('/')}`,
          `unknown capacity; use ${CAPACITY_KEYS.join(', ')}`,
        );
        continue;
      }
      const n = num(`capacities.${k}`, v);
      if (n !== null && n < 0) bad(`capacities.${k}`, '不能为负数', 'cannot be negative');
      else if (n !== null) capacities[k as CapacityKey] = n;
    }
    if (capacities.nursingBeds !== undefined && capacities.nursingBeds > (capacities.beds ?? Infinity)) {
      bad('capacities.nursingBeds', '护理型床位不能多于床位总数', 'nursing-type beds cannot exceed all beds');
    }
  }
  const openingDate = text(input.openingDate) || null;
  if (openingDate !== null && !isIsoDate(openingDate)) {
    bad(
      'openingDate',
      `日期格式应为 YYYY-MM-DD，收到“${openingDate}”`,
      `date must be YYYY-MM-DD; got "${openingDate}"`,
    );
  }
  const source = text(input.source);
  if (source.length === 0 || source.length > 500)
    bad('source', '来源为必填项（不超过 500 字）', 'source is required (at most 500 characters)');

  if (problems.length > 0 || !type || !ownership || !status || lon === null || lat === null)
    return { draft: null, problems };
  return {
    draft: {
      name,
      type,
      lon,
      lat,
      districtCode,
      communityCode,
      capacities,
      ownership,
      status,
      openingDate,
      source,
    },
    problems,
  };
}
