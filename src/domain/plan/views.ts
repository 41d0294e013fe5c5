/**
 * The shapes the API returns for plan monitoring and the web reads. They live in the domain so that
 * server and browser share one definition (the web layer may import domain types, nothing else).
 */
import type { Area, Category, Indicator, Norm, Sector, Target } from './pack.schema.ts';
import type { Evaluation, Judgement } from './evaluate.ts';
import type { GroupedCounts, Review, ReviewKind } from './review.ts';
import type { Status } from './status.ts';
import type { TrajectorySeries } from './trajectory-series.ts';
import type { Role } from '../identity/roles.ts';

export type { Role };

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  sector: Sector | null;
  districtCode: string | null;
  /** A case worker's or supervisor's office (O-<area code>); null for other roles. */
  officeCode: string | null;
  /** A disabled account cannot sign in (an admin disables and enables it). */
  disabled: boolean;
}

export interface SessionView {
  user: UserView | null;
  csrfToken: string | null;
}

export interface LabelView {
  code: string;
  zh: string;
  en: string;
}

export interface MetaView {
  pack: {
    id: string;
    version: string;
    title: string;
    titleEn: string;
    cityCode: string;
    cityName: string;
    periodStart: number;
    periodEnd: number;
    baselineYear: number;
    midTermYear: number;
    contentHash: string;
    loadedAt: string;
    source: string;
  };
  areas: Area[];
  sectors: LabelView[];
  categories: LabelView[];
  statuses: LabelView[];
  reviewKinds: LabelView[];
  /** True while generated 示例数据 is in the database. */
  sampleDataLoaded: boolean;
  /** The year the board opens on: the current year, clamped into the plan period. */
  defaultYear: number;
}

/** One row of the indicator board: the definition a reviewer checks plus its evaluation. */
export interface BoardRow {
  code: string;
  name: string;
  nameEn: string;
  headline: boolean;
  category: Category;
  sector: Sector;
  unit: string;
  unitEn: string;
  nature: Indicator['nature'];
  direction: Indicator['direction'];
  cumulativeOverPeriod: boolean;
  baseline: number | null;
  baselineText: string;
  targetText: string;
  /** The plan's target for the city (an area's own target is in its evaluation). */
  target: Target;
  evaluation: Evaluation | null;
}

export interface BoardView {
  year: number;
  areaCode: string;
  counts: GroupedCounts;
  rows: BoardRow[];
  usesSampleData: boolean;
}

export interface ObservationView {
  id: number;
  indicatorCode: string;
  areaCode: string;
  year: number;
  value: number;
  source: string;
  note: string | null;
  sample: boolean;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface DistrictRowView {
  areaCode: string;
  name: string;
  nameEn: string;
  status: Status;
  evaluation: Evaluation | null;
  /** Why a district has no evaluation (city-only indicator, unknown population). */
  note: { zh: string; en: string } | null;
}

export interface IndicatorDetailView {
  indicator: Indicator;
  areaCode: string;
  year: number;
  evaluation: Evaluation | null;
  series: TrajectorySeries | null;
  districts: DistrictRowView[];
  observations: ObservationView[];
  judgements: Judgement[];
  /** Norms of the same sector, for context. */
  relatedNorms: Norm[];
}

export interface RevisionView {
  revision: number;
  previous: unknown;
  current: unknown;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export interface ImportResultView {
  accepted: true;
  rows: number;
  created: number;
  updated: number;
}

export interface AuditView {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

/** A review with the names a reader needs beside the codes. */
export interface ReviewView extends Review {
  indicators: Record<
    string,
    Pick<Indicator, 'name' | 'nameEn' | 'nature' | 'unit' | 'targetText' | 'headline' | 'category' | 'sector'>
  >;
}

export type { ReviewKind };
