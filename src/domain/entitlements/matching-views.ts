/**
 * What the proactive-matching API returns (snapshots, counts, work lists, a person's reasons), in
 * the domain so the store, the use cases and the web pages share one shape.
 */
import type { Evaluation } from './evaluate.ts';
import type { Facts } from './facts.ts';

export const WORKLIST_KINDS = ['gap', 'recheck'] as const;
/** gap: 应享未享 (eligible, not receiving); recheck: 应退未退 (receiving, no longer eligible). */
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export interface SnapshotSummary {
  id: number;
  onDate: string;
  populationSeed: number;
  populationSize: number;
  populationHash: string;
  catalogHash: string;
  services: number;
  gapCount: number;
  recheckCount: number;
  cannotDecideCount: number;
  synthetic: boolean;
  timings: Record<string, number>;
  createdBy: string;
  createdAt: string;
}

export interface SnapshotCountRow {
  districtCode: string;
  serviceCode: string;
  leadDepartment: string;
  population: number;
  eligible: number;
  notEligible: number;
  cannotDecide: number;
  receiving: number;
  receivingEligible: number;
  gap: number;
  recheck: number;
}

export interface CoverageFigures {
  eligible: number;
  receivingEligible: number;
  /** Percent of the eligible who receive; null when nobody is eligible. */
  percent: number | null;
}

export interface ServiceCoverage extends CoverageFigures {
  serviceCode: string;
  serviceName: string;
  leadDepartment: string;
  receiving: number;
  gap: number;
  recheck: number;
  cannotDecide: number;
}

export interface IndicatorCoverage extends CoverageFigures {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  target: unknown;
  targetText: string | null;
  serviceCodes: string[];
}

export interface SnapshotCountsView {
  snapshot: SnapshotSummary;
  rows: Array<SnapshotCountRow & { districtName: string; serviceName: string; percent: number | null }>;
  services: ServiceCoverage[];
  indicators: IndicatorCoverage[];
  /** True for a generated population (示例). */
  synthetic: boolean;
}

export interface WorklistItemView {
  personIndex: number;
  personId: string;
  serviceCode: string;
  serviceName: string;
  kind: WorklistKind;
  districtCode: string;
  districtName: string;
  leadDepartment: string;
}

export interface WorklistPage {
  snapshotId: number;
  onDate: string;
  total: number;
  offset: number;
  limit: number;
  items: WorklistItemView[];
  synthetic: boolean;
}

export interface PersonTraceView {
  snapshotId: number;
  onDate: string;
  personIndex: number;
  personId: string;
  districtCode: string;
  districtName: string;
  facts: Facts;
  /** Per service evaluated: the evaluation and whether the person receives it (null: not tracked). */
  services: Array<{
    code: string;
    name: string;
    leadDepartment: string;
    receives: boolean | null;
    evaluation: Evaluation;
  }>;
  synthetic: boolean;
}

export interface MatchingResult {
  snapshotId: number;
  date: string;
  size: number;
  services: number;
  gap: number;
  recheck: number;
  cannotDecide: number;
  timingsMs: Record<string, number>;
  synthetic: true;
}
