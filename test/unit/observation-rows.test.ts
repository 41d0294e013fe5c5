/**
 * Observation row validation (src/domain/plan/observation-rows.ts), shared by single entry and
 * import: every rejection case with its field and row, Chinese and English headers, cells as CSV and
 * XLSX give them, and properties: valid rows come back as drafts whatever the column order, header
 * language or round trip through CSV, and a bad cell is reported on its own row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservationDraft, ObservationRowContext } from '../../src/domain/plan/observation-rows.ts';
import {
  NOTE_MAX_CHARS,
  SOURCE_MAX_CHARS,
  parseObservationTable,
  validateObservationDraft,
} from '../../src/domain/plan/observation-rows.ts';
import type { Area, Indicator } from '../../src/domain/plan/pack.schema.ts';
import { areaSchema, indicatorSchema } from '../../src/domain/plan/pack.schema.ts';
import { parseCsv } from '../../src/domain/shared/csv.ts';
import type { FieldProblem } from '../../src/domain/shared/errors.ts';

function indicator(code: string, name: string, unit: string, over: Record<string, unknown> = {}): Indicator {
  return indicatorSchema.parse({
    code,
    name,
    nameEn: `${code} in English`,
    headline: false,
    category: 'basic',
    sector: 'overall',
    unit,
    unitEn: unit === '%' ? '%' : 'units',
    baseline: null,
    baselineText: '—',
    target: { kind: 'atLeast', value: 1 },
    targetText: '1',
    nature: 'expected',
    natureStated: false,
    direction: 'increase',
    cumulativeOverPeriod: false,
    sourceRef: '专栏1',
    sourceText: name,
    ...over,
  });
}

const INDICATORS = [
  indicator('H01', '城镇调查失业率', '%', {
    target: { kind: 'approximately', value: 5, tolerance: 0.25 },
    direction: 'decrease',
  }),
  indicator('H11', '城镇新增就业人数', '万人', { cumulativeOverPeriod: true }),
  indicator('H26', '学前三年毛入园率', '%'),
  indicator('H27', '高中阶段教育毛入学率', '%'),
  indicator('H10', '学生补助', '元', {
    target: { kind: 'qualitative', description: '达到宏志助学金标准' },
    direction: 'maintain',
  }),
  indicator('T-leisure-01', '文化产业增加值增速', '%'),
  indicator('T-overall-02', '居民人均可支配收入', '元'),
];

function area(code: string, name: string, nameEn: string, kind: Area['kind']): Area {
  return areaSchema.parse({
    code,
    name,
    nameEn,
    kind,
    residentPopulation: null,
    residentPopulationYear: null,
    registeredPopulation: null,
    areaKm2: null,
    hasBoundary: false,
    provenance: 'test fixture',
  });
}

const CTX: ObservationRowContext = {
  indicators: new Map(INDICATORS.map((i) => [i.code, i])),
  areas: [
    area('510100', '成都市', 'Chengdu', 'city'),
    area('510104', '锦江区', 'Jinjiang District', 'district'),
    area('510105', '青羊区', 'Qingyang District', 'district'),
    area('Z-tianfu-new-area', '天府新区（成都直管区）', 'Tianfu New Area', 'zone'),
  ],
  baselineYear: 2020,
  periodEnd: 2025,
};

const GOOD = {
  indicatorCode: 'H01',
  areaCode: '510100',
  year: 2022,
  value: 5.1,
  source: '成都市统计公报 2022',
};

const validate = (over: Record<string, unknown>) => validateObservationDraft({ ...GOOD, ...over }, CTX);

/** The single problem of a validation, asserting there is exactly one. */
function only(result: { problems: FieldProblem[] }): FieldProblem {
  expect(result.problems).toHaveLength(1);
  return result.problems[0] as FieldProblem;
}

function expectMessages(p: FieldProblem) {
  expect(p.zh.length).toBeGreaterThan(0);
  expect(p.en.length).toBeGreaterThan(0);
  expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
}

describe('validateObservationDraft: accepted input', () => {
  it('accepts a complete observation and returns the draft', () => {
    expect(validateObservationDraft({ ...GOOD, note: '快报数' }, CTX)).toEqual({
      draft: { ...GOOD, note: '快报数' },
      problems: [],
    });
  });

  it('trims text, and reads a missing, null or blank note as null', () => {
    const r = validate({ indicatorCode: ' H01 ', areaCode: ' 510100', source: '  公报 ', note: '   ' });
    expect(r.draft).toEqual({ ...GOOD, source: '公报', note: null });
    expect(validate({ note: null }).draft?.note).toBeNull();
    expect(validate({}).draft?.note).toBeNull();
  });

  it('resolves the area from its code, Chinese name or English name (any case)', () => {
    expect(validate({ areaCode: '锦江区' }).draft?.areaCode).toBe('510104');
    expect(validate({ areaCode: 'Jinjiang District' }).draft?.areaCode).toBe('510104');
    expect(validate({ areaCode: 'jinjiang district' }).draft?.areaCode).toBe('510104');
    expect(validate({ areaCode: 'z-tianfu-new-area' }).draft?.areaCode).toBe('Z-tianfu-new-area');
    expect(validate({ areaCode: 510105 }).draft?.areaCode).toBe('510105'); // a numeric XLSX cell
  });

  it('accepts an indicator code in another letter case and returns the pack code', () => {
    expect(validate({ indicatorCode: 'h01' }).draft?.indicatorCode).toBe('H01');
    expect(validate({ indicatorCode: 't-leisure-01', value: 3 }).draft?.indicatorCode).toBe('T-leisure-01');
  });

  it('reads numbers written as text: decimals, thousands separators, a sign, an exponent', () => {
    expect(validate({ indicatorCode: 'H11', value: '12.5' }).draft?.value).toBe(12.5);
    expect(validate({ indicatorCode: 'H11', value: ' 1,234.5 ' }).draft?.value).toBe(1234.5);
    expect(validate({ indicatorCode: 'T-overall-02', value: '1,234,567' }).draft?.value).toBe(1234567);
    expect(validate({ indicatorCode: 'H11', value: '+23' }).draft?.value).toBe(23);
    expect(validate({ indicatorCode: 'H11', value: '.5' }).draft?.value).toBe(0.5);
    expect(validate({ indicatorCode: 'H11', value: '1e2' }).draft?.value).toBe(100);
    expect(validate({ indicatorCode: 'H11', value: 0 }).draft?.value).toBe(0);
  });

  it('accepts a percent sign when the unit is a percentage, and strips it', () => {
    expect(validate({ value: '5.1%' }).draft?.value).toBe(5.1);
    expect(validate({ value: '5.1 %' }).draft?.value).toBe(5.1);
    expect(validate({ value: '5.1％' }).draft?.value).toBe(5.1);
  });

  it('accepts years from the baseline year to the end of the period, as numbers or text', () => {
    for (const year of [2020, 2021, 2025, '2023', ' 2024 ', '2023年']) {
      const r = validate({ year });
      expect(r.problems).toEqual([]);
      expect(r.draft?.year).toBe(Number(String(year).replace('年', '')));
    }
  });

  it('lets gross enrolment rates exceed 100% and growth rates be negative', () => {
    expect(validate({ indicatorCode: 'H26', value: 103.2 }).problems).toEqual([]);
    expect(validate({ indicatorCode: 'H27', value: '101.5%' }).problems).toEqual([]);
    expect(validate({ indicatorCode: 'T-leisure-01', value: -2.5 }).problems).toEqual([]);
    expect(validate({ indicatorCode: 'T-leisure-01', value: '-2.5%' }).draft?.value).toBe(-2.5);
    expect(validate({ value: 100 }).problems).toEqual([]);
    expect(validate({ value: 0 }).problems).toEqual([]);
  });

  it(`accepts a source of ${SOURCE_MAX_CHARS} characters and a note of ${NOTE_MAX_CHARS}`, () => {
    expect(
      validate({ source: '源'.repeat(SOURCE_MAX_CHARS), note: '注'.repeat(NOTE_MAX_CHARS) }).problems,
    ).toEqual([]);
  });
});

describe('validateObservationDraft: rejections (field, expected, received)', () => {
  it('indicator: empty', () => {
    const p = only(validate({ indicatorCode: '' }));
    expect(p.field).toBe('indicatorCode');
    expect(p.row).toBeUndefined();
    expect(p.en).toContain('required');
    expectMessages(p);
  });

  it('indicator: unknown code, naming what was received', () => {
    const p = only(validate({ indicatorCode: 'H99' }));
    expect(p.field).toBe('indicatorCode');
    expect(p.zh).toContain('H99');
    expect(p.en).toContain('"H99"');
    expect(p.en).toContain('expected an indicator code');
  });

  it('indicator: a qualitative target takes judgements, not observations', () => {
    const r = validate({ indicatorCode: 'H10', value: 1000 });
    const p = only(r);
    expect(r.draft).toBeNull();
    expect(p.field).toBe('indicatorCode');
    expect(p.en).toContain('judgement');
    expect(p.zh).toContain('评估意见');
  });

  it('area: empty or unknown', () => {
    expect(only(validate({ areaCode: undefined })).field).toBe('areaCode');
    const p = only(validate({ areaCode: '北京市' }));
    expect(p.field).toBe('areaCode');
    expect(p.zh).toContain('北京市');
    expect(p.en).toContain('"北京市"');
  });

  it('year: outside baselineYear..periodEnd', () => {
    for (const year of [2019, 2026, 1999]) {
      const p = only(validate({ year }));
      expect(p.field).toBe('year');
      expect(p.zh).toContain('2020');
      expect(p.zh).toContain('2025');
      expect(p.en).toContain(`received ${year}`);
    }
  });

  it('year: not a whole number, or empty', () => {
    for (const year of [2022.5, '2022.5', 'abc', '22', '2022-01', Number.NaN]) {
      const p = only(validate({ year }));
      expect(p.field).toBe('year');
      expect(p.en).toContain('whole number');
    }
    expect(only(validate({ year: '' })).en).toContain('required');
    expect(only(validate({ year: null })).field).toBe('year');
  });

  it('value: empty, not a number, NaN or infinite', () => {
    for (const value of ['', '   ', null, undefined]) {
      const p = only(validate({ value }));
      expect(p.field).toBe('value');
      expect(p.en).toContain('required');
    }
    for (const value of [
      'abc',
      'NaN',
      'Infinity',
      '-Infinity',
      '1,23',
      '12,34.5',
      '1 234',
      '5..1',
      Number.NaN,
      Infinity,
      -Infinity,
      '1e999',
    ]) {
      const p = only(validate({ indicatorCode: 'H11', value }));
      expect(p.field).toBe('value');
      expect(p.en).toContain('finite number');
      expectMessages(p);
    }
  });

  it('value: a percent sign on a unit that is not a percentage', () => {
    const p = only(validate({ indicatorCode: 'H11', value: '12.5%' }));
    expect(p.field).toBe('value');
    expect(p.zh).toContain('万人');
    expect(p.en).toContain('percent sign');
    expect(p.en).toContain('"12.5%"');
  });

  it('value: a percentage above 100 or below 0', () => {
    const high = only(validate({ value: 100.5 }));
    expect(high.field).toBe('value');
    expect(high.en).toContain('0 to 100');
    expect(high.en).toContain('100.5');
    expect(only(validate({ value: '101%' })).field).toBe('value');
    const low = only(validate({ value: -0.1 }));
    expect(low.en).toContain('negative');
  });

  it('value: negative for a count', () => {
    const p = only(validate({ indicatorCode: 'H11', value: '-3' }));
    expect(p.field).toBe('value');
    expect(p.zh).toContain('负数');
    expect(p.en).toContain('received -3');
  });

  it('source: required, at most 500 characters', () => {
    expect(only(validate({ source: '  ' })).field).toBe('source');
    const p = only(validate({ source: 'x'.repeat(SOURCE_MAX_CHARS + 1) }));
    expect(p.field).toBe('source');
    expect(p.en).toContain(`${SOURCE_MAX_CHARS + 1}`);
    expect(p.en).toContain(`${SOURCE_MAX_CHARS}`);
  });

  it('note: at most 2000 characters', () => {
    const p = only(validate({ note: 'x'.repeat(NOTE_MAX_CHARS + 1) }));
    expect(p.field).toBe('note');
    expect(p.en).toContain(`${NOTE_MAX_CHARS + 1}`);
  });

  it('reports every problem at once, and no draft', () => {
    const r = validateObservationDraft({}, CTX);
    expect(r.draft).toBeNull();
    expect(r.problems.map((p) => p.field).sort()).toEqual([
      'areaCode',
      'indicatorCode',
      'source',
      'value',
      'year',
    ]);
    for (const p of r.problems) expectMessages(p);
  });

  it('does not judge the value against an indicator it cannot find', () => {
    const r = validate({ indicatorCode: 'H99', value: '12.5%' });
    expect(r.problems.map((p) => p.field)).toEqual(['indicatorCode']);
  });
});

const HEADER_EN = ['indicator_code', 'area_code', 'year', 'value', 'source', 'note'];
const HEADER_ZH = ['指标代码', '区域代码', '年份', '数值', '来源', '备注'];
/** A draft's cells in the order of HEADER_EN. */
const rowOf = (d: { [K in keyof ObservationDraft]?: unknown }) => [
  d.indicatorCode,
  d.areaCode,
  d.year,
  d.value,
  d.source,
  d.note,
];

describe('parseObservationTable: headers', () => {
  it('reads an English header and numbers rows from the header (row 1)', () => {
    const r = parseObservationTable(
      [
        HEADER_EN,
        ['H01', '510100', '2021', '4.9', '公报', ''],
        ['H11', '锦江区', '2022', '1,234', '公报', '快报'],
      ],
      CTX,
    );
    expect(r.problems).toEqual([]);
    expect(r.drafts).toEqual([
      {
        indicatorCode: 'H01',
        areaCode: '510100',
        year: 2021,
        value: 4.9,
        source: '公报',
        note: null,
        row: 2,
      },
      {
        indicatorCode: 'H11',
        areaCode: '510104',
        year: 2022,
        value: 1234,
        source: '公报',
        note: '快报',
        row: 3,
      },
    ]);
  });

  it('reads a Chinese header, columns in any order, extra columns ignored', () => {
    const r = parseObservationTable(
      [
        ['备注', '数值', '说明', '年份', '来源', '区域代码', '指标代码'],
        ['', '4.9', '不读此列', '2021', '公报', '成都市', 'H01'],
      ],
      CTX,
    );
    expect(r.problems).toEqual([]);
    expect(r.drafts).toEqual([
      {
        indicatorCode: 'H01',
        areaCode: '510100',
        year: 2021,
        value: 4.9,
        source: '公报',
        note: null,
        row: 2,
      },
    ]);
  });

  it('accepts the other names: 指标编码, 区域/地区, 值, 数据来源; case, spaces and camelCase', () => {
    for (const header of [
      ['指标编码', '区域', '年份', '值', '数据来源'],
      ['指标代码', '地区', '年份', '数值', '来源'],
      [' Indicator_Code ', 'AREA_CODE', 'Year', ' VALUE', 'Source '],
      ['indicatorCode', 'areaCode', 'year', 'value', 'source', 'Note'],
      ['indicator code', 'area-code', 'year', 'value', 'source'],
      ['\uFEFFindicator_code', 'area_code', 'year', 'value', 'source'],
    ]) {
      const r = parseObservationTable([header, ['H01', '510100', '2021', '4.9', '公报', '']], CTX);
      expect(r.problems, header.join(',')).toEqual([]);
      expect(r.drafts).toHaveLength(1);
    }
  });

  it('reports each missing required column on row 1 with the field name, and reads no rows', () => {
    const r = parseObservationTable(
      [
        ['指标代码', '年份', 'note'],
        ['H01', '2021', ''],
      ],
      CTX,
    );
    expect(r.drafts).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'area_code'],
      [1, 'value'],
      [1, 'source'],
    ]);
    const area = r.problems[0] as FieldProblem;
    expect(area.zh).toContain('区域代码');
    expect(area.en).toContain('area_code');
    expect(area.en).toContain('required');
  });

  it('reports an empty table or an empty header as every required column missing', () => {
    for (const table of [[], [[]], [['', '  ']]]) {
      const r = parseObservationTable(table, CTX);
      expect(r.problems.map((p) => p.field)).toEqual([
        'indicator_code',
        'area_code',
        'year',
        'value',
        'source',
      ]);
      expect(r.problems.every((p) => p.row === 1)).toBe(true);
    }
  });

  it('reports a column given twice', () => {
    const r = parseObservationTable(
      [
        [...HEADER_EN, '数值'],
        ['H01', '510100', '2021', '4.9', '公报', '', '5'],
      ],
      CTX,
    );
    const p = only(r);
    expect(p).toMatchObject({ row: 1, field: 'value' });
    expect(p.en).toContain('columns 4 and 7');
  });
});

describe('parseObservationTable: rows', () => {
  it('puts each problem on its row, 1-based with the header as row 1, with template column names', () => {
    const r = parseObservationTable(
      [
        HEADER_EN,
        ['H01', '510100', '2021', '4.9', '公报', ''], // row 2: fine
        ['H01', '510100', '2019', '4.9', '公报', ''], // row 3: year
        ['H11', '510100', '2022', '12%', '公报', ''], // row 4: value
        ['H10', '北京', '2022', '1', '', ''], // row 5: indicator, area, source
      ],
      CTX,
    );
    expect(r.drafts.map((d) => d.row)).toEqual([2]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'year'],
      [4, 'value'],
      [5, 'indicator_code'],
      [5, 'area_code'],
      [5, 'source'],
    ]);
    for (const p of r.problems) expectMessages(p);
  });

  it('skips fully empty rows, and keeps counting them', () => {
    const r = parseObservationTable(
      [
        HEADER_EN,
        [],
        ['', '', '', '', '', ''],
        [null, undefined, '  ', null, null, null],
        ['H01', '510100', '2021', '4.9', '公报', ''],
        [''],
      ],
      CTX,
    );
    expect(r.problems).toEqual([]);
    expect(r.drafts.map((d) => d.row)).toEqual([5]);
  });

  it('a row with content only in an ignored column is not empty: its missing cells are reported', () => {
    const r = parseObservationTable(
      [
        [...HEADER_EN, '说明'],
        ['', '', '', '', '', '', '合计'],
      ],
      CTX,
    );
    expect(r.problems.map((p) => p.field)).toEqual([
      'indicator_code',
      'area_code',
      'year',
      'value',
      'source',
    ]);
    expect(r.problems.every((p) => p.row === 2)).toBe(true);
  });

  it('reports a repeated (indicator, area, year) on the second row, naming the first', () => {
    const r = parseObservationTable(
      [
        HEADER_EN,
        ['H01', '510100', '2021', '4.9', '公报', ''],
        ['H01', '510104', '2021', '4.7', '公报', ''],
        ['H01', '成都市', '2021', '5.0', '另一来源', ''], // same key as row 2, by name
        ['h01', 'Chengdu', '2021', 'abc', '公报', ''], // same key again, and a bad value
      ],
      CTX,
    );
    expect(r.drafts.map((d) => d.row)).toEqual([2, 3]);
    const dup = r.problems.filter((p) => p.field === 'row');
    expect(dup.map((p) => p.row)).toEqual([4, 5]);
    expect(dup[0]?.zh).toContain('第 2 行');
    expect(dup[0]?.en).toContain('row 2');
    expect(dup[0]?.en).toContain('H01, 510100, 2021');
    expect(r.problems.find((p) => p.row === 5 && p.field === 'value')).toBeDefined();
  });

  it('reads cells as XLSX gives them: numbers, dates, formula results, rich text', () => {
    const r = parseObservationTable(
      [
        HEADER_EN,
        ['H01', 510100, 2021, 4.9, '公报', null],
        [
          'H01',
          '510104',
          new Date(Date.UTC(2022, 0, 1)),
          { formula: 'A1*2', result: 5.2 },
          { richText: [{ text: '统计' }, { text: '公报' }] },
          undefined,
        ],
        ['H01', '510105', 2023, new Date(Date.UTC(2022, 0, 1)), '公报', null],
        ['H01', '510105', new Date(Number.NaN), 5, '公报', null],
      ],
      CTX,
    );
    expect(r.drafts).toEqual([
      {
        indicatorCode: 'H01',
        areaCode: '510100',
        year: 2021,
        value: 4.9,
        source: '公报',
        note: null,
        row: 2,
      },
      {
        indicatorCode: 'H01',
        areaCode: '510104',
        year: 2022,
        value: 5.2,
        source: '统计公报',
        note: null,
        row: 3,
      },
    ]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [4, 'value'],
      [5, 'year'],
    ]);
  });

  it('a row shorter than the header reads the missing cells as empty', () => {
    const r = parseObservationTable([HEADER_EN, ['H01', '510100', '2021']], CTX);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'value'],
      [2, 'source'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const NUMERIC = INDICATORS.filter((i) => i.target.kind !== 'qualitative');
/** A valid draft: a numeric indicator, a known area, a year in range, a value its unit allows. */
const validDraft: fc.Arbitrary<ObservationDraft> = fc
  .record({
    ind: fc.constantFrom(...NUMERIC),
    area: fc.constantFrom(...CTX.areas),
    year: fc.integer({ min: 2020, max: 2025 }),
    value: fc.double({ min: 0, max: 100, noNaN: true }),
    source: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== ''),
    note: fc.option(
      fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== ''),
      { nil: null },
    ),
  })
  .map(({ ind, area: a, year, value, source, note }) => ({
    indicatorCode: ind.code,
    areaCode: a.code,
    year,
    value,
    source,
    note,
  }));

/** Drafts with distinct (indicator, area, year). */
const validDrafts = fc.uniqueArray(validDraft, {
  selector: (d) => `${d.indicatorCode}|${d.areaCode}|${d.year}`,
  maxLength: 12,
});

const FIELDS = ['indicatorCode', 'areaCode', 'year', 'value', 'source', 'note'] as const;

function writeCsv(rows: readonly (readonly string[])[]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

describe('parseObservationTable: properties', () => {
  it('valid rows come back as drafts, in order, with their rows, whatever the column order and header language', () => {
    fc.assert(
      fc.property(
        validDrafts,
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        (drafts, order, chinese) => {
          const names = chinese ? HEADER_ZH : HEADER_EN;
          const header = order.map((k) => names[k] as string);
          const rows = drafts.map((d) => order.map((k) => d[FIELDS[k] as (typeof FIELDS)[number]]));
          const r = parseObservationTable([header, ...rows], CTX);
          expect(r.problems).toEqual([]);
          expect(r.drafts).toEqual(drafts.map((d, k) => ({ ...d, row: k + 2 })));
        },
      ),
    );
  });

  it('valid rows survive a round trip through CSV text', () => {
    fc.assert(
      fc.property(validDrafts, (drafts) => {
        const text = writeCsv([
          HEADER_EN,
          ...drafts.map((d) => rowOf(d).map((c) => (c === null ? '' : String(c)))),
        ]);
        const r = parseObservationTable(parseCsv(text), CTX);
        expect(r.problems).toEqual([]);
        expect(r.drafts).toEqual(drafts.map((d, k) => ({ ...d, row: k + 2 })));
      }),
    );
  });

  it('a bad year is reported on exactly the rows that carry it, and those rows give no draft', () => {
    fc.assert(
      fc.property(
        validDrafts.filter((ds) => ds.length > 0),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom(2019, 2026, '二〇二二', 2021.5),
        (drafts, picks, badYear) => {
          const bad = new Set(picks.map((p) => p % drafts.length));
          const rows = drafts.map((d, k) => rowOf({ ...d, year: bad.has(k) ? badYear : d.year }));
          const r = parseObservationTable([HEADER_EN, ...rows], CTX);
          const expectedRows = [...bad].map((k) => k + 2).sort((a, b) => a - b);
          expect(r.problems.map((p) => p.row)).toEqual(expectedRows);
          expect(r.problems.every((p) => p.field === 'year')).toBe(true);
          expect(r.drafts.map((d) => d.row)).toEqual(
            drafts.map((_, k) => k + 2).filter((row) => !expectedRows.includes(row)),
          );
        },
      ),
    );
  });

  it('any table gives problems with rows inside it and drafts that pass single-entry validation', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        'H01',
        'H11',
        'H10',
        'H26',
        'X',
        '510100',
        '锦江区',
        '2021',
        '2019',
        '5',
        '-1',
        '120',
        '1,234',
        '12%',
        '',
        '公报',
      ),
      fc.integer({ min: -5, max: 2030 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 8 }),
        fc.boolean(),
        (rows, chinese) => {
          const table = [chinese ? HEADER_ZH : HEADER_EN, ...rows];
          const r = parseObservationTable(table, CTX);
          for (const p of r.problems) {
            expect(p.row).toBeGreaterThanOrEqual(2);
            expect(p.row).toBeLessThanOrEqual(table.length);
            expectMessages(p);
          }
          for (const d of r.drafts) {
            const { row, ...draft } = d;
            expect(validateObservationDraft(draft, CTX)).toEqual({ draft, problems: [] });
            expect(r.problems.some((p) => p.row === row)).toBe(false);
          }
        },
      ),
    );
  });
});
