/** Two scenarios (or a scenario and today) side by side, shared by the server and the web UI. */
import type { FacilityType } from '../resources/facility.ts';

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
  usesSyntheticData: boolean;
  timingsMs: { reach: number; accessibility: number; normGaps: number; indicators: number; total: number };
}

export function diff(a: number | null | undefined, b: number | null | undefined): Diff {
  const x = a ?? null;
  const y = b ?? null;
  return { a: x, b: y, delta: x !== null && y !== null ? y - x : null };
}
