/** The web's fact words pick the registry's Chinese or English text by the page's language. */
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../src/domain/entitlements/facts.ts';
import { factValueText } from '../../../src/web/components/cases/case-format.ts';
import { enumValueLabel, factQuestion, factUnit } from '../../../src/web/components/fact-words.ts';

describe('fact words', () => {
  it('asks the question in the page language', () => {
    expect(factQuestion('person.birthDate', 'zh')).toBe('您的出生日期是？');
    expect(factQuestion('person.birthDate', 'en')).toBe('What is your date of birth?');
  });

  it('labels enum values in the page language, unlisted values as they are', () => {
    expect(enumValueLabel('person.hukouType', 'rural', 'zh')).toBe('农村');
    expect(enumValueLabel('person.hukouType', 'rural', 'en')).toBe('rural');
    expect(enumValueLabel('household.assistanceStatus', 'dibao', 'en')).toContain('dibao');
    expect(enumValueLabel('household.assistanceStatus', 'dibao', 'en')).not.toBe('dibao');
    expect(enumValueLabel('person.residenceDistrict', '510104', 'en')).toBe('510104');
  });

  it('gives units in the page language and nothing for a fact without one', () => {
    expect(factUnit('person.incomeMonthly', 'zh')).toBe(FACTS['person.incomeMonthly'].unit);
    expect(factUnit('person.incomeMonthly', 'en')).toBe('yuan/month');
    expect(factUnit('person.sex', 'en')).toBe('');
  });

  it('shows an enum fact of a case in English in English mode', () => {
    expect(factValueText('person.employmentStatus', 'registeredUnemployed', [], 'en')).toBe(
      'registered unemployed',
    );
    expect(factValueText('person.employmentStatus', 'registeredUnemployed', [], 'zh')).toBe('登记失业');
  });
});
