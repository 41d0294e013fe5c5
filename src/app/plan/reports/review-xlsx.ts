/**
 * A review as an Excel workbook, for planners who sort, filter and re-use the figures:
 * 概览 (counts), 指标评价 (one row per city indicator), 分区评价 and 分区数值 (indicator × district),
 * 约束性滞后 (binding indicators off track). Numbers stay numbers so they can be computed with.
 */
import ExcelJS from 'exceljs';
import type { Evaluation } from '../../../domain/plan/evaluate.ts';
import { CATEGORY_LABELS, NATURE_LABELS, SECTOR_LABELS } from '../../../domain/plan/labels.ts';
import type { Indicator } from '../../../domain/plan/pack.schema.ts';
import { CATEGORIES, SECTORS } from '../../../domain/plan/pack.schema.ts';
import type { StatusCounts } from '../../../domain/plan/review.ts';
import { REVIEW_LABELS } from '../../../domain/plan/review.ts';
import type { Status } from '../../../domain/plan/status.ts';
import { STATUSES, STATUS_LABELS } from '../../../domain/plan/status.ts';
import { describeTarget } from '../../../domain/plan/target.ts';
import type { ReviewDocumentInput } from './review-document.types.ts';
import {
  METHOD_LABELS,
  SAMPLE_WARNING,
  STATUS_COLOURS,
  districtsOf,
  formatBeijingTime,
  indexByCode,
  indicatorOf,
  reasonsZh,
  reviewTitle,
  roundValue,
  totalOf,
} from './review-document.format.ts';

/** Column headers of 指标评价, in order; tests and re-imports find columns by these names. */
export const EVALUATION_COLUMNS = [
  '代码',
  '指标名称',
  '类别',
  '领域',
  '性质',
  '单位',
  '基期值',
  '目标',
  '目标原文',
  '最新年份',
  '最新值',
  '累计值',
  '应达值',
  '进度比',
  '状态',
  '原因',
  '示例数据',
  '出处',
  '数据来源',
] as const;

/** Render the review as an .xlsx workbook. */
export async function renderReviewXlsx(input: ReviewDocumentInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fuwu';
  // Fixed to the input so two renders of one review carry the same properties.
  wb.created = input.generatedAt;
  wb.modified = input.generatedAt;
  const byCode = indexByCode(input.indicators);
  addOverview(wb, input);
  addEvaluations(wb, input, byCode);
  addDistricts(wb, input, byCode);
  addBindingOffTrack(wb, input, byCode);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addOverview(wb: ExcelJS.Workbook, input: ReviewDocumentInput): void {
  const { review } = input;
  const ws = wb.addWorksheet('概览');
  ws.columns = [{ width: 26 }, ...STATUSES.map(() => ({ width: 12 })), { width: 10 }];
  const title = ws.addRow([reviewTitle(input.meta, review)]);
  title.font = { bold: true, size: 16 };
  ws.mergeCells(1, 1, 1, STATUSES.length + 2);
  ws.addRow(['评价类型', REVIEW_LABELS[review.kind].zh]);
  ws.addRow(['评价年份', review.year]);
  ws.addRow(['生成时间', formatBeijingTime(input.generatedAt)]);
  ws.addRow(['测算方法', METHOD_LABELS[input.method]]);
  ws.addRow(['规划数据包', `${input.meta.id} v${input.meta.version}`]);
  if (review.usesSampleData) {
    const warn = ws.addRow(['数据说明', SAMPLE_WARNING]);
    warn.font = { bold: true, color: { argb: 'FF9C0006' } };
    warn.fill = solid('FFC7CE');
  }
  ws.addRow([]);

  const header = ws.addRow(['分组', ...STATUSES.map((s) => STATUS_LABELS[s].zh), '合计']);
  header.font = { bold: true };
  STATUSES.forEach((s, i) => paintStatus(header.getCell(i + 2), s));
  const countsRow = (label: string, counts: StatusCounts) =>
    ws.addRow([label, ...STATUSES.map((s) => counts[s]), totalOf(counts)]);
  countsRow('全部指标', review.counts.all).font = { bold: true };
  for (const c of CATEGORIES) countsRow(CATEGORY_LABELS[c].zh, review.counts.byCategory[c]);
  countsRow('主要指标（专栏1）', review.counts.headline);
  ws.addRow([]);
  ws.addRow(['按领域']).font = { bold: true };
  for (const s of SECTORS) {
    const counts = review.counts.bySector[s];
    if (totalOf(counts) > 0) countsRow(SECTOR_LABELS[s].zh, counts);
  }
}

function addEvaluations(
  wb: ExcelJS.Workbook,
  input: ReviewDocumentInput,
  byCode: Map<string, Indicator>,
): void {
  const ws = wb.addWorksheet('指标评价', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const widths = [8, 36, 14, 12, 8, 10, 10, 16, 16, 9, 10, 10, 10, 9, 10, 60, 9, 12, 30];
  ws.columns = EVALUATION_COLUMNS.map((header, i) => ({ header, key: header, width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  for (const ev of input.review.city) {
    const ind = indicatorOf(byCode, ev.indicatorCode);
    const row = ws.addRow([
      ind.code,
      ind.name,
      CATEGORY_LABELS[ind.category].zh,
      SECTOR_LABELS[ind.sector].zh,
      NATURE_LABELS[ind.nature].zh,
      ind.unit,
      num(ev.baseline?.value ?? ind.baseline),
      describeTarget(ev.target),
      ind.targetText,
      ev.latest?.year ?? null,
      num(ev.latest?.value),
      num(ev.runningTotal),
      num(ev.expected),
      num(ev.progressRatio),
      STATUS_LABELS[ev.status].zh,
      reasonsZh(ev),
      ev.usesSampleData ? '是' : '否',
      ind.sourceRef,
      ev.latest?.source ?? '',
    ]);
    row.getCell('进度比').numFmt = '0%';
    row.getCell('原因').alignment = { wrapText: true, vertical: 'top' };
    paintStatus(row.getCell('状态'), ev.status);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EVALUATION_COLUMNS.length } };
}

/** Indicator × district: statuses on one sheet, latest values on another, same layout. */
function addDistricts(
  wb: ExcelJS.Workbook,
  input: ReviewDocumentInput,
  byCode: Map<string, Indicator>,
): void {
  const districts = districtsOf(input.areas);
  const statusSheet = wb.addWorksheet('分区评价', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const valueSheet = wb.addWorksheet('分区数值', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  for (const ws of [statusSheet, valueSheet]) {
    ws.columns = [
      { header: '代码', width: 8 },
      { header: '指标名称', width: 36 },
      ...districts.map((d) => ({ header: d.name, width: 11 })),
    ];
    ws.getRow(1).font = { bold: true };
  }
  for (const ev of input.review.city) {
    const ind = indicatorOf(byCode, ev.indicatorCode);
    const byArea = new Map<string, Evaluation>(
      (input.review.districts[ind.code] ?? []).map((e) => [e.areaCode, e]),
    );
    const cells = districts.map((d) => byArea.get(d.code));
    // "—": the indicator does not apply to the district (city-only, or no population share).
    const statusRow = statusSheet.addRow([
      ind.code,
      ind.name,
      ...cells.map((e) => (e ? STATUS_LABELS[e.status].zh : '—')),
    ]);
    cells.forEach((e, i) => {
      if (e) paintStatus(statusRow.getCell(i + 3), e.status);
    });
    valueSheet.addRow([
      ind.code,
      `${ind.name}（${ind.unit || '—'}）`,
      ...cells.map((e) => num(ind.cumulativeOverPeriod ? e?.runningTotal : e?.latest?.value)),
    ]);
  }
  for (const ws of [statusSheet, valueSheet]) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: districts.length + 2 } };
  }
  const note = valueSheet.addRow([]);
  note.getCell(2).value = '累计类指标为期内累计值，其余为最新年份值；“—”表示该指标不分解到区县';
}

function addBindingOffTrack(
  wb: ExcelJS.Workbook,
  input: ReviewDocumentInput,
  byCode: Map<string, Indicator>,
): void {
  const ws = wb.addWorksheet('约束性滞后', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '代码', width: 8 },
    { header: '指标名称', width: 36 },
    { header: '类别', width: 14 },
    { header: '目标原文', width: 14 },
    { header: '最新年份', width: 9 },
    { header: '最新值', width: 10 },
    { header: '应达值', width: 10 },
    { header: '状态', width: 10 },
    { header: '原因', width: 70 },
  ];
  ws.getRow(1).font = { bold: true };
  const evByCode = new Map(input.review.city.map((e) => [e.indicatorCode, e]));
  for (const code of input.review.bindingOffTrack) {
    const ev = evByCode.get(code);
    if (!ev) continue;
    const ind = indicatorOf(byCode, code);
    const row = ws.addRow([
      ind.code,
      ind.name,
      CATEGORY_LABELS[ind.category].zh,
      ind.targetText,
      ev.latest?.year ?? null,
      num(ev.latest?.value),
      num(ev.expected),
      STATUS_LABELS[ev.status].zh,
      reasonsZh(ev),
    ]);
    row.getCell(9).alignment = { wrapText: true, vertical: 'top' };
    paintStatus(row.getCell(8), ev.status);
  }
  if (input.review.bindingOffTrack.length === 0) ws.addRow(['', '无约束性指标进度滞后']);
  else ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 9 } };
}

function num(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : roundValue(x);
}

function solid(rgb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } };
}

function paintStatus(cell: ExcelJS.Cell, status: Status): void {
  cell.fill = solid(STATUS_COLOURS[status].fill);
  cell.font = { ...cell.font, color: { argb: `FF${STATUS_COLOURS[status].text}` } };
}
