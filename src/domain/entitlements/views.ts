/**
 * The shapes the catalog and self-check API returns, shared by the use cases that build them and
 * the web pages that show them (the web talks to the API; these are its contract).
 */
import type { RevisionView } from '../plan/views.ts';
import type { Parameter, RuleVersion, Service, ServiceArea } from './catalog.schema.ts';
import type { Evaluation } from './evaluate.ts';
import type { FactKey, FactType } from './facts.ts';

export interface CatalogSummary {
  code: string;
  area: ServiceArea;
  categoryNo: number;
  category: string;
  name: string;
  nameEn: string;
  tier: Service['tier'];
  beneficiary: string;
  leadDepartment: string;
  /** Whether a resident applies for it (the portal lists only these), or it is open to all. */
  applicationNeeded: boolean;
  /** The date the rule in force today took effect; null before the first version. */
  ruleFrom: string | null;
  /** The first version dated after today, if one is waiting. */
  futureRule: string | null;
}

export interface RuleVersionView extends RuleVersion {
  /** The day before the next version's `from`; null: open-ended. */
  until: string | null;
  state: 'past' | 'inForce' | 'future';
}

export interface CatalogItem {
  service: Service;
  today: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
  rules: RuleVersionView[];
  inForce: RuleVersion | null;
  parameters: Array<Parameter & { revision: number }>;
  history: Array<RevisionView & { id: number; tableName: string; rowKey: string }>;
}

/** What a person needs to know about a service next to its outcome. */
export const BRIEF_FIELDS = [
  'code',
  'area',
  'categoryNo',
  'category',
  'name',
  'nameEn',
  'beneficiary',
  'content',
  'standard',
  'leadDepartment',
  'channels',
  'requiredMaterials',
  'deadlineWorkingDays',
  'pledgeAllowed',
] as const satisfies ReadonlyArray<keyof Service>;
export type ServiceBrief = Pick<Service, (typeof BRIEF_FIELDS)[number]>;

export interface Question {
  fact: FactKey;
  label: string;
  labelEn: string;
  question: string;
  type: FactType;
  unit: string | null;
  /** The answers to choose from (enum facts; districts for the district of residence). */
  options: Array<{ value: string; label: string }>;
}

export interface CheckResult {
  date: string;
  evaluations: Array<Evaluation & { brief: ServiceBrief }>;
  nextQuestion: Question | null;
}
