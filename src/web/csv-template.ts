/**
 * The observation import template, made in the browser: the header the importer expects and one
 * example row. A UTF-8 byte-order mark lets Excel open the Chinese text correctly.
 */
export const TEMPLATE_COLUMNS = ['indicator_code', 'area_code', 'year', 'value', 'source', 'note'] as const;

export function templateCsv(example: { indicatorCode: string; areaCode: string; year: number }): string {
  const row = [
    example.indicatorCode,
    example.areaCode,
    String(example.year),
    '4.9',
    '成都市统计公报',
    '示例行，导入前请替换',
  ];
  return `${TEMPLATE_COLUMNS.join(',')}\r\n${row.map(csvCell).join(',')}\r\n`;
}

/** A data: URL for an <a download> link. */
export function templateHref(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
