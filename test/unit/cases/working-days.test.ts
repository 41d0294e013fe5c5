/**
 * Working-day arithmetic against expectations worked out by hand on the notices (2024 Spring Festival
 * and National Day with their make-up Sundays and Saturdays, the turn of the year), pauses for
 * supplements, refusals, and the laws any calendar must keep (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOfDay } from '../../../src/domain/entitlements/derive.ts';
import {
  isProvisionalSpan,
  addWorkingDays,
  buildWorkingCalendar,
  dayNumber,
  deadlineWithPauses,
  isWorkingDay,
  pausedWorkingDays,
  workingDaysBetween,
} from '../../../src/domain/cases/working-days.ts';
import { CAL, CALENDAR_YEARS, caught } from './fixtures.ts';

describe('working days by hand', () => {
  it('knows the 2024 Spring Festival and National Day days and their make-up weekends', () => {
    const working = [
      '2024-02-04',
      '2024-02-09',
      '2024-02-18',
      '2024-09-14',
      '2024-09-29',
      '2024-10-08',
      '2024-10-12',
    ];
    const off = [
      '2024-02-03',
      '2024-02-10',
      '2024-02-12',
      '2024-02-16',
      '2024-02-17',
      '2024-09-16',
      '2024-10-01',
      '2024-10-07',
      '2024-10-13',
    ];
    for (const d of working) expect([d, isWorkingDay(d, CAL)]).toEqual([d, true]);
    for (const d of off) expect([d, isWorkingDay(d, CAL)]).toEqual([d, false]);
  });

  it('counts across the 2024 Spring Festival: the day of acceptance does not count', () => {
    // Thu 8 Feb + 5: Fri 9 (1), 10–17 off, Sun 18 make-up (2), Mon 19 (3), Tue 20 (4), Wed 21 (5).
    expect(addWorkingDays('2024-02-08', 5, CAL)).toBe('2024-02-21');
    // Fri 2 Feb + 3: Sun 4 make-up (1), Mon 5 (2), Tue 6 (3).
    expect(addWorkingDays('2024-02-02', 3, CAL)).toBe('2024-02-06');
    expect(addWorkingDays('2024-02-08', 1, CAL)).toBe('2024-02-09');
    expect(addWorkingDays('2024-02-09', 1, CAL)).toBe('2024-02-18');
    // Working days in (1 Feb, 29 Feb]: 2, 4, 5–9, 18, 19–23, 26–29.
    expect(workingDaysBetween('2024-02-01', '2024-02-29', CAL)).toBe(17);
  });

  it('counts across the 2024 National Day', () => {
    // Fri 27 Sep + 3: Sun 29 make-up (1), Mon 30 (2), 1–7 Oct off, Tue 8 Oct (3).
    expect(addWorkingDays('2024-09-27', 3, CAL)).toBe('2024-10-08');
    // Mon 30 Sep + 5: 8, 9, 10, 11 Oct, then Sat 12 Oct, a make-up working day.
    expect(addWorkingDays('2024-09-30', 5, CAL)).toBe('2024-10-12');
    // Fri 20 Sep + 20: 23–27 (5), Sun 29 (6), 30 (7), 8–11 Oct (11), Sat 12 (12), 14–18 (17), 21–23 (20).
    expect(addWorkingDays('2024-09-20', 20, CAL)).toBe('2024-10-23');
    // Mid-Autumn 2024: Sat 14 Sep is a working day, 15–17 are off.
    expect(addWorkingDays('2024-09-13', 2, CAL)).toBe('2024-09-18');
  });

  it('counts across a year boundary', () => {
    // Fri 27 Dec 2024 + 5: 30, 31 Dec, 1 Jan off, 2, 3 Jan, Mon 6 Jan.
    expect(addWorkingDays('2024-12-27', 5, CAL)).toBe('2025-01-06');
    // Mon 29 Dec 2025 + 4: 30, 31 Dec, 1–3 Jan 2026 off, Sun 4 Jan make-up, Mon 5 Jan.
    expect(addWorkingDays('2025-12-29', 4, CAL)).toBe('2026-01-05');
    expect(workingDaysBetween('2024-12-31', '2025-01-02', CAL)).toBe(1);
    // 2025 Spring Festival: Sun 26 Jan make-up, 28 Jan – 4 Feb off.
    expect(addWorkingDays('2025-01-24', 2, CAL)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3, CAL)).toBe('2025-02-05');
  });

  it('counts n = 0 as the day itself, and backwards as negative', () => {
    expect(addWorkingDays('2024-02-10', 0, CAL)).toBe('2024-02-10');
    expect(workingDaysBetween('2024-02-29', '2024-02-01', CAL)).toBe(-17);
    expect(workingDaysBetween('2024-02-12', '2024-02-12', CAL)).toBe(0);
  });
});

describe('pauses for a supplement', () => {
  it('moves the deadline by the working days in (requested, answered]', () => {
    // Accepted Thu 1 Feb 2024, 5 days: without a pause 2, 4, 5, 6, 7 → Wed 7 Feb.
    expect(deadlineWithPauses('2024-02-01', 5, [], CAL)).toBe('2024-02-07');
    // Requested Mon 5, answered Wed 7: 6 and 7 do not count → 2, 4, 5, 8, 9 → Fri 9 Feb.
    const pause = [{ from: '2024-02-05', to: '2024-02-07' }];
    expect(deadlineWithPauses('2024-02-01', 5, pause, CAL)).toBe('2024-02-09');
    expect(pausedWorkingDays(pause, '2024-03-01', CAL)).toBe(2);
  });

  it('across the Spring Festival only the working days inside the pause count', () => {
    // Accepted Mon 5 Feb, 3 days; requested Wed 7, answered Mon 19: 8, 9, 18, 19 paused → Tue 20.
    expect(deadlineWithPauses('2024-02-05', 3, [{ from: '2024-02-07', to: '2024-02-19' }], CAL)).toBe(
      '2024-02-20',
    );
    expect(addWorkingDays('2024-02-05', 3, CAL)).toBe('2024-02-08');
  });

  it('a pause requested and answered on the same day moves nothing; so does one over a weekend', () => {
    const plain = deadlineWithPauses('2024-03-01', 10, [], CAL);
    expect(deadlineWithPauses('2024-03-01', 10, [{ from: '2024-03-05', to: '2024-03-05' }], CAL)).toBe(plain);
    // Fri 8 → Sun 10 March: (8, 10] holds Saturday and Sunday only.
    expect(deadlineWithPauses('2024-03-01', 10, [{ from: '2024-03-08', to: '2024-03-10' }], CAL)).toBe(plain);
  });

  it('an awaited supplement stops the clock: no deadline until answered, unless already reached', () => {
    expect(deadlineWithPauses('2024-02-01', 5, [{ from: '2024-02-05', to: null }], CAL)).toBeNull();
    // 2 days from Thu 1 Feb ends on Sun 4 (make-up), before the request on Mon 5.
    expect(deadlineWithPauses('2024-02-01', 2, [{ from: '2024-02-05', to: null }], CAL)).toBe('2024-02-04');
    expect(pausedWorkingDays([{ from: '2024-02-05', to: null }], '2024-02-08', CAL)).toBe(3);
  });

  it('refuses pauses that run backwards, start before the clock, overlap, or follow an open one', () => {
    expect(
      caught(() => deadlineWithPauses('2024-02-01', 5, [{ from: '2024-02-07', to: '2024-02-05' }], CAL))
        .problems[0]!.field,
    ).toBe('pauses[0].to');
    expect(
      caught(() => deadlineWithPauses('2024-02-01', 5, [{ from: '2024-01-31', to: '2024-02-05' }], CAL))
        .problems[0]!.field,
    ).toBe('pauses[0].from');
    const overlap = [
      { from: '2024-02-02', to: '2024-02-06' },
      { from: '2024-02-05', to: '2024-02-07' },
    ];
    expect(caught(() => deadlineWithPauses('2024-02-01', 5, overlap, CAL)).problems[0]!.field).toBe(
      'pauses[1].from',
    );
    const afterOpen = [
      { from: '2024-02-02', to: null },
      { from: '2024-02-05', to: '2024-02-07' },
    ];
    expect(caught(() => deadlineWithPauses('2024-02-01', 5, afterOpen, CAL)).code).toBe('invalid_input');
    // Back to back (answered and asked again on the same day) is allowed.
    const backToBack = [
      { from: '2024-02-02', to: '2024-02-05' },
      { from: '2024-02-05', to: '2024-02-06' },
    ];
    expect(deadlineWithPauses('2024-02-01', 2, backToBack, CAL)).toBe('2024-02-07'); // Fri 2 (request day) and Wed 7
  });
});

describe('refusals', () => {
  it('refuses dates outside the calendar with a bilingual error naming the year', () => {
    const before = caught(() => isWorkingDay('2020-12-31', CAL));
    expect(before.code).toBe('invalid_input');
    expect(before.zh).toContain('日期 2020-12-31 超出工作日历所列年份（2021–2027年），缺少2020年节假日安排');
    expect(before.message).toContain('outside the working-day calendar (years 2021–2027)');
    const after = caught(() => addWorkingDays('2027-12-30', 3, CAL));
    expect(after.zh).toContain('2028-01-01');
    expect(after.problems[0]!.field).toBe('deadline');
  });
});

describe('a calendar with a year missing in the middle', () => {
  it('refuses to count across the missing year, naming it', () => {
    const gap = buildWorkingCalendar(CALENDAR_YEARS.filter((y) => y.year !== 2022));
    expect(workingDaysBetween('2021-12-30', '2021-12-31', gap)).toBe(1);
    const e = caught(() => workingDaysBetween('2021-12-30', '2023-01-04', gap));
    expect(e.zh).toContain('缺少2022年节假日安排');
  });
});

describe('a provisional year (notice not yet published)', () => {
  it('counts 2027 on its statutory holidays and says the count is provisional', () => {
    // Wed 30 Dec 2026 + 3: Thu 31, (Fri 1 Jan 2027 元旦, Sat, Sun), Mon 4, Tue 5.
    expect(addWorkingDays('2026-12-30', 3, CAL)).toBe('2027-01-05');
    expect(isWorkingDay('2027-02-08', CAL)).toBe(false); // 正月初三 (by the worked-out date)
    expect(isWorkingDay('2027-02-09', CAL)).toBe(true);
    expect(isProvisionalSpan('2026-12-30', '2027-01-05', CAL)).toBe(true);
    expect(isProvisionalSpan('2026-11-02', '2026-12-31', CAL)).toBe(false);
    expect(isProvisionalSpan('2027-03-01', '2026-12-01', CAL)).toBe(true); // either order
  });

  it('refuses malformed dates and counts', () => {
    expect(caught(() => isWorkingDay('2024-02-30', CAL)).zh).toContain('不是有效日期');
    expect(caught(() => isWorkingDay('2024/02/01', CAL)).code).toBe('invalid_input');
    expect(caught(() => addWorkingDays('2024-02-01', -1, CAL)).problems[0]!.field).toBe('workingDays');
    expect(caught(() => addWorkingDays('2024-02-01', 1.5, CAL)).problems[0]!.field).toBe('workingDays');
  });
});

// Dates from 2021-01-01 to 2026-08-31, so that 60 working days later is still in 2026.
const FIRST = dayNumber('2021-01-01');
const LAST = dayNumber('2026-08-31');
const dateArb = fc.integer({ min: FIRST, max: LAST }).map(isoOfDay);
const plusDays = (iso: string, k: number) => isoOfDay(dayNumber(iso) + k);

describe('laws of the arithmetic (fast-check)', () => {
  it('counting between two dates from the running count equals walking the days one by one', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        let walked = 0;
        for (let d = dayNumber(lo) + 1; d <= dayNumber(hi); d++) if (isWorkingDay(isoOfDay(d), CAL)) walked++;
        expect(workingDaysBetween(lo, hi, CAL)).toBe(walked);
        expect(workingDaysBetween(hi, lo, CAL)).toBe(walked === 0 ? 0 : -walked);
      }),
    );
  });

  it('a deadline is always a working day, exactly n working days after the start, and the first such day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const due = addWorkingDays(start, n, CAL);
        expect(isWorkingDay(due, CAL)).toBe(true);
        expect(workingDaysBetween(start, due, CAL)).toBe(n);
        expect(workingDaysBetween(start, plusDays(due, -1), CAL)).toBe(n - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('adding n then m equals adding n + m', () => {
    fc.assert(
      fc.property(dateArb, fc.nat(30), fc.nat(30), (start, n, m) => {
        expect(addWorkingDays(addWorkingDays(start, n, CAL), m, CAL)).toBe(addWorkingDays(start, n + m, CAL));
      }),
      { numRuns: 300 },
    );
  });

  it('a pause of zero working days changes nothing', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), fc.nat(20), fc.nat(3), (start, n, k, len) => {
        const from = plusDays(start, k);
        const to = plusDays(from, len);
        fc.pre(workingDaysBetween(from, to, CAL) === 0);
        expect(deadlineWithPauses(start, n, [{ from, to }], CAL)).toBe(addWorkingDays(start, n, CAL));
      }),
      { numRuns: 300 },
    );
  });

  it('a pause moves the deadline by its working days when it starts before the deadline, else not at all', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 30 }), fc.nat(40), fc.nat(20), (start, n, k, len) => {
        const from = plusDays(start, k);
        const to = plusDays(from, len);
        const paused = workingDaysBetween(from, to, CAL);
        const startsBefore = workingDaysBetween(start, from, CAL) < n;
        const expected = addWorkingDays(start, startsBefore ? n + paused : n, CAL);
        expect(deadlineWithPauses(start, n, [{ from, to }], CAL)).toBe(expected);
        expect(isWorkingDay(expected, CAL)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('working days between are additive and antisymmetric', () => {
    fc.assert(
      fc.property(dateArb, fc.nat(60), fc.nat(60), (a, x, y) => {
        const b = plusDays(a, x);
        const c = plusDays(b, y);
        expect(workingDaysBetween(a, c, CAL)).toBe(
          workingDaysBetween(a, b, CAL) + workingDaysBetween(b, c, CAL),
        );
        expect(workingDaysBetween(c, a, CAL)).toBe(0 - workingDaysBetween(a, c, CAL) || 0);
      }),
      { numRuns: 300 },
    );
  });
});
