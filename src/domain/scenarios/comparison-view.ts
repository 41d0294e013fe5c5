/** Two scenarios (or a scenario and today) side by side, shared by the server and the web UI. */
import type { ScenarioProject, SkippedScenarioProject } from '../projects/scenario-projects.ts';
import { NOT_PLACED_NOTE, NO_CAPACITY_NOTE } from '../projects/scenario-projects.ts';
import type { CapacityKey, FacilityType } from '../resources/facility.ts';

/** A figure on both sides and the change from `a` to `b` (null when either side has none). */
export interface Diff {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface ComparisonSide {
  kind: 'baseline' | 'scenario';
  id: number | null;
  name: string;
}

export interface DistrictComparison {
  districtCode: string;
  name: string;
  population: Diff;
  /** People within the plan's circle of a facility of the type. */
  covered: Diff;
  /** Their share of the district's residents. */
  share: Diff;
  /** E2SFCA (or 2SFCA) supply per person of the group served, population-weighted. */
  accessibility: Diff;
  /** Share of the group served with no supply in reach. */
  withoutAccess: Diff;
}

export interface NormGapComparison {
  districtCode: string;
  name: string;
  normCode: string;
  normName: string;
  normNameEn: string;
  unit: string;
  gap: Diff;
  metA: boolean | null;
  metB: boolean | null;
}

export interface IndicatorComparison {
  indicatorCode: string;
  name: string;
  city: Diff;
  byDistrict: Array<{ districtCode: string; name: string } & Diff>;
}

/**
 * Residential points whose walking minutes or covered status differ, as rows
 * [lon, lat, people in b, minutes in a, minutes in b, covered in a (0/1), covered in b (0/1),
 * −1 when the walk got shorter or +1 longer]; minutes (to 0.1) are null beyond the search limit
 * (three circles).
 */
export type PointChange = [number, number, number, number | null, number | null, 0 | 1, 0 | 1, -1 | 1];

export interface ScenarioComparison {
  type: FacilityType;
  method: 'network' | 'straightLine';
  approximation: { zh: string; en: string } | null;
  accessibilityMethod: '2sfca' | 'e2sfca';
  circle: { minutes: number | null; metres: number };
  a: ComparisonSide;
  b: ComparisonSide;
  city: Omit<DistrictComparison, 'districtCode' | 'name'>;
  byDistrict: DistrictComparison[];
  normGaps: NormGapComparison[];
  indicators: IndicatorComparison[];
  points: {
    total: number;
    gained: number;
    lost: number;
    /** People newly within the circle in b, and people no longer within it. */
    peopleGained: number;
    peopleLost: number;
    changed: PointChange[];
  };
  /** Whether the per-point distances came from the kept baseline updated incrementally. */
  incremental: boolean;
  /** The major projects each side's completeProjects changes count as built (empty for today). */
  projects: { a: ScenarioProjectView[]; b: ScenarioProjectView[] };
  usesSyntheticData: boolean;
  timingsMs: { reach: number; accessibility: number; normGaps: number; indicators: number; total: number };
}

/**
 * A major project in a scenario: the capacity it adds (估计 when estimated, with the basis), and
 * whether it is on the map; `note` says why a project moves less than it might (not placed: coverage
 * and accessibility do not count it; no capacity: it is not counted at all).
 */
export interface ScenarioProjectView {
  code: string;
  name: string;
  type: FacilityType;
  /** '' for a city-wide project (it moves the city's figures only). */
  districtCode: string;
  capacities: Partial<Record<CapacityKey, number>>;
  estimated: boolean;
  basis: { zh: string; en: string } | null;
  placed: boolean;
  counted: boolean;
  note: { zh: string; en: string } | null;
}

/** Counted and skipped projects as the comparison lists them. */
export function projectsView(p: {
  counted: readonly ScenarioProject[];
  skipped: readonly SkippedScenarioProject[];
}): ScenarioProjectView[] {
  return [
    ...p.counted.map((x) => ({
      code: x.code,
      name: x.name,
      type: x.type,
      districtCode: x.districtCode,
      capacities: x.capacities,
      estimated: x.estimated,
      basis: x.basis,
      placed: x.placed,
      counted: true,
      note: x.placed ? null : { ...NOT_PLACED_NOTE },
    })),
    ...p.skipped.map((x) => ({
      code: x.code,
      name: x.name,
      type: x.type,
      districtCode: '',
      capacities: {},
      estimated: false,
      basis: null,
      placed: false,
      counted: false,
      note: { ...NO_CAPACITY_NOTE },
    })),
  ];
}

export function diff(a: number | null | undefined, b: number | null | undefined): Diff {
  const x = a ?? null;
  const y = b ?? null;
  return { a: x, b: y, delta: x !== null && y !== null ? y - x : null };
}
