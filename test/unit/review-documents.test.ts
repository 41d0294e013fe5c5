/**
 * The review documents (Excel, Word, chart PNG) say what the Review says. Fixtures: the 30 headline
 * indicators and the areas of the Chengdu pack with seeded sample data for 2021–2023, evaluated
 * as the mid-term review. Expected values are read from the Review object, never hard-coded, so
 * the tests hold when the pack's figures are corrected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, Indicator } from '../../src/domain/plan/pack.schema.ts';
import { areaSchema, indicatorSchema, packMetaSchema } from '../../src/domain/plan/pack.schema.ts';
import type { Review } from '../../src/domain/plan/review.ts';
import { buildReview } from '../../src/domain/plan/review.ts';
import { generateSampleData } from '../../src/domain/plan/sample-data.ts';
import { STATUS_LABELS, isOffTrack } from '../../src/domain/plan/status.ts';
import type { TrajectorySeries } from '../../src/domain/plan/trajectory-series.ts';
import { buildTrajectorySeries } from '../../src/domain/plan/trajectory-series.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import { DEFAULT_PACK_DIR } from '../../src/store/pack/pack-loader.ts';
import type { ReviewDocumentInput } from '../../src/app/plan/reports/review-document.types.ts';
import {
  SAMPLE_NOTICE,
  SAMPLE_WARNING,
  STATUS_COLOURS,
  reviewTitle,
} from '../../src/app/plan/reports/review-document.format.ts';
import { EVALUATION_COLUMNS, renderReviewXlsx } from '../../src/app/plan/reports/review-xlsx.ts';
import { renderReviewDocx } from '../../src/app/plan/reports/review-docx.ts';
import { renderTrajectoryPng } from '../../src/app/plan/reports/trajectory-png.ts';

const CITY = '510100';
const SEED = 20231;

function readList<T>(file: string, schema: { parse: (x: unknown) => T }): T[] {
  return (parse(readFileSync(join(DEFAULT_PACK_DIR, file), 'utf8')) as unknown[]).map((x) => schema.parse(x));
}

function buildInput(): ReviewDocumentInput {
  const meta = packMetaSchema.parse(parse(readFileSync(join(DEFAULT_PACK_DIR, 'pack.yaml'), 'utf8')));
  const indicators: Indicator[] = readList('indicators-headline.yaml', indicatorSchema);
  const areas: Area[] = readList('areas.yaml', areaSchema);
  const sample = generateSampleData(indicators, areas, SEED, 2023);
  const review = buildReview({
    kind: 'midTerm',
    year: 2023,
    indicators,
    areas,
    cityCode: CITY,
    observations: sample.observations,
    judgements: sample.judgements,
  });
  const series: Record<string, TrajectorySeries> = {};
  for (const ev of review.city) {
    if (!isOffTrack(ev.status)) continue;
    const ind = indicators.find((i) => i.code === ev.indicatorCode) as Indicator;
    const obs = sample.observations.filter((o) => o.indicatorCode === ind.code && o.areaCode === CITY);
    series[ind.code] = buildTrajectorySeries(ind, ev.target, obs, ev.baseline, 'linear');
  }
  return {
    review,
    meta,
    indicators,
    areas,
    series,
    generatedAt: new Date('2024-03-01T01:30:00Z'),
    method: 'linear',
  };
}

const input = buildInput();
const { review } = input;
const nameOf = (code: string) => (input.indicators.find((i) => i.code === code) as Indicator).name;

// ---- tiny readers for the formats under test --------------------------------------------------------

/** Files of a zip archive, read from its central directory (stored or deflated entries). */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

interface PngChunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

/** Chunks of a PNG, each CRC checked with node's own crc32 (independent of the encoder's). */
function pngChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  for (let p = 8; p < png.length;) {
    const len = png.readUInt32BE(p);
    const type = png.toString('ascii', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + len);
    const crcOk = crc32(png.subarray(p + 4, p + 8 + len)) === png.readUInt32BE(p + 8 + len);
    chunks.push({ type, data, crcOk });
    p += 12 + len;
  }
  return chunks;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks the container and returns the unfiltered RGBA pixels (every row uses filter 0). */
function decodePng(png: Buffer, width: number, height: number): Buffer {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const chunks = pngChunks(png);
  expect(chunks.every((c) => c.crcOk)).toBe(true);
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  const ihdr = chunks[0]?.data as Buffer;
  expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([width, height, 8, 6]);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  expect(raw.length).toBe(height * (1 + width * 4));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 4)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4));
  }
  return pixels;
}

/** exceljs types its input as an ArrayBuffer; a copy keeps the Buffer's pool out of it. */
const arrayBufferOf = (buf: Buffer): ArrayBuffer => new Uint8Array(buf).buffer;

/** The text of a WordprocessingML part, tags removed. */
const textOf = (xml: string) => xml.replace(/<[^>]+>/g, '');

// ---- fixture sanity: the assertions below mean something only if these hold ---------------------------

describe('review fixture', () => {
  it('has binding and non-binding indicators off track, and uses sample data', () => {
    const nonBindingOff = review.city.filter(
      (e) => isOffTrack(e.status) && !review.bindingOffTrack.includes(e.indicatorCode),
    );
    expect(review.bindingOffTrack.length).toBeGreaterThan(0);
    expect(nonBindingOff.length).toBeGreaterThan(0);
    expect(Object.keys(input.series).length).toBe(review.bindingOffTrack.length + nonBindingOff.length);
    expect(review.usesSampleData).toBe(true);
  });
});

// ---- Excel ---------------------------------------------------------------------------------------------

describe('renderReviewXlsx', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBufferOf(await renderReviewXlsx(input)));
  });

  const rowsOf = (sheet: string): unknown[][] => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  it('has the sheets in Chinese', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['概览', '指标评价', '分区评价', '约束性滞后']),
    );
  });

  it('lists one row per city evaluation, in review order, with name, status, reasons and sample flag', () => {
    const [header, ...rows] = rowsOf('指标评价');
    expect(header).toEqual([...EVALUATION_COLUMNS]);
    const col = (name: (typeof EVALUATION_COLUMNS)[number]) => EVALUATION_COLUMNS.indexOf(name);
    expect(rows).toHaveLength(review.city.length);
    rows.forEach((row, i) => {
      const ev = review.city[i] as Review['city'][number];
      expect(row[col('代码')]).toBe(ev.indicatorCode);
      expect(row[col('指标名称')]).toBe(nameOf(ev.indicatorCode));
      expect(row[col('状态')]).toBe(STATUS_LABELS[ev.status].zh);
      expect(row[col('原因')]).toBe(ev.reasons.map((r) => r.zh).join('；'));
      expect(row[col('示例数据')]).toBe(ev.usesSampleData ? '是' : '否');
      if (ev.latest) expect(row[col('最新值')]).toBeCloseTo(ev.latest.value, 3);
    });
  });

  it('colours each status cell by its status', () => {
    const ws = wb.getWorksheet('指标评价') as ExcelJS.Worksheet;
    const statusCol = EVALUATION_COLUMNS.indexOf('状态') + 1;
    review.city.forEach((ev, i) => {
      const fill = ws.getRow(i + 2).getCell(statusCol).fill as ExcelJS.FillPattern;
      expect(fill.fgColor?.argb).toBe(`FF${STATUS_COLOURS[ev.status].fill}`);
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('shows the sample-data warning and the overall counts on 概览', () => {
    const rows = rowsOf('概览');
    expect(rows.some((r) => r.includes(SAMPLE_WARNING))).toBe(true);
    const all = rows.find((r) => r[0] === '全部指标') as unknown[];
    expect(all.slice(1, 6)).toEqual([
      review.counts.all.achieved,
      review.counts.all.onTrack,
      review.counts.all.lagging,
      review.counts.all.atRisk,
      review.counts.all.noData,
    ]);
  });

  it('leaves the warning out when no sample data is used', async () => {
    const clean = new ExcelJS.Workbook();
    await clean.xlsx.load(
      arrayBufferOf(await renderReviewXlsx({ ...input, review: { ...review, usesSampleData: false } })),
    );
    const texts: unknown[] = [];
    clean.getWorksheet('概览')?.eachRow((row) => texts.push(...(row.values as unknown[])));
    expect(texts).not.toContain(SAMPLE_WARNING);
  });

  it('puts each district status in the indicator × district matrix', () => {
    const [header, ...rows] = rowsOf('分区评价');
    const districts = input.areas.filter((a) => a.kind === 'district');
    expect(header).toEqual(['代码', '指标名称', ...districts.map((d) => d.name)]);
    expect(rows.map((r) => r[0])).toEqual(review.city.map((e) => e.indicatorCode));
    let checked = 0;
    for (const row of rows) {
      for (const ev of review.districts[row[0] as string] ?? []) {
        const col = 2 + districts.findIndex((d) => d.code === ev.areaCode);
        expect(row[col]).toBe(STATUS_LABELS[ev.status].zh);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('lists exactly the binding indicators off track on 约束性滞后', () => {
    const [, ...rows] = rowsOf('约束性滞后');
    expect(rows.map((r) => r[0])).toEqual(review.bindingOffTrack);
  });
});

// ---- Word ----------------------------------------------------------------------------------------------

describe('renderReviewDocx', () => {
  let docx: Buffer;
  let files: Map<string, Buffer>;
  let text: string;
  beforeAll(async () => {
    docx = await renderReviewDocx(input);
    files = unzip(docx);
    text = textOf(files.get('word/document.xml')?.toString('utf8') ?? '');
  }, 60_000);

  it('is a zip with the title and the sample-data notice', () => {
    expect(docx.subarray(0, 2).toString('ascii')).toBe('PK');
    expect(text).toContain(reviewTitle(input.meta, review));
    expect(text).toContain('成都市“十四五”公共服务规划 2023年 中期评估报告');
    expect(text).toContain(SAMPLE_NOTICE);
  });

  it('lists every binding indicator off track before any other in section 二', () => {
    const start = text.indexOf('二、约束性指标进度滞后情况');
    const end = text.indexOf('三、分类指标评价');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const section = text.slice(start, end);
    const at = (code: string) => section.indexOf(`${nameOf(code)}（${code}`);
    const binding = review.bindingOffTrack.map(at);
    const others = review.city
      .filter((e) => isOffTrack(e.status) && !review.bindingOffTrack.includes(e.indicatorCode))
      .map((e) => at(e.indicatorCode));
    expect(binding.every((i) => i >= 0)).toBe(true);
    expect(others.every((i) => i >= 0)).toBe(true);
    expect(Math.max(...binding)).toBeLessThan(Math.min(...others));
    // On-track indicators are not listed as off track.
    for (const ev of review.city.filter((e) => !isOffTrack(e.status))) expect(at(ev.indicatorCode)).toBe(-1);
  });

  it('has a section per district', () => {
    const section = text.slice(text.indexOf('四、分区县情况'), text.indexOf('五、滞后指标趋势图'));
    for (const d of input.areas.filter((a) => a.kind === 'district')) expect(section).toContain(d.name);
  });

  it('embeds one PNG chart per lagging or at-risk series', () => {
    const media = [...files.keys()].filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(Object.keys(input.series).length);
    for (const f of media) expect(files.get(f)?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('embeds no chart when no series is given', async () => {
    const none = unzip(await renderReviewDocx({ ...input, series: {} }));
    expect([...none.keys()].filter((f) => f.startsWith('word/media/'))).toHaveLength(0);
  }, 60_000);
});

// ---- PNG -----------------------------------------------------------------------------------------------

describe('renderTrajectoryPng', () => {
  const [codeA, codeB] = Object.keys(input.series);
  const a = input.series[codeA as string] as TrajectorySeries;
  const b = input.series[codeB as string] as TrajectorySeries;

  it('writes a valid PNG of the requested size, 720×360 by default', () => {
    decodePng(renderTrajectoryPng(a), 720, 360);
    decodePng(renderTrajectoryPng(a, { width: 300, height: 150 }), 300, 150);
  });

  it('is deterministic, and draws different series differently', () => {
    expect(renderTrajectoryPng(a).equals(renderTrajectoryPng(a))).toBe(true);
    expect(
      decodePng(renderTrajectoryPng(a), 720, 360).equals(decodePng(renderTrajectoryPng(b), 720, 360)),
    ).toBe(false);
  });

  it('marks sample observations in orange and real ones not', () => {
    const orange = (px: Buffer) => {
      let n = 0;
      for (let i = 0; i < px.length; i += 4)
        if (px[i]! > 200 && px[i + 1]! > 100 && px[i + 1]! < 180 && px[i + 2]! < 60) n++;
      return n;
    };
    const sample = { ...a, observed: a.observed.map((o) => ({ ...o, sample: true })) };
    const real = { ...a, observed: a.observed.map((o) => ({ ...o, sample: false })) };
    expect(orange(decodePng(renderTrajectoryPng(sample), 720, 360))).toBeGreaterThan(20);
    expect(orange(decodePng(renderTrajectoryPng(real), 720, 360))).toBe(0);
  });

  it('refuses sizes it cannot draw, naming the field', () => {
    for (const width of [0, 31, 10.5, 5000]) {
      expect(() => renderTrajectoryPng(a, { width })).toThrow(FuwuError);
    }
    expect(() => renderTrajectoryPng(a, { height: -1 })).toThrow(/height/);
  });

  it('survives extreme and degenerate values', () => {
    const extreme: TrajectorySeries = {
      years: [2020],
      expected: [1e300],
      targetBand: { low: -1e300, high: null },
      observed: [{ year: 2020, value: -1e300, sample: false }],
      baseline: null,
      cumulative: false,
    };
    decodePng(renderTrajectoryPng(extreme, { width: 64, height: 32 }), 64, 32);
    const empty: TrajectorySeries = {
      years: [],
      expected: [],
      targetBand: null,
      observed: [],
      baseline: null,
      cumulative: true,
    };
    decodePng(renderTrajectoryPng(empty, { width: 64, height: 32 }), 64, 32);
  });

  it('never throws and always writes a valid PNG for random series (property)', () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const seriesArb = fc
      .record({
        start: fc.integer({ min: 1990, max: 2030 }),
        expected: fc.array(fc.option(value, { nil: null }), { maxLength: 12 }),
        targetBand: fc.option(
          fc.record({ low: fc.option(value, { nil: null }), high: fc.option(value, { nil: null }) }),
          {
            nil: null,
          },
        ),
        observed: fc.array(fc.record({ dy: fc.integer({ min: -3, max: 15 }), value, sample: fc.boolean() }), {
          maxLength: 10,
        }),
        baseline: fc.option(fc.record({ dy: fc.integer({ min: -2, max: 12 }), value }), { nil: null }),
        cumulative: fc.boolean(),
      })
      .map((r): TrajectorySeries => ({
        years: r.expected.map((_, i) => r.start + i),
        expected: r.expected,
        targetBand: r.targetBand,
        observed: r.observed.map((o) => ({ year: r.start + o.dy, value: o.value, sample: o.sample })),
        baseline: r.baseline && { year: r.start + r.baseline.dy, value: r.baseline.value },
        cumulative: r.cumulative,
      }));
    fc.assert(
      fc.property(
        seriesArb,
        fc.integer({ min: 32, max: 200 }),
        fc.integer({ min: 32, max: 120 }),
        (s, width, height) => {
          decodePng(renderTrajectoryPng(s, { width, height }), width, height);
        },
      ),
      { numRuns: 150 },
    );
  });
});
