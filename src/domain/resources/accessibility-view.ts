/**
 * What GET /api/accessibility sends: capacity-aware accessibility (2SFCA / E2SFCA) of one facility
 * type by district, over the walking network when one is imported (catchments in seconds) or by
 * straight-line distance otherwise (catchments in metres, flagged), with the inputs it used.
 */
import type { AgeBand } from '../people/age-bands.ts';
import type { DecayZone } from '../access/two-step.ts';
import type { CapacityKey, FacilityType } from './facility.ts';

export interface AccessibilityRow {
  /** Demand: people of the served group (e.g. children 0–2). */
  demand: number;
  /** Demand-weighted mean supply per person of the served group. */
  accessibility: number | null;
  /** Share of the served group with no facility within the catchment. */
  withoutAccess: number | null;
}

export interface AccessibilityView {
  type: FacilityType;
  method: '2sfca' | 'e2sfca';
  /** `network`: walking times over the imported network; `straightLine`: distance × detour factor. */
  catchmentBy: 'network' | 'straightLine';
  /** The catchment as a walking time (null for the 500 m park circle without a network) and in metres. */
  catchmentMinutes: number | null;
  catchmentMetres: number;
  catchmentSeconds: number | null;
  /** Distance-decay zones: `upTo` in seconds over the network, in metres along straight lines. */
  zones: DecayZone[];
  zoneUnit: 'seconds' | 'metres';
  servedBands: readonly AgeBand[];
  /** What counts as supply; null: each facility counts 1. */
  capacity: CapacityKey | null;
  network: { sha256: string; source: string; nodes: number } | null;
  approximation: { zh: string; en: string } | null;
  usesSyntheticData: boolean;
  inputs: {
    residentialPoints: number;
    facilities: number;
    supply: number;
    walkingMetresPerSecond: number;
    detourFactor: number | null;
    sha256: string;
    computedAt: string;
  };
  city: AccessibilityRow;
  byDistrict: Array<AccessibilityRow & { districtCode: string; name: string }>;
}
