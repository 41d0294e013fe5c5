/**
 * Import facilities from CSV, XLSX or GeoJSON points: all rows or none, each rejected row reported by
 * number, column and reason. Coordinates declared as GCJ-02 or BD-09 (common in Chinese map data)
 * are converted to WGS84 before they are checked and stored.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { canWriteFigure } from '../../domain/identity/roles.ts';
import { FACILITY_TYPE_LABELS, validateFacility } from '../../domain/resources/facility.ts';
import type { ToWgs84 } from '../../domain/resources/facility-rows.ts';
import { COORDINATE_SYSTEMS, parseFacilityTable } from '../../domain/resources/facility-rows.ts';
import type { CoordinateSystem } from '../../domain/geo/china-coordinates.ts';
import { toWgs84 } from '../../domain/geo/china-coordinates.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import type { FileSource } from '../files/file-source.ts';
import { readFileSource } from '../files/file-source.ts';
import { authorize } from '../policies.ts';
import { readImportTable } from '../files/read-import-table.ts';
import { NO_DATA_ROWS, recordAcceptedImport, rejectImport } from '../files/import-outcome.ts';
import { cityBounds } from './facility-context.ts';

/** Null for WGS84 (nothing to do); otherwise the conversion of each imported point. */
function converterFrom(crs: CoordinateSystem): ToWgs84 | null {
  return crs === 'wgs84' ? null : (lon, lat) => toWgs84([lon, lat], crs);
}

export async function importFacilities(
  ctx: AppContext,
  actor: Actor,
  source: FileSource,
  crs: string = 'wgs84',
): Promise<{ accepted: true; rows: number; created: number; crs: CoordinateSystem }> {
  authorize(actor, 'facilities.write');
  if (!(COORDINATE_SYSTEMS as readonly string[]).includes(crs)) {
    throw invalidField(
      'crs',
      `坐标系应为 ${COORDINATE_SYSTEMS.join('/')}`,
      `coordinate system must be one of ${COORDINATE_SYSTEMS.join(', ')}`,
    );
  }
  const file = await readFileSource(source);
  const plan = await ctx.plan.get();
  const at = ctx.clock.now();
  const { table, problems } = await readImportTable(file);
  const communities = await new SubAreaRepository(ctx.db).communityDistricts();
  const context = {
    districtCodes: new Set(plan.districts.map((d) => d.code)),
    communityDistrict: (c: string) => communities.get(c) ?? null,
    bounds: cityBounds(plan),
  };
  const parsed = parseFacilityTable(
    table,
    () => context,
    validateFacility,
    converterFrom(crs as CoordinateSystem),
  );
  problems.push(...parsed.problems);
  for (const d of parsed.drafts) {
    if (!canWriteFigure(actor, FACILITY_TYPE_LABELS[d.type].sector, d.districtCode)) {
      problems.push({
        row: d.row,
        field: 'type',
        zh: `无权维护区县 ${d.districtCode} 的${FACILITY_TYPE_LABELS[d.type].zh}`,
        en: `not allowed to maintain ${d.type} in ${d.districtCode}`,
      });
    }
  }
  if (parsed.drafts.length === 0 && problems.length === 0) problems.push(NO_DATA_ROWS);
  if (problems.length > 0) {
    throw await rejectImport(ctx, actor, at, {
      kind: 'facilities',
      action: 'facility.import.rejected',
      file,
      rowsTotal: table.length - 1,
      problems,
    });
  }
  return ctx.db.transaction(async (tx) => {
    const drafts = parsed.drafts.map(({ row: _row, ...d }) => d);
    const created = await new FacilityRepository(tx).createMany(
      drafts,
      false,
      actor.username,
      at,
      `导入文件 import: ${file.name}`,
    );
    await recordAcceptedImport(tx, actor, at, {
      kind: 'facilities',
      action: 'facility.import',
      file,
      rows: created,
      detail: { crs },
    });
    return { accepted: true as const, rows: created, created, crs: crs as CoordinateSystem };
  });
}
