/**
 * A service's rule versions on a timeline (rule-timeline.ts): each ends the day before the next one
 * starts, exactly one is in force on any day from the first version on, and versions after today
 * are waiting. Properties over random version dates and days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleTimeline } from '../../../src/domain/entitlements/rule-timeline.ts';
import { service } from './fixtures.ts';

const AGE = { fact: 'person.ageYears', op: 'ge', value: 80 } as const;

describe('ruleTimeline', () => {
  it('marks past, in force and waiting versions with their periods', () => {
    const s = service('S-5-01', [
      ['2021-01-01', AGE],
      ['2024-03-01', AGE],
      ['2027-01-01', AGE],
    ]);
    expect(ruleTimeline(s, '2025-06-15').map((r) => [r.from, r.until, r.state])).toEqual([
      ['2021-01-01', '2024-02-29', 'past'],
      ['2024-03-01', '2026-12-31', 'inForce'],
      ['2027-01-01', null, 'future'],
    ]);
    // On the day a version starts, it is the one in force.
    expect(ruleTimeline(s, '2027-01-01').map((r) => r.state)).toEqual(['past', 'past', 'inForce']);
    expect(ruleTimeline(s, '2020-12-31').map((r) => r.state)).toEqual(['future', 'future', 'future']);
  });

  const day = fc
    .integer({ min: 0, max: 5000 })
    .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

  it('one version in force from the first date on, none before; periods chain (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(day, { minLength: 1, maxLength: 5 }), day, (dates, today) => {
        const sorted = [...dates].sort();
        const t = ruleTimeline(
          service(
            'S-5-01',
            sorted.map((d) => [d, AGE] as [string, typeof AGE]),
          ),
          today,
        );
        const inForce = t.filter((r) => r.state === 'inForce');
        expect(inForce.length).toBe(today >= sorted[0]! ? 1 : 0);
        for (const r of t) {
          if (r.state === 'future') expect(r.from > today).toBe(true);
          if (r.state === 'past') expect(r.until !== null && r.until < today).toBe(true);
        }
        t.slice(0, -1).forEach((r, i) => {
          const next = new Date(`${r.until}T00:00:00Z`);
          next.setUTCDate(next.getUTCDate() + 1);
          expect(next.toISOString().slice(0, 10)).toBe(t[i + 1]!.from);
        });
        expect(t.at(-1)?.until).toBeNull();
      }),
    );
  });
});
