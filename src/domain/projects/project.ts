/**
 * Major projects (重大项目, GLOSSARY: project): what a project is, how an entered one is checked, and
 * when a milestone or a project is overdue. Pure: "today" is a parameter, read from the caller's clock.
 */
import type { ProjectKind, Sector } from '../plan/pack.schema.ts';
import { PROJECT_KINDS, SECTORS } from '../plan/pack.schema.ts';
import type { CapacityKey, FacilityType } from '../resources/facility.ts';
import { CAPACITY_KEYS, FACILITY_TYPES } from '../resources/facility.ts';
import type { FieldProblem } from '../shared/errors.ts';
import { draftReader } from '../shared/draft-reader.ts';

/** completed and cancelled are final; completed only through the completion action. */
export const PROJECT_STATUSES = ['planned', 'underway', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** The statuses an edit may set (completion has its own action, with the facilities it became). */
export const EDITABLE_STATUSES = ['planned', 'underway', 'cancelled'] as const;

export const PROJECT_KIND_LABELS: Record<ProjectKind, { zh: string; en: string }> = {
  new: { zh: '新建', en: 'New' },
  expansion: { zh: '改扩建', en: 'Expansion' },
  relocation: { zh: '迁建', en: 'Relocation' },
  programme: { zh: '计划（多处）', en: 'Programme' },
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, { zh: string; en: string }> = {
  planned: { zh: '未开工', en: 'Planned' },
  underway: { zh: '在建', en: 'Underway' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** The fields a planner enters or edits; pack projects carry the same ones. */
export interface ProjectDraft {
  name: string;
  nameEn: string | null;
  sector: Sector;
  column: number | null;
  programme: string | null;
  districtCode: string | null;
  kind: ProjectKind;
  facilityType: FacilityType | null;
  capacities: Partial<Record<CapacityKey, number>> | null;
  count: number | null;
  countText: string | null;
  /** YYYY-MM-DD. */
  plannedStart: string;
  plannedEnd: string;
  responsibleUnit: string | null;
  indicators: string[];
  sourceRef: string | null;
  sourceText: string | null;
  notes: string | null;
  /** Where the project is built (WGS84); null until a planner places it (the plan names no sites). */
  location: ProjectLocation | null;
}

/** WGS84 degrees. */
export interface ProjectLocation {
  lon: number;
  lat: number;
}

export interface ProjectDraftContext {
  /** Districts and zones a project may lie in. */
  areaCodes: ReadonlySet<string>;
  indicatorCodes: ReadonlySet<string>;
  /** The city's box; a location outside it is refused (absent: any WGS84 point). */
  bounds?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /**
   * The district whose boundary contains a point, or null when none does. A location inside another
   * district than the project's is refused; one in no district's boundary (on an edge, or the
   * project's zone has no boundary) is only held to the city's box.
   */
  districtAt?: (lon: number, lat: number) => string | null;
}

/** Check an entered project; every wrong field is named, in Chinese and English. */
export function validateProjectDraft(
  input: Record<string, unknown>,
  ctx: ProjectDraftContext,
): { draft: ProjectDraft | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const { bad, text, optionalText, oneOf, date } = draftReader(problems);

  const name = text(input.name);
  if (name.length === 0 || name.length > 200)
    bad('name', '名称为必填项（不超过 200 字）', 'name is required (at most 200 characters)');
  const nameEn = optionalText('nameEn', input.nameEn, 200);
  const sector = oneOf('sector', input.sector, SECTORS);
  const kind = oneOf('kind', input.kind, PROJECT_KINDS);
  let column: number | null = null;
  if (text(input.column) !== '') {
    const n = Number(text(input.column));
    if (!Number.isInteger(n) || n < 1 || n > 14)
      bad(
        'column',
        `专栏编号应为 1–14 的整数，收到“${text(input.column)}”`,
        'column must be an integer 1–14',
      );
    else column = n;
  }
  const programme = optionalText('programme', input.programme, 200);
  const districtCode = text(input.districtCode) || null;
  if (districtCode !== null && !ctx.areaCodes.has(districtCode))
    bad('districtCode', `未知区（市）县代码“${districtCode}”`, `unknown district code "${districtCode}"`);
  const facilityType =
    text(input.facilityType) === '' ? null : oneOf('facilityType', input.facilityType, FACILITY_TYPES);
  let capacities: Partial<Record<CapacityKey, number>> | null = null;
  const rawCaps = input.capacities;
  if (rawCaps !== null && rawCaps !== undefined) {
    if (typeof rawCaps !== 'object' || Array.isArray(rawCaps))
      bad('capacities', '应为对象', 'must be an object');
    else {
      const caps: Partial<Record<CapacityKey, number>> = {};
      for (const [k, v] of Object.entries(rawCaps as Record<string, unknown>)) {
        if (v === null || v === undefined || text(v) === '') continue;
        if (!(CAPACITY_KEYS as readonly string[]).includes(k)) {
          bad(
            `capacities.${k}`,
            `未知容量项，应为 ${CAPACITY_KEYS.join('/')}`,
            `unknown capacity; use ${CAPACITY_KEYS.join(', ')}`,
          );
          continue;
        }
        const n = typeof v === 'number' ? v : Number(text(v));
        if (!Number.isFinite(n) || n < 0)
          bad(
            `capacities.${k}`,
            `应为非负数，收到“${text(v)}”`,
            `must be a non-negative number; got "${text(v)}"`,
          );
        else caps[k as CapacityKey] = n;
      }
      capacities = Object.keys(caps).length > 0 ? caps : null;
    }
  }
  let count: number | null = null;
  if (text(input.count) !== '') {
    const n = Number(text(input.count));
    if (!Number.isInteger(n) || n <= 0)
      bad(
        'count',
        `数量应为正整数，收到“${text(input.count)}”`,
        `count must be a positive integer; got "${text(input.count)}"`,
      );
    else count = n;
  }
  const countText = optionalText('countText', input.countText, 200);
  const plannedStart = date('plannedStart', input.plannedStart);
  const plannedEnd = date('plannedEnd', input.plannedEnd);
  if (plannedStart && plannedEnd && plannedEnd < plannedStart)
    bad('plannedEnd', '计划完成日期早于计划开工日期', 'the planned end is before the planned start');
  const responsibleUnit = optionalText('responsibleUnit', input.responsibleUnit, 200);
  const indicators: string[] = [];
  const rawIndicators = input.indicators ?? [];
  if (!Array.isArray(rawIndicators))
    bad('indicators', '应为指标代码列表', 'must be a list of indicator codes');
  else {
    for (const c of rawIndicators) {
      const code = text(c);
      if (!ctx.indicatorCodes.has(code))
        bad('indicators', `未知指标代码“${code}”`, `unknown indicator code "${code}"`);
      else if (!indicators.includes(code)) indicators.push(code);
    }
  }
  const sourceRef = optionalText('sourceRef', input.sourceRef, 200);
  const sourceText = optionalText('sourceText', input.sourceText, 2000);
  const notes = optionalText('notes', input.notes, 2000);
  const location = validateProjectLocation(input.location, districtCode, ctx, problems);

  if (problems.length > 0 || !sector || !kind || !plannedStart || !plannedEnd)
    return { draft: null, problems };
  return {
    draft: {
      name,
      nameEn,
      sector,
      column,
      programme,
      districtCode,
      kind,
      facilityType,
      capacities,
      count,
      countText,
      plannedStart,
      plannedEnd,
      responsibleUnit,
      indicators,
      sourceRef,
      sourceText,
      notes,
      location,
    },
    problems,
  };
}

/**
 * A project's location from `{lon, lat}` (numbers or numeric text; both empty, or the whole value
 * null, means "not placed"). Problems are pushed onto `problems`, named `location.lon` / `location.lat`.
 */
export function validateProjectLocation(
  raw: unknown,
  districtCode: string | null,
  ctx: Pick<ProjectDraftContext, 'bounds' | 'districtAt'>,
  problems: FieldProblem[],
): ProjectLocation | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({
      field: 'location',
      zh: '位置应为 {lon, lat} 经纬度对象',
      en: 'location must be an object {lon, lat}',
    });
    return null;
  }
  const o = raw as Record<string, unknown>;
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  if (text(o.lon) === '' && text(o.lat) === '') return null;
  const coordinate = (field: 'lon' | 'lat', min: number, max: number): number | null => {
    const v = o[field];
    const n = typeof v === 'number' ? v : Number(text(v));
    const what = field === 'lon' ? '经度' : '纬度';
    if (text(v) === '' || !Number.isFinite(n)) {
      problems.push({
        field: `location.${field}`,
        zh: `${what}应为数字（另一项已填写），收到“${text(v)}”`,
        en: `${field === 'lon' ? 'longitude' : 'latitude'} must be a number (the other one is given); got "${text(v)}"`,
      });
      return null;
    }
    if (n < min || n > max) {
      problems.push({
        field: `location.${field}`,
        zh: `${what} ${n} 不在本市范围内（${min}–${max}）；经纬度是否颠倒？`,
        en: `${field === 'lon' ? 'longitude' : 'latitude'} ${n} is outside the city (${min}–${max}); are lon and lat swapped?`,
      });
      return null;
    }
    return n;
  };
  const b = ctx.bounds ?? { minLon: -180, minLat: -90, maxLon: 180, maxLat: 90 };
  const lon = coordinate('lon', b.minLon, b.maxLon);
  const lat = coordinate('lat', b.minLat, b.maxLat);
  if (lon === null || lat === null) return null;
  const inside = ctx.districtAt?.(lon, lat) ?? null;
  if (districtCode !== null && inside !== null && inside !== districtCode) {
    problems.push({
      field: 'location',
      zh: `位置 (${lon}, ${lat}) 在区县 ${inside} 内，不在项目所在区县 ${districtCode}`,
      en: `(${lon}, ${lat}) lies in district ${inside}, not in the project's district ${districtCode}`,
    });
    return null;
  }
  return { lon, lat };
}

export interface MilestoneLike {
  plannedDate: string;
  doneDate: string | null;
}

/** Whether a project still runs: neither completed nor cancelled. */
export function isOpenProject(status: ProjectStatus): boolean {
  return status === 'planned' || status === 'underway';
}

/**
 * A milestone is overdue when it is not done and its planned date is before today (a milestone due
 * today is not yet late), in a project that still runs.
 */
export function isMilestoneOverdue(m: MilestoneLike, today: string, status: ProjectStatus): boolean {
  return isOpenProject(status) && m.doneDate === null && m.plannedDate < today;
}

/** A project is past its planned end when it still runs after the planned end date. */
export function isProjectLate(p: { plannedEnd: string; status: ProjectStatus }, today: string): boolean {
  return isOpenProject(p.status) && p.plannedEnd < today;
}

/** The project needs attention: an overdue milestone, or past its planned end. */
export function isProjectOverdue(
  p: { plannedEnd: string; status: ProjectStatus },
  milestones: readonly MilestoneLike[],
  today: string,
): boolean {
  return isProjectLate(p, today) || milestones.some((m) => isMilestoneOverdue(m, today, p.status));
}

/** Validate a milestone or report date and percent; used by the use cases. */
export function checkPercent(v: unknown): FieldProblem | null {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  if (String(v ?? '').trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    return {
      field: 'percent',
      zh: `进度应为 0–100 的数，收到“${String(v ?? '')}”`,
      en: `percent must be a number 0–100; got "${String(v ?? '')}"`,
    };
  return null;
}

// Moved to domain/shared/dates.ts; re-exported while other modules still import them from here.
export { dateInZone, dateProblem, isIsoDate } from '../shared/dates.ts';
