/**
 * FUWU_ESCALATION_MINUTES: 60 by default, a whole number of minutes from 1 to a day (1440), and
 * anything else refused at start naming the variable in both languages.
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/cli/config.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

describe('FUWU_ESCALATION_MINUTES', () => {
  it('defaults to an hour and takes 1–1440', () => {
    expect(readConfig({}).escalationMinutes).toBe(60);
    expect(readConfig({ FUWU_ESCALATION_MINUTES: '' }).escalationMinutes).toBe(60);
    expect(readConfig({ FUWU_ESCALATION_MINUTES: '1' }).escalationMinutes).toBe(1);
    expect(readConfig({ FUWU_ESCALATION_MINUTES: '1440' }).escalationMinutes).toBe(1440);
  });

  it.each(['0', '1441', '2.5', 'hourly', '-5'])('refuses %s, naming the variable', (v) => {
    let caught: unknown;
    try {
      readConfig({ FUWU_ESCALATION_MINUTES: v });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FuwuError);
    const e = caught as FuwuError;
    expect(e.problems.map((p) => p.field)).toEqual(['FUWU_ESCALATION_MINUTES']);
    expect(e.zh).toContain('1–1440');
    expect(e.message).toContain(v);
  });
});
