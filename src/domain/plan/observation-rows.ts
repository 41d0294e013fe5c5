/**
 * Validation of observation rows, shared by single entry (one object from a form or the API) and
 * import (a table from CSV or XLSX). Pure: the caller supplies the indicators and areas; the result
 * is the drafts that passed and every problem found, each naming the row, the field, what was
 * expected and what was received, in Chinese and English.
 */
import type { Area, Indicator } from './pack.schema.ts';
import type { FieldProblem } from '../shared/errors.ts';

export interface ObservationRowContext {
  /** Indicators by code. */
  indicators: ReadonlyMap<string, Indicator>;
  /** The area column accepts an area code, its Chinese name or its English name. */
  areas: readonly Area[];
  /** First year an observation may be for: the plan's baseline year (2020 for Chengdu). */
  baselineYear: number;
  /** Last year an observation may be for: the end of the plan period (2025 for Chengdu). */
  periodEnd: number;
}

export interface ObservationDraft {
  indicatorCode: string;
  areaCode: string;
  year: number;
  value: number;
  source: string;
  note: string | null;
}

export const SOURCE_MAX_CHARS = 500;
export const NOTE_MAX_CHARS = 2000;

type FieldKey = keyof ObservationDraft;
const FIELD_KEYS: readonly FieldKey[] = ['indicatorCode', 'areaCode', 'year', 'value', 'source', 'note'];
const REQUIRED: readonly FieldKey[] = ['indicatorCode', 'areaCode', 'year', 'value', 'source'];

/** Column names in a file (the template's header). Problems in a file name these. */
export const OBSERVATION_COLUMNS: Record<FieldKey, string> = {
  indicatorCode: 'indicator_code',
  areaCode: 'area_code',
  year: 'year',
  value: 'value',
  source: 'source',
  note: 'note',
};

const FIELD_LABELS: Record<FieldKey, { zh: string; en: string }> = {
  indicatorCode: { zh: '指标代码', en: 'indicator code' },
  areaCode: { zh: '区域代码', en: 'area code' },
  year: { zh: '年份', en: 'year' },
  value: { zh: '数值', en: 'value' },
  source: { zh: '来源', en: 'source' },
  note: { zh: '备注', en: 'note' },
};

/**
 * Header names accepted for each column: the template's English name (its camelCase and spaced forms
 * too, since names are compared without case, spaces, underscores or hyphens) and the Chinese names.
 */
const HEADER_ALIASES: Record<FieldKey, readonly string[]> = {
  indicatorCode: ['indicator_code', '指标代码', '指标编码'],
  areaCode: ['area_code', '区域代码', '区域', '地区'],
  year: ['year', '年份'],
  value: ['value', '数值', '值'],
  source: ['source', '来源', '数据来源'],
  note: ['note', '备注'],
};

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const HEADER_TO_FIELD = new Map<string, FieldKey>(
  FIELD_KEYS.flatMap((k) => HEADER_ALIASES[k].map((alias) => [normaliseHeader(alias), k] as const)),
);

/**
 * Validate one observation given as an object with keys indicatorCode, areaCode, year, value, source
 * and note (single entry). Problems name those keys.
 */
export function validateObservationDraft(
  input: Record<string, unknown>,
  ctx: ObservationRowContext,
): { draft: ObservationDraft | null; problems: FieldProblem[] } {
  const { draft, problems } = validateCells(input, ctx, areaLookup(ctx.areas), (k) => k, undefined);
  return { draft, problems };
}

/**
 * Validate an imported table: row 1 is the header (columns in any order, English or Chinese names,
 * unknown columns ignored), then one observation per row. Fully empty rows are skipped. Row numbers
 * are 1-based with the header as row 1, as a spreadsheet shows them. A (indicator, area, year) that
 * appears twice is reported on the second row, naming the first. Problems name the template's
 * column names (indicator_code, area_code, year, value, source, note).
 */
export function parseObservationTable(
  table: readonly (readonly unknown[])[],
  ctx: ObservationRowContext,
): { drafts: Array<ObservationDraft & { row: number }>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const drafts: Array<ObservationDraft & { row: number }> = [];
  const header = table[0] ?? [];
  const columnOf = new Map<FieldKey, number>();
  header.forEach((cell, index) => {
    const field = HEADER_TO_FIELD.get(normaliseHeader(cellText(cell)));
    if (field === undefined) return; // an extra column: ignored
    const first = columnOf.get(field);
    if (first !== undefined) {
      problems.push({
        row: 1,
        field: OBSERVATION_COLUMNS[field],
        zh: `表头中“${FIELD_LABELS[field].zh}”列出现了两次（第 ${first + 1} 列和第 ${index + 1} 列），应只出现一次`,
        en: `the ${FIELD_LABELS[field].en} column appears twice in the header (columns ${first + 1} and ${index + 1}); expected once`,
      });
      return;
    }
    columnOf.set(field, index);
  });
  for (const field of REQUIRED) {
    if (columnOf.has(field)) continue;
    problems.push({
      row: 1,
      field: OBSERVATION_COLUMNS[field],
      zh: `表头缺少必填列“${FIELD_LABELS[field].zh}”（可用列名：${HEADER_ALIASES[field].join('、')}）`,
      en: `the header has no ${FIELD_LABELS[field].en} column, which is required (accepted names: ${HEADER_ALIASES[field].join(', ')})`,
    });
  }
  if (problems.length > 0) return { drafts, problems };

  const lookup = areaLookup(ctx.areas);
  const fieldName = (k: FieldKey) => OBSERVATION_COLUMNS[k];
  /** First row of each (indicator, area, year), to name it when the same key comes again. */
  const firstRowOf = new Map<string, number>();
  table.forEach((cells, index) => {
    if (index === 0) return;
    const row = index + 1;
    if (cells.every((c) => cellText(c) === '')) return;
    const input: Record<string, unknown> = {};
    for (const [field, column] of columnOf) input[field] = cells[column];
    const { draft, problems: rowProblems, key } = validateCells(input, ctx, lookup, fieldName, row);
    problems.push(...rowProblems);
    if (key !== null) {
      const first = firstRowOf.get(key.id);
      if (first !== undefined) {
        problems.push({
          row,
          field: 'row',
          zh: `与第 ${first} 行重复：同一文件中 ${key.indicatorCode}、${key.areaCode}、${key.year}年 只能有一行`,
          en: `duplicates row ${first}: ${key.indicatorCode}, ${key.areaCode}, ${key.year} may appear only once in a file`,
        });
        return;
      }
      firstRowOf.set(key.id, row);
    }
    if (draft) drafts.push({ ...draft, row });
  });
  return { drafts, problems };
}

type AreaLookup = (text: string) => Area | undefined;

/** Resolve an area by code, Chinese name or English name (case-insensitive). */
function areaLookup(areas: readonly Area[]): AreaLookup {
  const byKey = new Map<string, Area>();
  // Names first, codes last: a code always wins over a name that happens to look like one.
  for (const a of areas) byKey.set(a.nameEn.trim().toLowerCase(), a);
  for (const a of areas) byKey.set(a.name.trim(), a);
  for (const a of areas) byKey.set(a.code.toLowerCase(), a);
  return (text) => byKey.get(text) ?? byKey.get(text.toLowerCase());
}

interface RowKey {
  id: string;
  indicatorCode: string;
  areaCode: string;
  year: number;
}

/**
 * The checks for one observation. Also returns its (indicator, area, year) key when those three are
 * valid, so that a table can find duplicates even on rows whose value is wrong.
 */
function validateCells(
  input: Record<string, unknown>,
  ctx: ObservationRowContext,
  lookup: AreaLookup,
  fieldName: (k: FieldKey) => string,
  row: number | undefined,
): { draft: ObservationDraft | null; problems: FieldProblem[]; key: RowKey | null } {
  const problems: FieldProblem[] = [];
  const problem = (k: FieldKey, zh: string, en: string) => {
    const p: FieldProblem = { field: fieldName(k), zh, en };
    if (row !== undefined) p.row = row;
    problems.push(p);
  };
  const required = (k: FieldKey): string | null => {
    const text = cellText(input[k]);
    if (text !== '') return text;
    problem(k, `${FIELD_LABELS[k].zh}为必填项，但为空`, `${FIELD_LABELS[k].en} is required but empty`);
    return null;
  };

  // Indicator: must exist, and take yearly figures (qualitative targets take judgements instead).
  let indicator: Indicator | undefined;
  const codeText = required('indicatorCode');
  if (codeText !== null) {
    indicator = findIndicator(ctx.indicators, codeText);
    if (!indicator) {
      problem(
        'indicatorCode',
        `应为规划包中的指标代码（如 H01、T-childcare-01），收到“${shown(codeText)}”，无此指标`,
        `expected an indicator code of the plan pack (e.g. H01, T-childcare-01); received "${shown(codeText)}", which is not one`,
      );
    } else if (indicator.target.kind === 'qualitative') {
      problem(
        'indicatorCode',
        `${indicator.code}（${indicator.name}）为定性目标，应录入评估意见而非观测值`,
        `${indicator.code} (${indicator.nameEn}) has a qualitative target: it takes a judgement, not an observation`,
      );
      indicator = undefined;
    }
  }

  // Area: a code, or a Chinese or English name, resolved to the code.
  let area: Area | undefined;
  const areaText = required('areaCode');
  if (areaText !== null) {
    area = lookup(areaText);
    if (!area) {
      problem(
        'areaCode',
        `应为区域代码（如 510104）或区域名称（如 锦江区），收到“${shown(areaText)}”，无此区域`,
        `expected an area code (e.g. 510104) or an area name (e.g. 锦江区 or Jinjiang District); received "${shown(areaText)}", which is not one`,
      );
    }
  }

  // Year: a whole number from the baseline year to the end of the period.
  const year = readYear(input.year);
  const yearRange = `${ctx.baselineYear} 至 ${ctx.periodEnd}`;
  const yearRangeEn = `${ctx.baselineYear} to ${ctx.periodEnd}`;
  let yearOk: number | null = null;
  if (year.kind === 'empty') {
    problem(
      'year',
      `年份为必填项，应为 ${yearRange} 之间的整数，但为空`,
      `year is required (a whole number from ${yearRangeEn}) but empty`,
    );
  } else if (year.kind === 'invalid') {
    problem(
      'year',
      `年份应为 ${yearRange} 之间的整数，收到“${shown(year.text)}”`,
      `year must be a whole number from ${yearRangeEn}; received "${shown(year.text)}"`,
    );
  } else if (year.value < ctx.baselineYear || year.value > ctx.periodEnd) {
    problem(
      'year',
      `年份应在 ${yearRange} 之间（基期至规划期末），收到 ${year.value}`,
      `year must be from ${yearRangeEn} (baseline year to the end of the plan period); received ${year.value}`,
    );
  } else {
    yearOk = year.value;
  }

  // Value: a finite number; a percent sign only for percentage units; ranges by unit.
  let valueOk: number | null = null;
  const value = readNumber(input.value);
  if (value.kind === 'empty') {
    problem('value', '数值为必填项，但为空', 'value is required but empty');
  } else if (value.kind === 'invalid') {
    problem(
      'value',
      `数值应为有限的数字（如 12.5 或 1,234.5），收到“${shown(value.text)}”`,
      `value must be a finite number (e.g. 12.5 or 1,234.5); received "${shown(value.text)}"`,
    );
  } else if (indicator) {
    const percentUnit = indicator.unit.includes('%');
    const growth = /增长|增速/.test(indicator.unit + indicator.name);
    const gross = /毛入学率|毛入园率/.test(indicator.name);
    const unitZh = indicator.unit === '' ? '无单位' : `单位为“${indicator.unit}”`;
    const unitEn = indicator.unit === '' ? 'has no unit' : `is in ${indicator.unitEn || indicator.unit}`;
    if (value.percent && !percentUnit) {
      problem(
        'value',
        `${indicator.code} ${unitZh}，数值不应带百分号，收到“${shown(value.text)}”`,
        `${indicator.code} ${unitEn}: a percent sign is not expected; received "${shown(value.text)}"`,
      );
    } else if (value.value < 0 && !growth) {
      problem(
        'value',
        `${indicator.code}（${indicator.name}）的数值不能为负数，收到 ${value.value}`,
        `${indicator.code} (${indicator.nameEn}) cannot be negative; received ${value.value}`,
      );
    } else if (percentUnit && !growth && !gross && value.value > 100) {
      problem(
        'value',
        `${indicator.code}（${indicator.name}）为百分比，应在 0 至 100 之间，收到 ${value.value}`,
        `${indicator.code} (${indicator.nameEn}) is a percentage: expected 0 to 100; received ${value.value}`,
      );
    } else {
      valueOk = value.value;
    }
  }

  // Source (required) and note (optional), with length limits.
  let source: string | null = required('source');
  if (source !== null && source.length > SOURCE_MAX_CHARS) {
    problem(
      'source',
      `来源最多 ${SOURCE_MAX_CHARS} 个字符，收到 ${source.length} 个字符`,
      `source may have at most ${SOURCE_MAX_CHARS} characters; received ${source.length}`,
    );
    source = null;
  }
  let note: string | null = cellText(input.note);
  let noteOk = true;
  if (note === '') note = null;
  else if (note.length > NOTE_MAX_CHARS) {
    problem(
      'note',
      `备注最多 ${NOTE_MAX_CHARS} 个字符，收到 ${note.length} 个字符`,
      `note may have at most ${NOTE_MAX_CHARS} characters; received ${note.length}`,
    );
    noteOk = false;
  }

  const key: RowKey | null =
    indicator && area && yearOk !== null
      ? {
          id: `${indicator.code}|${area.code}|${yearOk}`,
          indicatorCode: indicator.code,
          areaCode: area.code,
          year: yearOk,
        }
      : null;
  if (
    problems.length > 0 ||
    !indicator ||
    !area ||
    yearOk === null ||
    valueOk === null ||
    source === null ||
    !noteOk
  ) {
    return { draft: null, problems, key };
  }
  return {
    draft: { indicatorCode: indicator.code, areaCode: area.code, year: yearOk, value: valueOk, source, note },
    problems,
    key,
  };
}

/** An indicator by its exact code, or by the code in another letter case (h01 for H01). */
function findIndicator(indicators: ReadonlyMap<string, Indicator>, code: string): Indicator | undefined {
  const exact = indicators.get(code);
  if (exact) return exact;
  const lower = code.toLowerCase();
  for (const [k, ind] of indicators) if (k.toLowerCase() === lower) return ind;
  return undefined;
}

/**
 * A cell as trimmed text. Cells come from CSV (strings) or XLSX (strings, numbers, dates, and the
 * spreadsheet library's objects for formulas, rich text and links, read through their shown text).
 */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') {
    const o = cell as { result?: unknown; richText?: unknown; text?: unknown };
    if ('result' in o) return cellText(o.result);
    if (Array.isArray(o.richText)) {
      return o.richText
        .map((r) => cellText((r as { text?: unknown } | null)?.text))
        .join('')
        .trim();
    }
    if ('text' in o) return cellText(o.text);
  }
  return String(cell).trim();
}

type YearReading = { kind: 'empty' } | { kind: 'invalid'; text: string } | { kind: 'ok'; value: number };

/** A year: a whole number, written as 2023, "2023" or "2023年"; a date cell gives its year. */
function readYear(cell: unknown): YearReading {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime())
      ? { kind: 'invalid', text: 'Invalid Date' }
      : { kind: 'ok', value: cell.getUTCFullYear() };
  }
  if (typeof cell === 'number') {
    return Number.isInteger(cell) ? { kind: 'ok', value: cell } : { kind: 'invalid', text: String(cell) };
  }
  const text = cellText(cell);
  if (text === '') return { kind: 'empty' };
  const m = /^(\d{4})(\.0+)?\s*年?$/.exec(text);
  return m ? { kind: 'ok', value: Number(m[1]) } : { kind: 'invalid', text };
}

type NumberReading =
  | { kind: 'empty' }
  | { kind: 'invalid'; text: string }
  | { kind: 'ok'; value: number; percent: boolean; text: string };

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number: a numeric cell, or text like "12.5", "-3", "1,234.5" (comma thousands separators) or
 * "12.5%" (the percent sign is reported so the caller can check the unit). Not NaN nor Infinity.
 */
function readNumber(cell: unknown): NumberReading {
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { kind: 'ok', value: cell, percent: false, text: String(cell) }
      : { kind: 'invalid', text: String(cell) };
  }
  if (cell instanceof Date) return { kind: 'invalid', text: cellText(cell) };
  const text = cellText(cell);
  if (text === '') return { kind: 'empty' };
  let body = text;
  const percent = /[%％]$/.test(body);
  if (percent) body = body.slice(0, -1).trim();
  if (GROUPED_NUMBER.test(body)) body = body.replace(/,/g, '');
  if (!PLAIN_NUMBER.test(body)) return { kind: 'invalid', text };
  const value = Number(body);
  if (!Number.isFinite(value)) return { kind: 'invalid', text };
  return { kind: 'ok', value, percent, text };
}

/** Received text as quoted in a message: long cells are cut so the message stays readable. */
function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
