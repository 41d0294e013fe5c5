/**
 * What the resource routes send (GET /api/gaps, GET /api/facilities, POST /api/facilities/import),
 * shared by the server and the web UI.
 */
import type { CoverageReport } from '../access/coverage-report.ts';
import type { TownshipCoverageView } from './coverage-by-area.ts';
import type { FacilityDraft, FacilityType } from './facility.ts';
import type { NormGap } from './norm-gaps.ts';

export interface NormGapView extends NormGap {
  districtName: string;
  normName: string;
  normNameEn: string;
  normValue: number;
  perCount: number;
  unit: string;
  sourceRef: string;
}

export interface NormGapsView {
  rows: NormGapView[];
  /** Whether any facility counted is generated demonstration data. */
  usesSyntheticFacilities: boolean;
  ageSharesSource: string;
}

/** One facility of the registry as the API lists it. */
export interface FacilityView extends FacilityDraft {
  id: number;
  synthetic: boolean;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

/** The answer to an accepted facility import (all rows or none). */
export interface FacilityImportResultView {
  accepted: true;
  rows: number;
  created: number;
  crs: string;
}

/** The answer to GET /api/coverage: the share of residents within a facility type's service circle. */
export interface CoverageView {
  type: FacilityType;
  circle: { minutes: number | null; metres: number };
  /** `network`: over the imported walking network; `straightLine`: the fallback, an approximation. */
  method: 'network' | 'straightLine';
  network: { sha256: string; source: string; nodes: number } | null;
  approximation: { zh: string; en: string } | null;
  detourFactor: number;
  walkingMetresPerSecond: number;
  facilities: number;
  usesSyntheticData: boolean;
  /** What the result was computed from, so it can be reproduced: counts and a hash of the inputs. */
  inputs: { residentialPoints: number; facilities: number; sha256: string; computedAt: string };
  /**
   * Areas of responsibility: every resident assigned to their nearest facility (searched up to three
   * circles out), with the people each facility serves; `unassigned` had none that near.
   */
  catchments: {
    facilities: Array<{ id: number; name: string; districtCode: string; population: number }>;
    unassigned: number;
  };
  /** Coverage per township (街道/镇), with how the points got their townships. */
  byTownship: TownshipCoverageView;
  report: Omit<CoverageReport, 'byDistrict'> & {
    byDistrict: Array<CoverageReport['byDistrict'][number] & { name: string }>;
  };
}

/** The answer to POST /api/synthetic-resources (DELETE sends the first two counts). */
export interface SyntheticResourcesView {
  facilities: number;
  residentialPoints: number;
  population?: number;
  skippedDistricts?: string[];
}
