/** The five statuses an indicator can have for an area and a year, with their labels. */
export const STATUSES = ['achieved', 'onTrack', 'lagging', 'atRisk', 'noData'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  achieved: { zh: '已实现', en: 'Achieved' },
  onTrack: { zh: '进度正常', en: 'On track' },
  lagging: { zh: '进度滞后', en: 'Lagging' },
  atRisk: { zh: '存在风险', en: 'At risk' },
  noData: { zh: '暂无数据', en: 'No data' },
};

/** Off track means behind the trajectory: lagging, or at risk (a binding indicator lagging). */
export function isOffTrack(status: Status): boolean {
  return status === 'lagging' || status === 'atRisk';
}

/** Order for review tables: at risk first, then lagging, no data, on track, achieved. */
export const STATUS_SEVERITY: Record<Status, number> = {
  atRisk: 0,
  lagging: 1,
  noData: 2,
  onTrack: 3,
  achieved: 4,
};
