/**
 * What another system may be given (一网通享, plan §…“实现公共服务数据资源一网通享”): named datasets and
 * the operations each allows. Nothing here names a person: counts, figures and facilities only.
 */
export const SHARE_OPERATIONS = ['read', 'write'] as const;
export type ShareOperation = (typeof SHARE_OPERATIONS)[number];

export const SHARE_DATASETS = {
  /** The board's indicator evaluations by area and year. */
  indicators: ['read'],
  /** The facility registry. */
  facilities: ['read'],
  /** Supply against each per-population norm, by district. */
  gaps: ['read'],
  /** A matching snapshot's counts by district × service (no persons). */
  entitlementCounts: ['read'],
  /** Observed figures; `write` lets e.g. the statistics bureau submit figures within its scope. */
  observations: ['read', 'write'],
} as const satisfies Record<string, readonly ShareOperation[]>;
export type ShareDataset = keyof typeof SHARE_DATASETS;

export const SHARE_DATASET_NAMES = Object.keys(SHARE_DATASETS) as ShareDataset[];

export const SHARE_DATASET_LABELS: Record<ShareDataset, { zh: string; en: string }> = {
  indicators: { zh: '规划指标评估', en: 'Indicator evaluations' },
  facilities: { zh: '设施名录', en: 'Facility registry' },
  gaps: { zh: '资源配置缺口', en: 'Capacity gaps' },
  entitlementCounts: { zh: '服务找人统计（不含个人）', en: 'Entitlement counts (no persons)' },
  observations: { zh: '指标观测值', en: 'Observations' },
};

export const SHARE_OPERATION_LABELS: Record<ShareOperation, { zh: string; en: string }> = {
  read: { zh: '读取', en: 'read' },
  write: { zh: '写入', en: 'write' },
};

export function isShareDataset(s: string): s is ShareDataset {
  return Object.hasOwn(SHARE_DATASETS, s);
}

/** Whether the dataset offers the operation at all (not whether a token holds it). */
export function datasetAllows(dataset: ShareDataset, operation: ShareOperation): boolean {
  return (SHARE_DATASETS[dataset] as readonly ShareOperation[]).includes(operation);
}
