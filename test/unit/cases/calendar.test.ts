/**
 * The working-day calendar file of the Chengdu pack and its schema: every year 2021–2026 present with
 * its notice number, the 2024 notice's days as printed (国办发明电〔2023〕7号, read by hand), and a
 * broken file refused field by field — by the schema and by the pack loader.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarYearSchema, daysIn, weekdayOf } from '../../../src/domain/cases/calendar.schema.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../../src/store/pack/pack-loader.ts';
import { CALENDAR_YEARS, HOLIDAYS_PATH } from './fixtures.ts';

const year2024 = () => structuredClone(CALENDAR_YEARS.find((y) => y.year === 2024)!);
const messages = (value: unknown) => {
  const r = calendarYearSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the calendar file', () => {
  it('holds every year 2021–2026, each with its notice number, and 2027 provisionally', () => {
    expect(CALENDAR_YEARS.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(CALENDAR_YEARS.find((y) => y.year === 2021)!.number).toBe('国办发明电〔2020〕27号');
    const provisional = CALENDAR_YEARS.filter((y) => y.provisional);
    expect(provisional.map((y) => y.year)).toEqual([2027]);
    // Statutory days only (2024 revision): 1 + 4 + 1 + 2 + 1 + 1 + 3 = 13, no make-up working days.
    expect(provisional[0]!.holidays.flatMap((h) => daysIn(h.from, h.to))).toHaveLength(13);
    expect(provisional[0]!.makeUpWorkdays).toEqual([]);
    for (const y of CALENDAR_YEARS.filter((c) => !c.provisional)) {
      expect(y.number).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
      expect(y.notice).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
    }
  });

  it('has the 2024 arrangement as the notice prints it', () => {
    const y = year2024();
    expect(y.holidays.map((h) => [h.name, h.from, h.to])).toEqual([
      ['元旦', '2024-01-01', '2024-01-01'],
      ['春节', '2024-02-10', '2024-02-17'],
      ['清明节', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'],
      ['端午节', '2024-06-10', '2024-06-10'],
      ['中秋节', '2024-09-15', '2024-09-17'],
      ['国庆节', '2024-10-01', '2024-10-07'],
    ]);
    expect(y.makeUpWorkdays).toEqual([
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ]);
  });

  it('counts the days off the notices print (春节 7 days to 2024, 8 in 2025, 9 in 2026)', () => {
    const springLength = (year: number) => {
      const h = CALENDAR_YEARS.find((y) => y.year === year)!.holidays.find((x) => x.name === '春节')!;
      return (Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1;
    };
    expect([2021, 2022, 2023, 2024, 2025, 2026].map(springLength)).toEqual([7, 7, 7, 8, 8, 9]);
  });

  it('knows the weekdays (2024-02-04 a Sunday, 2024-10-12 a Saturday, 1970-01-01 a Thursday)', () => {
    expect(weekdayOf('2024-02-04')).toBe(0);
    expect(weekdayOf('2024-10-12')).toBe(6);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2026-11-29')).toBe(0);
  });
});

describe('the calendar schema refuses a broken year', () => {
  it('accepts the file as it is', () => {
    for (const y of CALENDAR_YEARS) expect(messages(y)).toEqual([]);
  });

  it('refuses a make-up working day on a weekday', () => {
    const y = year2024();
    y.makeUpWorkdays.push('2024-02-19'); // a Monday
    expect(messages(y)).toEqual([
      expect.stringMatching(/^makeUpWorkdays\.8: 2024-02-19 is not a Saturday or Sunday/),
    ]);
  });

  it('refuses a day that is both a holiday and a make-up working day', () => {
    const y = year2024();
    y.makeUpWorkdays.push('2024-02-17'); // a Saturday inside 春节
    expect(messages(y)).toEqual([expect.stringMatching(/^makeUpWorkdays\.8: 2024-02-17 is also a holiday/)]);
  });

  it('refuses dates outside the year, impossible dates and periods ending before they start', () => {
    const y = year2024();
    y.holidays[0]!.from = '2023-12-30';
    y.holidays[1]!.to = '2024-02-30';
    y.holidays[2]!.to = '2024-04-03';
    const found = messages(y);
    expect(found).toContainEqual(
      expect.stringMatching(/^holidays\.0\.from: 2023-12-30 is outside the year 2024/),
    );
    expect(found).toContainEqual(expect.stringMatching(/^holidays\.1\.to: not a real date/));
    expect(found).toContainEqual(
      expect.stringMatching(/^holidays\.2\.to: ends \(2024-04-03\) before it starts/),
    );
  });

  it('refuses unknown fields and a missing notice number', () => {
    const y = year2024() as Record<string, unknown>;
    delete y.number;
    y.extra = 1;
    const found = messages(y);
    expect(found.some((m) => m.startsWith('number'))).toBe(true);
    expect(found.some((m) => m.includes('extra'))).toBe(true);
  });
});

describe('the pack loader', () => {
  it('loads the calendar with the pack at version 1.3.1', async () => {
    const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
    expect(pack.meta.version).toBe('1.3.1');
    expect(pack.meta.files.calendar).toBe('calendar/holidays.yaml');
    expect(pack.calendar.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it('refuses a pack whose calendar is broken, naming the file, the year and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuwu-calendar-'));
    try {
      cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
      const text = readFileSync(HOLIDAYS_PATH, 'utf8');
      const broken =
        text.replace('2024-02-04, 2024-02-18', '2024-02-05, 2024-02-18') +
        text.slice(text.indexOf('- year: 2026'));
      writeFileSync(join(dir, 'calendar/holidays.yaml'), broken);
      const error = await loadPackFromDir(dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FuwuError);
      const fields = (error as FuwuError).problems.map((p) => `${p.field}: ${p.en}`);
      expect(fields).toContainEqual(
        expect.stringMatching(
          /^calendar\/holidays\.yaml:2024\.makeUpWorkdays\.0: 2024-02-05 is not a Saturday or Sunday/,
        ),
      );
      expect(fields).toContain('calendar/holidays.yaml:2026: year listed twice');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
