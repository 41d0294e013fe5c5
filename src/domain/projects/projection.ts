/**
 * The 2025 projection (issue 4 §3): each registry-computed indicator for the city and every district
 * if every unfinished project with a facility type and a capacity finishes as planned, against the
 * plan's target. The projects' capacities are added to today's registry as open facilities and the
 * indicator is recomputed with the same pure functions the registry panel uses, so the projection and
 * today's figure differ only by the projects.
 *
 * A project with no district (city-wide, or a programme not yet split) counts for the city only; so
 * does one in a functional zone (天府新区, 高新区, 东部新区), which is not one of the 20 districts.
 * A project with a facility type but no entered capacity counts with an estimate (the median capacity
 * of the type's open registry facilities, capacity-estimate.ts), marked as such.
 */
import type { Area, Indicator, Target } from '../plan/pack.schema.ts';
import { targetForArea } from '../plan/review.ts';
import { meetsTarget } from '../plan/target.ts';
import type { CapacityKey, FacilityType } from '../resources/facility.ts';
import type {
  RegistryCommunity,
  RegistryFacility,
  RegistryIndicatorDefinition,
  RegistryValue,
} from '../resources/registry-indicators.ts';
import { computeRegistryIndicator, registryIndicatorTypes } from '../resources/registry-indicators.ts';
import type { Capacities, ProjectCapacity } from './capacity-estimate.ts';
import { projectCapacity, typicalCapacities } from './capacity-estimate.ts';
import type { ProjectStatus } from './project.ts';
import { isOpenProject } from './project.ts';

export interface ProjectionProject {
  code: string;
  districtCode: string | null;
  facilityType: FacilityType | null;
  capacities: Partial<Record<CapacityKey, number>> | null;
  /** How many facilities a programme builds (the estimate multiplies by it); null: one. */
  count?: number | null;
  status: ProjectStatus;
  /** YYYY-MM-DD. */
  plannedEnd: string;
}

/** Why a project is or is not in the projection. */
export type ProjectInclusion =
  'included' | 'cityOnly' | 'finished' | 'noFacilityType' | 'noCapacity' | 'endsLater';

/**
 * Whether a project enters the projection for `year`, and how; `typical` (typicalCapacities of the
 * registry) gives the estimate for a project without a capacity, 'noCapacity' when there is none.
 */
export function projectInclusion(
  p: ProjectionProject,
  year: number,
  districtCodes: ReadonlySet<string>,
  typical: ReadonlyMap<FacilityType, Capacities> = new Map(),
): ProjectInclusion {
  if (!isOpenProject(p.status)) return 'finished';
  if (p.facilityType === null) return 'noFacilityType';
  if (projectCapacity(p, typical) === null) return 'noCapacity';
  if (Number(p.plannedEnd.slice(0, 4)) > year) return 'endsLater';
  return p.districtCode !== null && districtCodes.has(p.districtCode) ? 'included' : 'cityOnly';
}

/**
 * The facilities the projects would add by the end of `year`. City-only projects get an empty
 * district code: the city's figure takes every facility, no district's figure takes them.
 */
export function projectedFacilities(
  projects: readonly ProjectionProject[],
  year: number,
  districtCodes: ReadonlySet<string>,
  typical: ReadonlyMap<FacilityType, Capacities> = new Map(),
): RegistryFacility[] {
  const out: RegistryFacility[] = [];
  for (const p of projects) {
    const how = projectInclusion(p, year, districtCodes, typical);
    if (how !== 'included' && how !== 'cityOnly') continue;
    out.push({
      type: p.facilityType as FacilityType,
      districtCode: how === 'included' ? (p.districtCode as string) : '',
      communityCode: null,
      status: 'open',
      ownership: 'public',
      capacities: { ...(projectCapacity(p, typical) as ProjectCapacity).capacities },
    });
  }
  return out;
}

export interface ProjectedValue {
  areaCode: string;
  current: number | null;
  projected: number | null;
  /** The target the plan sets for the area (a district's share for city-wide counts); null: none. */
  target: Target | null;
  /** Whether the projected value meets the target; null without a value or a target. */
  projectedMeets: boolean | null;
  currentMeets: boolean | null;
  /** Projects whose capacity moved this area's figure. */
  projects: string[];
  /** Those of them counted with an estimated capacity (估计). */
  estimatedProjects: string[];
}

export interface ProjectionRow {
  indicatorCode: string;
  city: ProjectedValue;
  byDistrict: ProjectedValue[];
}

export interface ProjectionInput {
  year: number;
  /** Each registry-computed indicator of the pack with its definition. */
  indicators: ReadonlyArray<{ indicator: Indicator; def: RegistryIndicatorDefinition }>;
  facilities: readonly RegistryFacility[];
  projects: readonly ProjectionProject[];
  city: Area;
  districts: readonly Area[];
  areas: readonly Area[];
  communities: readonly RegistryCommunity[];
}

function compare(
  indicator: Indicator,
  area: Area,
  areas: readonly Area[],
  current: RegistryValue,
  projected: RegistryValue,
  projects: string[],
  estimated: ReadonlySet<string>,
): ProjectedValue {
  const target = targetForArea(indicator, area, areas);
  const meets = (v: number | null) =>
    v === null || target === null || target.kind === 'qualitative'
      ? null
      : meetsTarget(target, indicator.direction, v);
  return {
    areaCode: area.code,
    current: current.value,
    projected: projected.value,
    target,
    currentMeets: meets(current.value),
    projectedMeets: meets(projected.value),
    projects,
    estimatedProjects: projects.filter((c) => estimated.has(c)),
  };
}

/** Today's registry and the registry with the projects, for every registry-computed indicator. */
export function projectRegistryIndicators(input: ProjectionInput): ProjectionRow[] {
  const districtCodes = new Set(input.districts.map((d) => d.code));
  const typical = typicalCapacities(input.facilities);
  const added = projectedFacilities(input.projects, input.year, districtCodes, typical);
  const withProjects = [...input.facilities, ...added];
  const counted = input.projects.filter((p) => {
    const how = projectInclusion(p, input.year, districtCodes, typical);
    return how === 'included' || how === 'cityOnly';
  });
  const estimated = new Set(counted.filter((p) => projectCapacity(p, typical)?.estimated).map((p) => p.code));
  return input.indicators.map(({ indicator, def }) => {
    const base = { city: input.city, districts: input.districts, communities: input.communities };
    const now = computeRegistryIndicator(def, { ...base, facilities: input.facilities });
    const then = computeRegistryIndicator(def, { ...base, facilities: withProjects });
    const types = registryIndicatorTypes(def);
    const moves = (p: ProjectionProject) => types === 'all' || types.includes(p.facilityType as FacilityType);
    const cityProjects = counted.filter(moves).map((p) => p.code);
    return {
      indicatorCode: indicator.code,
      city: compare(indicator, input.city, input.areas, now.city, then.city, cityProjects, estimated),
      byDistrict: input.districts.map((d, i) =>
        compare(
          indicator,
          d,
          input.areas,
          now.byDistrict[i] as RegistryValue,
          then.byDistrict[i] as RegistryValue,
          counted.filter((p) => p.districtCode === d.code && moves(p)).map((p) => p.code),
          estimated,
        ),
      ),
    };
  });
}
