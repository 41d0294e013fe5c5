/**
 * Calendar dates as the plan writes them (YYYY-MM-DD, Chinese calendar days): parsing, checking and
 * the date of an instant in China time. One home for what projects, facilities, entitlements and
 * cases all need.
 */
import type { FieldProblem } from './errors.ts';

export interface CivilDate {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

/** Parses YYYY-MM-DD into its parts (no time zone involved). */
export function civilOf(iso: string): CivilDate {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 31);
}

/**
 * A real calendar date in YYYY-MM-DD form (rejects 2025-02-29). Worked out without `Date.UTC`,
 * which maps the years 0–99 to 1900–1999.
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const { y, m, d } = civilOf(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The problem of a field that is not a real YYYY-MM-DD date, or null when it is one. */
export function dateProblem(field: string, s: string): FieldProblem | null {
  return isIsoDate(s)
    ? null
    : { field, zh: `日期格式应为 YYYY-MM-DD，收到“${s}”`, en: `date must be YYYY-MM-DD; got "${s}"` };
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone given as a fixed UTC offset; the plan's
 * dates are Chinese calendar dates (UTC+8, no daylight saving).
 */
export function dateInZone(instant: Date, offsetMinutes = 480): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
