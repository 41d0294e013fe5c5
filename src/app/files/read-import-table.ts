/**
 * An uploaded table of places: CSV or XLSX (read-table.ts), or GeoJSON points turned into rows (one
 * per feature, its properties as columns, its coordinates as lon and lat). Told by name or content.
 */
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { FuwuError, invalidField } from '../../domain/shared/errors.ts';
import { geojsonPointsToTable } from '../../domain/shared/geojson-table.ts';
import type { ImportFile } from './import-outcome.ts';
import { MAX_UPLOAD_BYTES, readTable, refuseNulCells } from './read-table.ts';

export async function readImportTable(
  file: ImportFile,
): Promise<{ table: unknown[][]; problems: FieldProblem[] }> {
  const looksJson = /\.(geo)?json$/i.test(file.name) || file.bytes[0] === 0x7b;
  if (!looksJson) return { table: (await readTable(file.bytes, file.name)).rows, problems: [] };
  if (file.bytes.length > MAX_UPLOAD_BYTES)
    throw invalidField('file', `文件超过 10 MB：${file.name}`, `file larger than 10 MB: ${file.name}`);
  try {
    const parsed = geojsonPointsToTable(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)),
    );
    return { ...parsed, table: refuseNulCells(parsed.table) };
  } catch (e) {
    if (e instanceof FuwuError) throw e;
    throw invalidField(
      'file',
      `不是有效的 GeoJSON：${(e as Error).message}`,
      `not valid GeoJSON: ${(e as Error).message}`,
    );
  }
}
