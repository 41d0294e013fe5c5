/**
 * GeoJSON points as a table, so a GeoJSON file imports through the same row checks as CSV and XLSX:
 * a header of `lon`, `lat` and every property name seen, then one row per Point feature. Features
 * that are not points are reported by their 1-based position, counted like table rows (header = 1).
 */
import type { FieldProblem } from './errors.ts';

export function geojsonPointsToTable(data: unknown): { table: unknown[][]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fc = data as { type?: unknown; features?: unknown };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    problems.push({
      row: 1,
      field: 'file',
      zh: '应为 GeoJSON FeatureCollection',
      en: 'expected a GeoJSON FeatureCollection',
    });
    return { table: [], problems };
  }
  const features = fc.features as Array<{
    geometry?: { type?: string; coordinates?: unknown };
    properties?: Record<string, unknown> | null;
  }>;
  const keys: string[] = [];
  for (const f of features)
    for (const k of Object.keys(f?.properties ?? {}))
      if (!keys.includes(k) && k !== 'lon' && k !== 'lat') keys.push(k);
  const table: unknown[][] = [['lon', 'lat', ...keys]];
  features.forEach((f, i) => {
    const c = f?.geometry?.coordinates;
    if (
      f?.geometry?.type !== 'Point' ||
      !Array.isArray(c) ||
      typeof c[0] !== 'number' ||
      typeof c[1] !== 'number'
    ) {
      problems.push({
        row: i + 2,
        field: 'geometry',
        zh: '每个要素应为点（Point）',
        en: 'every feature must be a Point',
      });
      table.push([]);
      return;
    }
    table.push([c[0], c[1], ...keys.map((k) => f.properties?.[k] ?? null)]);
  });
  return { table, problems };
}
