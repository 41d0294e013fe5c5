/** What GET /api/coverage/nth sends: how far the n-th nearest facility of a type is, and who has n within the circle. */
import type { AgeBand } from '../people/age-bands.ts';
import type { FacilityType } from './facility.ts';

export interface NthNearestCell {
  /** People of the served group. */
  population: number;
  /** Of them, people with at least n facilities of the type within the circle. */
  withChoice: number;
  share: number | null;
  /** People-weighted median walking seconds to the n-th nearest (null when most have fewer than n in reach). */
  medianSeconds: number | null;
}

export interface NthNearestView {
  type: FacilityType;
  n: number;
  circle: { minutes: number | null; seconds: number };
  method: 'network' | 'straightLine';
  approximation: { zh: string; en: string } | null;
  bands: readonly AgeBand[];
  all: NthNearestCell;
  byDistrict: Array<{ districtCode: string; name: string } & NthNearestCell>;
  /** Walking seconds from each residential point (in id order) to its n-th nearest facility; null beyond the search limit. */
  seconds: Array<number | null>;
  inputs: {
    residentialPoints: number;
    facilities: number;
    network: string | null;
    searchLimitSeconds: number;
  };
  usesSyntheticData: boolean;
}
