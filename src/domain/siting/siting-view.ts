/** What a siting run produces (the result of a `siting.run` job), shared by the server and the web UI. */
import type { AgeBand } from '../people/age-bands.ts';
import type { CapacityKey, FacilityType } from '../resources/facility.ts';

export const CANDIDATE_KINDS = ['grid', 'townshipCentres', 'communityServiceCentres', 'points'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export interface ProposedSite {
  rank: number;
  lon: number;
  lat: number;
  districtCode: string;
  districtName: string;
  /** What the candidate was: a township code, a grid cell, a facility's or a user point's name. */
  label: string;
  /** People newly covered when the site was added, in the order chosen (its unique cover after swaps). */
  gain: number;
  cost: number;
}

export interface NormGapChange {
  districtCode: string;
  districtName: string;
  normCode: string;
  normName: string;
  capacity: CapacityKey;
  added: number;
  gapBefore: number;
  gapAfter: number;
}

export interface SitingResult {
  type: FacilityType;
  circle: { minutes: number | null; metres: number; seconds: number };
  method: 'network' | 'straightLine';
  approximation: { zh: string; en: string } | null;
  candidates: { kind: CandidateKind; count: number };
  limit: { k: number } | { budget: number };
  demand: { bands: readonly AgeBand[]; total: number; coveredBefore: number };
  sites: ProposedSite[];
  newlyCovered: number;
  shareBefore: number | null;
  shareAfter: number | null;
  swaps: number;
  evaluations: number;
  /** The exact optimum (HiGHS) or, when it stopped at its time limit, the LP bound; null when not run. */
  exact: {
    status: string;
    objective: number | null;
    bound: number | null;
    /** Relative gap of the heuristic to the bound. */
    gap: number | null;
    seconds: number;
  } | null;
  /** Capacity assumed per new site (the median of the type's open facilities) and where it goes. */
  capacityPerSite: { key: CapacityKey; value: number } | null;
  normGaps: NormGapChange[];
  timingsMs: { coverageSets: number; solve: number };
  inputs: { residentialPoints: number; facilities: number; network: string | null };
  usesSyntheticData: boolean;
}
