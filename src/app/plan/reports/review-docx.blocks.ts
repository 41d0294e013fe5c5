/**
 * Building blocks for the Word review: styles with fonts that show Chinese, A4 page setup, and
 * small paragraph and table makers, so review-docx.ts reads as the report's outline.
 */
import type { IStylesOptions } from 'docx';
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Status } from '../../../domain/plan/status.ts';
import { STATUS_LABELS } from '../../../domain/plan/status.ts';
import { STATUS_COLOURS } from './review-document.format.ts';

/** A4 portrait in twips (1/1440 inch), with 2.54 cm margins all round. */
export const A4_PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 },
};
const TEXT_WIDTH_TWIPS = A4_PAGE.size.width - A4_PAGE.margin.left - A4_PAGE.margin.right;
/** The text width in pixels at 96 dpi, the unit docx sizes images in. */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);

/**
 * Body in 宋体 (SimSun) for Chinese and 微软雅黑 for Latin; headings in 微软雅黑 throughout. Both
 * ship with Chinese Windows; the eastAsia slot is what Word uses for Han characters, so setting
 * it is what keeps Chinese text from falling back to a font without the glyphs.
 */
const BODY_FONT = {
  ascii: 'Microsoft YaHei',
  hAnsi: 'Microsoft YaHei',
  eastAsia: 'SimSun',
  cs: 'Microsoft YaHei',
};
const HEADING_FONT = {
  ascii: 'Microsoft YaHei',
  hAnsi: 'Microsoft YaHei',
  eastAsia: 'Microsoft YaHei',
  cs: 'Microsoft YaHei',
};

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: BODY_FONT, size: 22, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: { after: 80, line: 320 } },
    },
    title: {
      run: { font: HEADING_FONT, size: 36, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
    heading1: {
      run: { font: HEADING_FONT, size: 30, bold: true, color: '000000' },
      paragraph: { spacing: { before: 360, after: 160 } },
    },
    heading2: {
      run: { font: HEADING_FONT, size: 26, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 120 } },
    },
  },
};

export function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
}

export function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

export function para(
  text: string,
  opts: { bold?: boolean; size?: number; colour?: string; centre?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.centre ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold: opts.bold, size: opts.size, color: opts.colour })],
  });
}

/** A boxed, shaded red notice: the sample-data warning must not be missed on any page it sits on. */
export function notice(text: string): Paragraph {
  const side = { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { top: side, bottom: side, left: side, right: side },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFE5E5' },
    spacing: { before: 120, after: 240 },
    children: [new TextRun({ text, bold: true, size: 26, color: 'C00000' })],
  });
}

/** A table cell's content: plain text, or a status shown in its colour. */
export type CellValue = string | number | { status: Status };

/**
 * A full-width table with a bold grey header row that repeats on each page. `weights` are relative
 * column widths; Word and LibreOffice both need explicit widths to lay a table out sensibly.
 */
export function table(
  headers: readonly string[],
  rows: readonly CellValue[][],
  weights: readonly number[],
): Table {
  const sum = weights.reduce((s, w) => s + w, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH_TWIPS));
  const cell = (value: CellValue, width: number, header: boolean) => {
    const status = typeof value === 'object' ? value.status : null;
    const text = status ? STATUS_LABELS[status].zh : String(value);
    const fill = header ? 'D9D9D9' : status ? STATUS_COLOURS[status].fill : undefined;
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          spacing: { after: 0, line: 260 },
          children: [
            new TextRun({
              text,
              size: 18,
              bold: header,
              color: status && !header ? STATUS_COLOURS[status].text : undefined,
            }),
          ],
        }),
      ],
    });
  };
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths[i] ?? 0, true)) }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, widths[i] ?? 0, false)) }),
      ),
    ],
  });
}

/** Chinese ordinal for section numbering (一 … 九十九), as 公文 headings use: （一）、（十二）. */
export function zhNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}
