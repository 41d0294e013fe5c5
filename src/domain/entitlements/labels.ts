/** Chinese and English labels of the catalog's concepts (the nine areas, outcomes, provenance). */
import type { Label } from '../plan/labels.ts';
import type { Outcome, Provenance, Service, ServiceArea } from './catalog.schema.ts';

export const AREA_LABELS: Record<ServiceArea, Label> = {
  childcare: { zh: '幼有所育', en: 'Childcare' },
  education: { zh: '学有所教', en: 'Education' },
  employment: { zh: '劳有所得', en: 'Employment' },
  health: { zh: '病有所医', en: 'Health' },
  elderly: { zh: '老有所养', en: 'Elderly care' },
  housing: { zh: '住有所居', en: 'Housing' },
  assistance: { zh: '弱有所扶', en: 'Social assistance' },
  veterans: { zh: '优军服务保障', en: 'Veterans' },
  cultureSports: { zh: '文体服务保障', en: 'Culture and sports' },
};

/** How a self-check names an outcome: a person "may" qualify; the office decides. */
export const OUTCOME_LABELS: Record<Outcome, Label> = {
  eligible: { zh: '可能符合', en: 'You may qualify' },
  notEligible: { zh: '不符合', en: 'Not eligible' },
  cannotDecide: { zh: '还需了解', en: 'Need to know more' },
};

export const PROVENANCE_LABELS: Record<Provenance['kind'], Label> = {
  plan: { zh: '规划原文', en: 'Plan text' },
  nationalStandard: { zh: '国家标准', en: 'National standard' },
  policy: { zh: '政策文件', en: 'Policy document' },
  assumption: { zh: '假设（待核实）', en: 'Assumption (to be verified)' },
};

export const TIER_LABELS: Record<Service['tier'], Label> = {
  basic: { zh: '基本公共服务', en: 'Basic public service' },
  inclusive: { zh: '普惠性非基本公共服务', en: 'Inclusive non-basic public service' },
};
