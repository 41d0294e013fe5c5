/** Capacities in words ("床位 300，注册护士 40"), for the picker and the list of changes. */
import type { CapacityKey } from '../../../domain/resources/facility.ts';
import { CAPACITY_KEYS, CAPACITY_LABELS } from '../../../domain/resources/facility.ts';
import type { Lang, Text } from '../../i18n.ts';
import { formatNumber } from '../../format.ts';

export function capacityText(
  capacities: Partial<Record<CapacityKey, number>>,
  pick: (t: Text) => string,
  lang: Lang,
): string {
  const parts = CAPACITY_KEYS.filter((k) => capacities[k] !== undefined).map(
    (k) => `${pick(CAPACITY_LABELS[k])} ${formatNumber(capacities[k] as number, lang)}`,
  );
  return parts.join(lang === 'zh' ? '，' : ', ');
}
