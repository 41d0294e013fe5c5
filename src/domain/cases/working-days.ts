/**
 * Working-day arithmetic on the Chinese calendar (工作日), for case deadlines (办结时限).
 *
 * A day is a working day when it is a make-up working day (调休上班), or a Monday to Friday that is not
 * in a holiday period (放假). Dates are YYYY-MM-DD in China time; nothing here reads a clock.
 *
 * Counting convention. 行政许可法 第八十二条: periods of administrative licensing are counted in working
 * days, public holidays excluded; 民法典 第二百零一条: the day a period starts is not counted, counting
 * begins the next day. So the day of submission (or acceptance) does not count, and a deadline of n
 * working days is the n-th working day after it: accepted on Friday 2024-02-02 with 3 working days,
 * the days counted are Sunday 4 (a make-up working day), Monday 5 and Tuesday 6, so the deadline is
 * 2024-02-06. A decision on the deadline day is on time.
 *
 * Pauses (补正: a supplement requested on day a, answered on day b): the working days in (a, b] do not
 * count. Day a counts as usual (the office worked on the case that day); day b does not (it is like a
 * new submission: counting resumes the next day). A pause requested and answered on the same day
 * therefore pauses zero working days and moves nothing; so does one from a Friday to the Sunday after.
 *
 * Dates outside the years the calendar lists are refused with a bilingual error rather than guessed: a
 * year's holidays are only known from its notice. A year whose notice is not out yet may be listed as
 * provisional (its statutory holidays only); `isProvisionalSpan` tells a deadline counted through it.
 */
import type { CalendarYear } from './calendar.schema.ts';
import { daysIn } from './calendar.schema.ts';
import { civilOf, daysFromCivil, isIsoDate, isoOfDay } from '../entitlements/derive.ts';
import { invalidField } from '../shared/errors.ts';

export interface WorkingCalendar {
  /** The years with a notice, ascending. */
  years: readonly number[];
  /** Day numbers (days since 1970-01-01) of holidays and of make-up working days. */
  holidays: ReadonlySet<number>;
  makeUpWorkdays: ReadonlySet<number>;
  /** Years listed before their notice: statutory holidays only, make-up working days unknown. */
  provisionalYears: ReadonlySet<number>;
  /**
   * Running count of working days from the first listed year's 1 January: `workingBefore[i]` is the
   * number among the i days before day `firstDay + i`. Built once per calendar so that counting the
   * working days between two dates — done for every case on every queue read — is two lookups, not a
   * walk over each day.
   */
  firstDay: number;
  workingBefore: Int32Array;
}

/** A pause of the clock: requested on `from`, answered on `to` (null: still awaited). */
export interface ClockPause {
  from: string;
  to: string | null;
}

export function buildWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  const holidays = new Set<number>();
  const makeUp = new Set<number>();
  for (const y of years) {
    for (const h of y.holidays) for (const d of daysIn(h.from, h.to)) holidays.add(dayNumber(d));
    for (const d of y.makeUpWorkdays) makeUp.add(dayNumber(d));
  }
  const listed = [...new Set(years.map((y) => y.year))].sort((a, b) => a - b);
  const firstDay = listed.length ? daysFromCivil(listed[0]!, 1, 1) : 0;
  const endDay = listed.length ? daysFromCivil(listed[listed.length - 1]! + 1, 1, 1) : 0;
  const workingBefore = new Int32Array(endDay - firstDay + 1);
  for (let d = firstDay; d < endDay; d++) {
    const i = d - firstDay;
    workingBefore[i + 1] = workingBefore[i]! + (isWorkingWeekdayOrMakeUp(d, holidays, makeUp) ? 1 : 0);
  }
  return {
    years: listed,
    holidays,
    makeUpWorkdays: makeUp,
    provisionalYears: new Set(years.filter((y) => y.provisional).map((y) => y.year)),
    firstDay,
    workingBefore,
  };
}

function isWorkingWeekdayOrMakeUp(
  day: number,
  holidays: ReadonlySet<number>,
  makeUp: ReadonlySet<number>,
): boolean {
  if (makeUp.has(day)) return true;
  if (holidays.has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Whether any day in [from, to] falls in a provisional year, so a count over it may still change. */
export function isProvisionalSpan(from: string, to: string, cal: WorkingCalendar): boolean {
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++)
    if (cal.provisionalYears.has(y)) return true;
  return false;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; a malformed or impossible date is refused by name. */
export function dayNumber(iso: string, field = 'date'): number {
  if (!isIsoDate(iso))
    throw invalidField(
      field,
      `「${iso}」不是有效日期（应为 YYYY-MM-DD）`,
      `"${iso}" is not a date (YYYY-MM-DD)`,
    );
  const { y, m, d } = civilOf(iso);
  return daysFromCivil(y, m, d);
}

function yearsText(cal: WorkingCalendar): string {
  const ys = cal.years;
  if (ys.length === 0) return '—';
  const contiguous = ys[ys.length - 1]! - ys[0]! === ys.length - 1;
  return contiguous ? `${ys[0]}–${ys[ys.length - 1]}` : ys.join(', ');
}

/** Refuse a day in a year the calendar has no notice for. */
function requireCovered(cal: WorkingCalendar, day: number, field: string): void {
  const iso = isoOfDay(day);
  const year = Number(iso.slice(0, 4));
  if (cal.years.includes(year)) return;
  throw invalidField(
    field,
    `日期 ${iso} 超出工作日历所列年份（${yearsText(cal)}年），缺少${year}年节假日安排，无法计算工作日`,
    `the date ${iso} is outside the working-day calendar (years ${yearsText(cal)}): without the ${year} holiday notice its working days cannot be counted`,
  );
}

function isWorkingDayNumber(cal: WorkingCalendar, day: number, field: string): boolean {
  requireCovered(cal, day, field);
  return isWorkingWeekdayOrMakeUp(day, cal.holidays, cal.makeUpWorkdays);
}

export function isWorkingDay(date: string, cal: WorkingCalendar): boolean {
  return isWorkingDayNumber(cal, dayNumber(date), 'date');
}

function requireCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 0)
    throw invalidField(field, `应为非负整数，收到 ${n}`, `must be a whole number ≥ 0, got ${n}`);
}

/** The n-th working day after `start` (`start` itself for n = 0). */
export function addWorkingDays(start: string, n: number, cal: WorkingCalendar): string {
  return deadlineWithPauses(start, n, [], cal) as string;
}

/** Working days in (from, to]: after `from`, up to and including `to`; negative when to < from. */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar): number {
  const a = dayNumber(from, 'from');
  const b = dayNumber(to, 'to');
  requireCovered(cal, a, 'from');
  requireCovered(cal, b, 'to');
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  // Every year between must be listed too (one with no notice in the middle cannot be counted).
  for (let y = Number(isoOfDay(lo).slice(0, 4)) + 1; y < Number(isoOfDay(hi).slice(0, 4)); y++)
    requireCovered(cal, daysFromCivil(y, 1, 1), 'to');
  const count = cal.workingBefore[hi - cal.firstDay + 1]! - cal.workingBefore[lo - cal.firstDay + 1]!;
  return count === 0 ? 0 : sign * count; // never -0
}

/**
 * The decision deadline: the n-th counted working day after `start`, where the working days inside
 * the pauses (a, b] are not counted. Returns null while an unanswered pause has stopped the clock
 * before the deadline was reached. Pauses must start on or after `start`, in order, without overlap
 * (one may start on the day the previous one was answered), and only the last may be unanswered.
 */
export function deadlineWithPauses(
  start: string,
  n: number,
  pauses: readonly ClockPause[],
  cal: WorkingCalendar,
): string | null {
  requireCount(n, 'workingDays');
  const s = dayNumber(start, 'start');
  requireCovered(cal, s, 'start');
  const spans = pauseSpans(s, pauses);
  let counted = 0;
  let d = s;
  let next = 0; // index of the first pause not yet passed
  while (counted < n) {
    d++;
    while (next < spans.length && spans[next]!.to !== null && d > spans[next]!.to!) next++;
    const p = spans[next];
    if (p && d > p.from) {
      if (p.to === null) return null; // still awaiting the supplement: no deadline yet
      continue; // inside (from, to]: not counted
    }
    if (isWorkingDayNumber(cal, d, 'deadline')) counted++;
  }
  return isoOfDay(d);
}

/** Working days the pauses took: the sum over (a, b]; an unanswered pause counts up to `asOf`. */
export function pausedWorkingDays(pauses: readonly ClockPause[], asOf: string, cal: WorkingCalendar): number {
  let total = 0;
  for (const p of pauses) {
    const end = p.to ?? asOf;
    if (end > p.from) total += workingDaysBetween(p.from, end, cal);
  }
  return total;
}

interface Span {
  from: number;
  to: number | null;
}

function pauseSpans(start: number, pauses: readonly ClockPause[]): Span[] {
  const spans: Span[] = [];
  pauses.forEach((p, i) => {
    const field = `pauses[${i}]`;
    const from = dayNumber(p.from, `${field}.from`);
    const to = p.to === null ? null : dayNumber(p.to, `${field}.to`);
    if (from < start)
      throw invalidField(
        `${field}.from`,
        `暂停开始于 ${p.from}，早于起算日`,
        `the pause starts on ${p.from}, before the start`,
      );
    if (to !== null && to < from)
      throw invalidField(
        `${field}.to`,
        `补正答复日 ${p.to} 早于补正告知日 ${p.from}`,
        `answered on ${p.to}, before it was requested (${p.from})`,
      );
    const prev = spans[spans.length - 1];
    if (prev && (prev.to === null || from < prev.to))
      throw invalidField(
        `${field}.from`,
        '暂停期间重叠或前一暂停尚未结束',
        'the pause overlaps the previous one, or that one is still open',
      );
    spans.push({ from, to });
  });
  return spans;
}
