/**
 * The fact registry speaks English too: every fact has an English question, every unit an English
 * unit and every enum value an English label, so the self-check and the portal form show no
 * Chinese in English mode. The Chinese side stays complete alongside.
 */
import { describe, expect, it } from 'vitest';
import { FACTS, FACT_KEYS } from '../../../src/domain/entitlements/facts.ts';

const HAN = /\p{Script=Han}/u;
/** Full-width punctuation (？（）、，) betrays text copied from the Chinese side. */
const FULL_WIDTH = /[\u3000-\u303f\uff00-\uffef]/u;

function english(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== '' && !HAN.test(text) && !FULL_WIDTH.test(text);
}

describe('English texts of the fact registry', () => {
  it.each(FACT_KEYS)('%s has an English question', (key) => {
    const def = FACTS[key];
    expect(english(def.questionEn), def.questionEn).toBe(true);
    expect(def.question).toMatch(HAN);
  });

  it.each(FACT_KEYS.filter((k) => FACTS[k].unit !== undefined))('%s has an English unit', (key) => {
    expect(english(FACTS[key].unitEn), FACTS[key].unitEn).toBe(true);
  });

  it.each(FACT_KEYS.filter((k) => FACTS[k].values !== undefined))(
    '%s has one English label per enum value',
    (key) => {
      const def = FACTS[key];
      const values = def.values ?? [];
      expect(def.valueLabelsEn).toHaveLength(values.length);
      expect(def.valueLabels).toHaveLength(values.length);
      for (const label of def.valueLabelsEn ?? []) expect(english(label), label).toBe(true);
      // Two values with one label could not be told apart on the form.
      expect(new Set(def.valueLabelsEn).size).toBe(values.length);
    },
  );

  it('has enum labels only where there are enum values', () => {
    for (const key of FACT_KEYS) {
      const def = FACTS[key];
      if (def.values === undefined) expect(def.valueLabelsEn, key).toBeUndefined();
    }
  });

  it('derived facts ask the question of the fact they come from', () => {
    for (const key of FACT_KEYS) {
      const from = FACTS[key].derivedFrom;
      if (!from) continue;
      const asked = from.map((k) => FACTS[k as keyof typeof FACTS].questionEn);
      expect(asked, key).toContain(FACTS[key].questionEn);
    }
  });
});
