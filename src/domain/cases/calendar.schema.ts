/**
 * The Chinese working-day calendar as data (packs/…/calendar/holidays.yaml): for each year, the State
 * Council's notice (国务院办公厅关于…年部分节假日安排的通知) with its holiday periods (放假) and its
 * make-up working days (调休上班). The schema refuses what would silently skew every deadline: a date
 * that does not exist, a date outside its year, a make-up day that is not a weekend (a weekday is a
 * working day already, so listing it means the notice was misread), a day both holiday and make-up.
 */
import { z } from 'zod';
import { civilOf, daysFromCivil, isIsoDate, isoOfDay } from '../entitlements/derive.ts';

/** 0 = Sunday … 6 = Saturday, for a valid YYYY-MM-DD (1970-01-01 was a Thursday). */
export function weekdayOf(iso: string): number {
  const { y, m, d } = civilOf(iso);
  return (((daysFromCivil(y, m, d) + 4) % 7) + 7) % 7;
}

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'not a real date in YYYY-MM-DD form / 不是有效日期' });

export const holidayPeriodSchema = z.strictObject({
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** First and last day off, both included. */
  from: isoDate,
  to: isoDate,
  /** Where the notice's period reaches into another year, or anything else a reader should know. */
  note: z.string().optional(),
});
export type HolidayPeriod = z.infer<typeof holidayPeriodSchema>;

export const calendarYearSchema = z
  .strictObject({
    year: z.number().int().min(1949).max(2100),
    /** The notice's title, and its document number (e.g. 国办发明电〔2020〕27号). */
    notice: z.string().min(1),
    number: z.string().min(1),
    issued: isoDate,
    /** Where the dates were checked (a stored public copy of the notice). */
    checkedAgainst: z.string().min(1),
    holidays: z.array(holidayPeriodSchema).min(1),
    makeUpWorkdays: z.array(isoDate),
    /**
     * The year's notice is not out yet: only the statutory holidays (全国年节及纪念日放假办法) are
     * listed, without the make-up working days the notice will add. Deadlines counted through such a
     * year are marked provisional (暂定) until the notice replaces the entry.
     */
    provisional: z.boolean().optional(),
  })
  .superRefine((y, ctx) => {
    if (y.provisional && y.makeUpWorkdays.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['makeUpWorkdays'],
        message:
          'a provisional year lists no make-up working days (only the notice sets them) / 暂定年份不列调休上班日（由当年通知确定）',
      });
    const inYear = (iso: string) => isIsoDate(iso) && Number(iso.slice(0, 4)) === y.year;
    const holidayDays = new Set<string>();
    y.holidays.forEach((h, i) => {
      for (const key of ['from', 'to'] as const) {
        if (isIsoDate(h[key]) && !inYear(h[key]))
          ctx.addIssue({
            code: 'custom',
            path: ['holidays', i, key],
            message: `${h[key]} is outside the year ${y.year} / 不在${y.year}年内`,
          });
      }
      if (h.to < h.from)
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i, 'to'],
          message: `ends (${h.to}) before it starts (${h.from}) / 结束日期早于开始日期`,
        });
      for (const day of daysIn(h.from, h.to)) holidayDays.add(day);
    });
    y.makeUpWorkdays.forEach((day, i) => {
      if (!isIsoDate(day)) return;
      if (!inYear(day))
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${day} is outside the year ${y.year} / 不在${y.year}年内`,
        });
      const wd = weekdayOf(day);
      if (wd !== 0 && wd !== 6)
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${day} is not a Saturday or Sunday / 调休上班日应为周六或周日`,
        });
      if (holidayDays.has(day))
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${day} is also a holiday / 既是放假日又是调休上班日`,
        });
    });
  });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** The days from `from` to `to`, both included (none when either is not a date or `to` < `from`). */
export function daysIn(from: string, to: string): string[] {
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return [];
  const out: string[] = [];
  const a = civilOf(from);
  const b = civilOf(to);
  const start = daysFromCivil(a.y, a.m, a.d);
  const end = daysFromCivil(b.y, b.m, b.d);
  for (let d = start; d <= end && out.length <= 366; d++) out.push(isoOfDay(d));
  return out;
}

/** Years listed twice in the file (each year's days must come from one notice). */
export function duplicateYears(years: readonly CalendarYear[]): number[] {
  const seen = new Set<number>();
  const dup: number[] = [];
  for (const y of years) {
    if (seen.has(y.year)) dup.push(y.year);
    seen.add(y.year);
  }
  return dup;
}
