/**
 * What the nearby-services endpoint returns (issue 6 §4), shared by the use case and the web page:
 * the open facilities within so many minutes' walk of a point, by type, nearest first.
 */
import type { CapacityKey, FacilityType, Ownership } from './facility.ts';

export interface NearbyFacility {
  id: number;
  name: string;
  type: FacilityType;
  lon: number;
  lat: number;
  /** The registry keeps no street address: the district (and community code) is what it has. */
  districtCode: string;
  districtName: string | null;
  communityCode: string | null;
  /** Walking time, whole minutes rounded up (at least 1), and the seconds behind it. */
  minutes: number;
  seconds: number;
  capacities: Partial<Record<CapacityKey, number>>;
  ownership: Ownership;
  synthetic: boolean;
}

export interface NearbyGroup {
  type: FacilityType;
  label: { zh: string; en: string };
  /** Open facilities of the type reached within the budget (the list holds the nearest 50). */
  total: number;
  noneInReach: boolean;
  facilities: NearbyFacility[];
}

export interface NearbyServicesView {
  point: { lon: number; lat: number };
  minutes: number;
  method: 'network' | 'straightLine';
  walkingMetresPerSecond: number;
  /** The detour factor of the straight-line approximation; null over the network. */
  detourFactor: number | null;
  approximation: { zh: string; en: string } | null;
  network: { sha256: string; source: string } | null;
  /** How far the point lies from the nearest walkable edge (network only): far means a rough answer. */
  snapMetres: number | null;
  /** The area reached: the outline of the reached nodes (network) or the approximation's circle. */
  reach: { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };
  groups: NearbyGroup[];
  counts: { types: number; typesInReach: number; facilities: number };
}
