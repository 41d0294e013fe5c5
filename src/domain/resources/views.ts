/**
 * What the resource routes send (GET /api/gaps, GET /api/facilities, POST /api/facilities/import),
 * shared by the server and the web UI.
 */
import type { FacilityDraft } from './facility.ts';
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
