/**
 * Major projects in a scenario (issue 4 §3: "a project's capacity enters a scenario on its planned
 * completion date"). A `completeProjects` change counts as built every project whose planned end is on
 * or before its date and that still runs: a completed project is already facilities in the registry
 * (counting it again would double it) and a cancelled one will not be built. A counted project adds
 * its capacity (entered, else estimated: capacity-estimate.ts); with a location it is a facility on
 * the map, without one its capacity counts for its district only (norm gaps, registry indicators),
 * not for coverage or accessibility, which need a place.
 */
import type { FacilityType } from '../resources/facility.ts';
import type { Capacities, CapacityProject } from './capacity-estimate.ts';
import { projectCapacity } from './capacity-estimate.ts';
import type { ProjectLocation, ProjectStatus } from './project.ts';
import { isOpenProject } from './project.ts';

export interface ScenarioProjectInput extends CapacityProject {
  code: string;
  name: string;
  status: ProjectStatus;
  /** YYYY-MM-DD. */
  plannedEnd: string;
  districtCode: string | null;
  location: ProjectLocation | null;
}

/** Why a project is or is not built in the scenario on a date. */
export type ProjectQualification =
  'qualifies' | 'notSelected' | 'completed' | 'cancelled' | 'noFacilityType' | 'endsLater';

/** Whether a project counts as built on `asOf` (YYYY-MM-DD), and if not, why not. */
export function qualificationOn(
  p: Pick<ScenarioProjectInput, 'code' | 'status' | 'plannedEnd' | 'facilityType'>,
  asOf: string,
  projectCodes?: readonly string[],
): ProjectQualification {
  if (projectCodes !== undefined && !projectCodes.includes(p.code)) return 'notSelected';
  if (!isOpenProject(p.status)) return p.status === 'completed' ? 'completed' : 'cancelled';
  if (p.facilityType === null) return 'noFacilityType';
  // ISO dates compare as text: a project ending on asOf itself is built by then.
  return p.plannedEnd <= asOf ? 'qualifies' : 'endsLater';
}

/** A project a scenario counts as built, with the capacity it adds and where. */
export interface ScenarioProject {
  code: string;
  name: string;
  type: FacilityType;
  /** The district whose figures it moves; '' when it is city-wide (moves the city's figure only). */
  districtCode: string;
  location: ProjectLocation | null;
  capacities: Capacities;
  estimated: boolean;
  basis: { zh: string; en: string } | null;
  /** Placed on the map: it moves coverage and accessibility too. */
  placed: boolean;
}

/** A qualifying project whose capacity cannot be known: no entered figure and nothing to estimate from. */
export interface SkippedScenarioProject {
  code: string;
  name: string;
  type: FacilityType;
}

export const NOT_PLACED_NOTE = { zh: '未定位，未计入覆盖', en: 'not placed: coverage not counted' } as const;
export const NO_CAPACITY_NOTE = {
  zh: '无容量且无同类登记设施可估计，未计入',
  en: 'no capacity and no registered facility of the type to estimate from: not counted',
} as const;

/**
 * The projects a list of `completeProjects` changes counts as built, each once even when several
 * changes name it, in the projects' order. `districtCodes` are the districts figures are kept for: a
 * project in a functional zone or city-wide moves its location's district when it has a location
 * (`districtAt`), else only the city.
 */
export function scenarioProjects(
  changes: ReadonlyArray<{ kind: string; asOf?: string; projectCodes?: readonly string[] }>,
  projects: readonly ScenarioProjectInput[],
  typical: ReadonlyMap<FacilityType, Capacities>,
  districtCodes: ReadonlySet<string>,
  districtAt: (lon: number, lat: number) => string | null = () => null,
): { counted: ScenarioProject[]; skipped: SkippedScenarioProject[] } {
  const selectors = changes.filter((c) => c.kind === 'completeProjects' && typeof c.asOf === 'string');
  const counted: ScenarioProject[] = [];
  const skipped: SkippedScenarioProject[] = [];
  if (selectors.length === 0) return { counted, skipped };
  for (const p of projects) {
    const built = selectors.some((c) => qualificationOn(p, c.asOf as string, c.projectCodes) === 'qualifies');
    if (!built || p.facilityType === null) continue;
    const cap = projectCapacity(p, typical);
    if (!cap) {
      skipped.push({ code: p.code, name: p.name, type: p.facilityType });
      continue;
    }
    const own = p.districtCode !== null && districtCodes.has(p.districtCode) ? p.districtCode : null;
    const located = p.location ? districtAt(p.location.lon, p.location.lat) : null;
    const districtCode = own ?? (located !== null && districtCodes.has(located) ? located : '');
    counted.push({
      code: p.code,
      name: p.name,
      type: p.facilityType,
      districtCode,
      location: p.location,
      capacities: cap.capacities,
      estimated: cap.estimated,
      basis: cap.basis,
      // A facility on the map needs a district to be counted in; a location in no district stays off.
      placed: p.location !== null && districtCode !== '',
    });
  }
  return { counted, skipped };
}
