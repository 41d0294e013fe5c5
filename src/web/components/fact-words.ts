/**
 * A fact's question, unit and choice labels in the page's language, read from the fact registry
 * (facts.ts keeps the Chinese and English side by side). One place so every page that asks about or
 * shows a fact picks the same words.
 */
import type { FactKey } from '../../domain/entitlements/facts.ts';
import { FACTS } from '../../domain/entitlements/facts.ts';
import type { Lang } from '../i18n.ts';

export function factQuestion(key: FactKey, lang: Lang): string {
  return lang === 'zh' ? FACTS[key].question : FACTS[key].questionEn;
}

/** The unit of a number fact ('' when it has none). */
export function factUnit(key: FactKey, lang: Lang): string {
  const def = FACTS[key];
  return (lang === 'zh' ? def.unit : (def.unitEn ?? def.unit)) ?? '';
}

/** The label of one enum value; an unlisted value (e.g. a district code) is returned as it is. */
export function enumValueLabel(key: FactKey, value: string, lang: Lang): string {
  const def = FACTS[key];
  const i = def.values?.indexOf(value) ?? -1;
  if (i < 0) return value;
  const labels = lang === 'zh' ? def.valueLabels : def.valueLabelsEn;
  return labels?.[i] ?? value;
}
