/** Chinese and English labels for the plan's categories, sectors, natures and directions. */
import type { Category, Indicator, Sector } from './pack.schema.ts';

export interface Label {
  zh: string;
  en: string;
}

export const CATEGORY_LABELS: Record<Category, Label> = {
  overall: { zh: '总体指标', en: 'Overall' },
  basic: { zh: '基本公共服务', en: 'Basic public services' },
  inclusive: { zh: '普惠性公共服务', en: 'Inclusive public services' },
  lifeService: { zh: '生活性服务', en: 'Life services' },
};

export const SECTOR_LABELS: Record<Sector, Label> = {
  overall: { zh: '综合', en: 'Overall' },
  childcare: { zh: '幼有善育', en: 'Childcare' },
  education: { zh: '学有优教', en: 'Education' },
  employment: { zh: '劳有厚得', en: 'Employment and social insurance' },
  health: { zh: '病有良医', en: 'Health' },
  elderly: { zh: '老有颐养', en: 'Elderly care' },
  housing: { zh: '住有宜居', en: 'Housing and living environment' },
  assistance: { zh: '弱有众扶', en: 'Social assistance and disability' },
  veterans: { zh: '优军优抚', en: 'Veterans' },
  culture: { zh: '文化服务', en: 'Culture and broadcasting' },
  sports: { zh: '全民健身', en: 'Sports' },
  leisure: { zh: '休闲消费', en: 'Leisure and consumption' },
  community: { zh: '社区服务', en: 'Community services' },
  legal: { zh: '法律服务', en: 'Legal services' },
};

export const NATURE_LABELS: Record<Indicator['nature'], Label> = {
  binding: { zh: '约束性', en: 'Binding' },
  expected: { zh: '预期性', en: 'Expected' },
};

export const DIRECTION_LABELS: Record<Indicator['direction'], Label> = {
  increase: { zh: '越高越好', en: 'Higher is better' },
  decrease: { zh: '越低越好', en: 'Lower is better' },
  maintain: { zh: '保持', en: 'Maintain' },
};
