/**
 * Scenarios (情景, issue 4 §2): a named set of changes against the current state — facilities added,
 * removed or resized, the population of a district projected to a year (from the trend between two
 * figures, or a given total), a norm's value changed. The changes are data; apply-changes.ts turns
 * the current inputs and a list of changes into the scenario's inputs, and validation names every
 * wrong field in Chinese and English.
 */
import type { CapacityKey, FacilityType } from '../resources/facility.ts';
import { CAPACITY_KEYS, FACILITY_TYPES } from '../resources/facility.ts';
import type { FieldProblem } from '../shared/errors.ts';
import { dateProblem } from '../projects/project.ts';

export type Capacities = Partial<Record<CapacityKey, number>>;

export interface AddFacilityChange {
  kind: 'addFacility';
  name: string;
  type: FacilityType;
  /** WGS84 degrees. */
  lon: number;
  lat: number;
  districtCode: string;
  capacities: Capacities;
}

export interface RemoveFacilityChange {
  kind: 'removeFacility';
  facilityId: number;
}

export interface ResizeFacilityChange {
  kind: 'resizeFacility';
  facilityId: number;
  /** The capacities that change (others keep their value). */
  capacities: Capacities;
}

/**
 * A district's residents in `year`: `total` when given, else extrapolated from the trend between two
 * figures at a constant annual rate, total(year) = to × (to / from)^((year − toYear) / (toYear − fromYear)).
 */
export interface ProjectPopulationChange {
  kind: 'projectPopulation';
  districtCode: string;
  year: number;
  total?: number;
  trend?: { fromYear: number; fromPopulation: number; toYear: number; toPopulation: number };
}

export interface ChangeNormChange {
  kind: 'changeNorm';
  normCode: string;
  value: number;
}

/**
 * The major projects finished by a date (issue 4 §3), as src/domain/projects/scenario-projects.ts
 * counts them: open projects with a facility type add their capacity, as facilities where they have a
 * location, to their district's supply only where they have none.
 */
export interface CompleteProjectsChange {
  kind: 'completeProjects';
  /** Projects whose plannedEnd ≤ asOf (YYYY-MM-DD) count as built in the scenario. */
  asOf: string;
  /** Only these project codes; all qualifying projects when absent. */
  projectCodes?: string[];
}

export type ScenarioChange =
  | AddFacilityChange
  | RemoveFacilityChange
  | ResizeFacilityChange
  | ProjectPopulationChange
  | ChangeNormChange
  | CompleteProjectsChange;

export const CHANGE_KINDS = [
  'addFacility',
  'removeFacility',
  'resizeFacility',
  'projectPopulation',
  'changeNorm',
  'completeProjects',
] as const;

export interface ScenarioView {
  id: number;
  name: string;
  description: string;
  changes: ScenarioChange[];
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** What validation checks changes against: the districts, norms, facility ids and the city's box. */
export interface ScenarioContext {
  districtCodes: ReadonlySet<string>;
  normCodes: ReadonlySet<string>;
  facilityExists: (id: number) => boolean;
  bounds: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** Whether a major project with this code exists (absent: project codes are not checked). */
  projectExists?: (code: string) => boolean;
}

/** A district's projected residents for a population change (null when the trend cannot give one). */
export function projectedTotal(c: ProjectPopulationChange): number | null {
  if (c.total !== undefined) return c.total;
  const t = c.trend;
  if (!t || t.toYear === t.fromYear || !(t.fromPopulation > 0)) return null;
  return (
    t.toPopulation * (t.toPopulation / t.fromPopulation) ** ((c.year - t.toYear) / (t.toYear - t.fromYear))
  );
}

/** Checks a scenario's name and changes; `changes` is null when any field is wrong, every one named. */
export function validateScenario(
  input: { name?: unknown; description?: unknown; changes?: unknown },
  ctx: ScenarioContext,
): {
  value: { name: string; description: string; changes: ScenarioChange[] } | null;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > 200)
    problems.push({
      field: 'name',
      zh: '情景名称为必填项（不超过 200 字）',
      en: 'a scenario needs a name (at most 200 characters)',
    });
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (description.length > 2000)
    problems.push({ field: 'description', zh: '说明不超过 2000 字', en: 'at most 2,000 characters' });
  const raw = input.changes ?? [];
  const changes: ScenarioChange[] = [];
  if (!Array.isArray(raw)) {
    problems.push({ field: 'changes', zh: '应为变更列表', en: 'must be a list of changes' });
  } else if (raw.length > 1000) {
    problems.push({ field: 'changes', zh: '变更不超过 1000 项', en: 'at most 1,000 changes' });
  } else {
    raw.forEach((c, i) => {
      const r = validateChange(c, ctx, `changes[${i}]`);
      problems.push(...r.problems);
      if (r.change) changes.push(r.change);
    });
  }
  return { value: problems.length === 0 ? { name, description, changes } : null, problems };
}

/** Checks one change; `change` is null when a field is wrong. `at` prefixes the field names. */
export function validateChange(
  input: unknown,
  ctx: ScenarioContext,
  at = 'change',
): { change: ScenarioChange | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const bad = (field: string, zh: string, en: string) => problems.push({ field: `${at}.${field}`, zh, en });
  if (typeof input !== 'object' || input === null) {
    problems.push({ field: at, zh: '应为一项变更', en: 'must be a change' });
    return { change: null, problems };
  }
  const o = input as Record<string, unknown>;
  const num = (field: string, min: number, max: number): number | null => {
    const v = o[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      bad(
        field,
        `应为 ${min} 到 ${max} 之间的数，收到“${String(v)}”`,
        `must be a number from ${min} to ${max}; got "${String(v)}"`,
      );
      return null;
    }
    return v;
  };
  const capacities = (field: string): Capacities | null => {
    const v = o[field] ?? {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      bad(
        field,
        '应为容量对象（如 {"places": 60}）',
        'must be an object of capacities (e.g. {"places": 60})',
      );
      return null;
    }
    const out: Capacities = {};
    for (const [k, x] of Object.entries(v)) {
      if (!(CAPACITY_KEYS as readonly string[]).includes(k)) {
        bad(
          `${field}.${k}`,
          `未知容量，应为 ${CAPACITY_KEYS.join('/')} 之一`,
          `unknown capacity; must be one of ${CAPACITY_KEYS.join(', ')}`,
        );
      } else if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1e7) {
        bad(
          `${field}.${k}`,
          `应为 0 到 10000000 之间的数，收到“${String(x)}”`,
          `must be a number from 0 to 10,000,000; got "${String(x)}"`,
        );
      } else out[k as CapacityKey] = x;
    }
    return out;
  };
  const facilityId = (): number | null => {
    const v = o.facilityId;
    if (typeof v !== 'number' || !Number.isInteger(v) || !ctx.facilityExists(v)) {
      bad('facilityId', `设施不存在：${String(v)}`, `no such facility: ${String(v)}`);
      return null;
    }
    return v;
  };
  const district = (): string | null => {
    const v = o.districtCode;
    if (typeof v !== 'string' || !ctx.districtCodes.has(v)) {
      bad('districtCode', `未知区县代码：${String(v)}`, `unknown district code: ${String(v)}`);
      return null;
    }
    return v;
  };
  switch (o.kind) {
    case 'addFacility': {
      const type = o.type;
      if (typeof type !== 'string' || !(FACILITY_TYPES as readonly string[]).includes(type))
        bad('type', `应为 ${FACILITY_TYPES.join('/')} 之一`, `must be one of ${FACILITY_TYPES.join(', ')}`);
      const b = ctx.bounds;
      const lon = num('lon', b.minLon, b.maxLon);
      const lat = num('lat', b.minLat, b.maxLat);
      const d = district();
      const caps = capacities('capacities');
      const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim().slice(0, 200) : '情景新增设施';
      if (problems.length > 0 || lon === null || lat === null || d === null || caps === null) break;
      return {
        change: {
          kind: 'addFacility',
          name,
          type: type as FacilityType,
          lon,
          lat,
          districtCode: d,
          capacities: caps,
        },
        problems,
      };
    }
    case 'removeFacility': {
      const id = facilityId();
      if (id === null) break;
      return { change: { kind: 'removeFacility', facilityId: id }, problems };
    }
    case 'resizeFacility': {
      const id = facilityId();
      const caps = capacities('capacities');
      if (id === null || caps === null || problems.length > 0) break;
      return { change: { kind: 'resizeFacility', facilityId: id, capacities: caps }, problems };
    }
    case 'projectPopulation': {
      const d = district();
      const year = num('year', 2000, 2100);
      let total: number | undefined;
      let trend: ProjectPopulationChange['trend'];
      if (o.total !== undefined && o.total !== null) total = num('total', 0, 1e8) ?? undefined;
      else if (o.trend !== undefined && o.trend !== null && typeof o.trend === 'object') {
        const t = o.trend as Record<string, unknown>;
        const ok = (k: string, min: number, max: number) => {
          const v = t[k];
          if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
          bad(
            `trend.${k}`,
            `应为 ${min} 到 ${max} 之间的数，收到“${String(v)}”`,
            `must be a number from ${min} to ${max}; got "${String(v)}"`,
          );
          return null;
        };
        const fromYear = ok('fromYear', 1950, 2100);
        const toYear = ok('toYear', 1950, 2100);
        const fromPopulation = ok('fromPopulation', 1, 1e8);
        const toPopulation = ok('toPopulation', 0, 1e8);
        if (fromYear !== null && toYear !== null && fromYear >= toYear)
          bad('trend.toYear', '后一年份应晚于前一年份', 'the second year must come after the first');
        if (fromYear !== null && toYear !== null && fromPopulation !== null && toPopulation !== null)
          trend = { fromYear, toYear, fromPopulation, toPopulation };
      } else {
        bad(
          'total',
          '应给出预测总人口（total）或两年人口趋势（trend）',
          'give a projected total or a trend between two figures',
        );
      }
      if (problems.length > 0 || d === null || year === null) break;
      return {
        change: {
          kind: 'projectPopulation',
          districtCode: d,
          year,
          ...(total !== undefined ? { total } : {}),
          ...(trend ? { trend } : {}),
        },
        problems,
      };
    }
    case 'changeNorm': {
      const code = o.normCode;
      if (typeof code !== 'string' || !ctx.normCodes.has(code))
        bad('normCode', `未知配置标准：${String(code)}`, `unknown norm: ${String(code)}`);
      const value = num('value', 0, 1e7);
      if (problems.length > 0 || value === null) break;
      return { change: { kind: 'changeNorm', normCode: code as string, value }, problems };
    }
    case 'completeProjects': {
      const asOf = o.asOf;
      const asOfProblem = dateProblem('asOf', typeof asOf === 'string' ? asOf : String(asOf));
      if (asOfProblem) bad('asOf', asOfProblem.zh, asOfProblem.en);
      let projectCodes: string[] | undefined;
      if (o.projectCodes !== undefined && o.projectCodes !== null) {
        if (!Array.isArray(o.projectCodes) || o.projectCodes.length > 1000)
          bad(
            'projectCodes',
            '应为项目编号列表（不超过 1000 项）',
            'must be a list of project codes (at most 1,000)',
          );
        else {
          projectCodes = [];
          for (const [j, c] of o.projectCodes.entries()) {
            if (typeof c !== 'string' || (ctx.projectExists && !ctx.projectExists(c)))
              bad(
                `projectCodes[${j}]`,
                `重大项目不存在：${String(c)}`,
                `no such major project: ${String(c)}`,
              );
            else if (!projectCodes.includes(c)) projectCodes.push(c);
          }
        }
      }
      if (problems.length > 0) break;
      return {
        change: { kind: 'completeProjects', asOf: asOf as string, ...(projectCodes ? { projectCodes } : {}) },
        problems,
      };
    }
    default:
      bad('kind', `应为 ${CHANGE_KINDS.join('/')} 之一`, `must be one of ${CHANGE_KINDS.join(', ')}`);
  }
  return { change: null, problems };
}
