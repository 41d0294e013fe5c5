/** What the projects API sends, as the web UI reads it (the API's JSON, typed once). */
import type { Target } from '../plan/pack.schema.ts';
import type { CapacityKey, FacilityType } from '../resources/facility.ts';
import type { ProjectDraft, ProjectStatus } from './project.ts';
import type { ProjectInclusion, ProjectedValue } from './projection.ts';

export interface MilestoneView {
  id: number;
  projectCode: string;
  name: string;
  plannedDate: string;
  doneDate: string | null;
  overdue: boolean;
}

/** A project as listed: its draft fields and where it stands. */
export interface ProjectSummaryView extends ProjectDraft {
  code: string;
  origin: 'pack' | 'user';
  status: ProjectStatus;
  completedOn: string | null;
  revision: number;
  late: boolean;
  overdueMilestones: number;
  overdue: boolean;
  milestones: MilestoneView[];
  percent: number | null;
  lastReportDate: string | null;
}

export interface ProjectDetailView extends ProjectSummaryView {
  reports: Array<{ id: number; reportDate: string; percent: number; text: string; reportedBy: string }>;
  facilities: Array<{
    id: number;
    name: string;
    type: FacilityType;
    districtCode: string;
    capacities: Partial<Record<CapacityKey, number>>;
  }>;
  history: Array<{
    id: number;
    tableName: string;
    rowKey: string;
    revision: number;
    changedBy: string;
    changedAt: string;
    reason: string;
  }>;
  today: string;
}

export interface ProjectionIndicatorView {
  indicatorCode: string;
  name: string;
  nameEn: string;
  unit: string;
  targetText: string;
  target: Target;
  city: ProjectedValue & { name: string };
  byDistrict: Array<ProjectedValue & { name: string }>;
}

export interface ProjectionResponse {
  year: number;
  indicators: ProjectionIndicatorView[];
  projects: Array<{
    code: string;
    name: string;
    inclusion: ProjectInclusion;
    capacities: Partial<Record<CapacityKey, number>> | null;
    /** Counted with an estimated capacity (估计), on `basis`. */
    estimated: boolean;
    basis: { zh: string; en: string } | null;
  }>;
  usesSyntheticFacilities: boolean;
  computedAt: string;
}
