/**
 * What an accessibility run (a background job over every facility type) produces: per type, the
 * share of residents within the plan's circle and the capacity-aware accessibility, each with the
 * inputs it was computed from, so a figure can be traced and reproduced.
 */
import type { FacilityType } from './facility.ts';

export interface AccessRunType {
  type: FacilityType;
  circle: { minutes: number | null; metres: number };
  method: 'network' | 'straightLine';
  facilities: number;
  population: number;
  covered: number;
  share: number | null;
  byDistrict: Array<{ districtCode: string; name: string; population: number; share: number | null }>;
  /** Demand-weighted E2SFCA supply per person of the group the type serves (null: no demand). */
  accessibility: number | null;
  /** Share of that group with no facility within the catchment. */
  withoutAccess: number | null;
  /** SHA-256 of the coverage inputs (points, facilities, parameters, network). */
  inputsSha256: string;
}

export interface AccessRunResult {
  types: AccessRunType[];
  network: { sha256: string; source: string; nodes: number } | null;
  residentialPoints: number;
  usesSyntheticData: boolean;
  computedAt: string;
}
