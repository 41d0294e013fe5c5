/**
 * Import real residential points from CSV, XLSX or GeoJSON points: all rows or none, each rejected
 * row reported by number, column and reason (domain/people/residential-point-rows.ts). Township and
 * community codes are checked to exist and nest in the point's district. Known ids are updated with a
 * revision, new ones added; the synthetic (示例) points of the districts the file covers are removed,
 * since real points replace them. GCJ-02 and BD-09 coordinates are converted when the file says so.
 */
import type { CoordinateSystem } from '../../domain/geo/china-coordinates.ts';
import { toWgs84 } from '../../domain/geo/china-coordinates.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { CHENGDU_AGE_SHARES_2020 } from '../../domain/people/age-bands.ts';
import type { ToWgs84 } from '../../domain/people/residential-point-rows.ts';
import { parseResidentialPointTable } from '../../domain/people/residential-point-rows.ts';
import type { ResidentialPointImportResult } from '../../domain/people/residential-point-views.ts';
import { COORDINATE_SYSTEMS } from '../../domain/resources/facility-rows.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import type { FileSource } from '../files/file-source.ts';
import { readFileSource } from '../files/file-source.ts';
import { NO_DATA_ROWS, recordAcceptedImport, rejectImport } from '../files/import-outcome.ts';
import { readImportTable } from '../files/read-import-table.ts';
import { authorize } from '../policies.ts';
import { cityBounds } from './facility-context.ts';

export async function importResidentialPoints(
  ctx: AppContext,
  actor: Actor,
  source: FileSource,
  crs: string = 'wgs84',
): Promise<ResidentialPointImportResult> {
  authorize(actor, 'residentialPoints.import');
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
  const repo = new SubAreaRepository(ctx.db);
  const [townships, communities] = await Promise.all([repo.listKind('township'), repo.listKind('community')]);
  const townshipDistrict = new Map(townships.map((t) => [t.code, t.districtCode]));
  const communityTownship = new Map(communities.map((c) => [c.code, c.parent]));
  const convert: ToWgs84 | null =
    crs === 'wgs84' ? null : (lon, lat) => toWgs84([lon, lat], crs as CoordinateSystem);
  const parsed = parseResidentialPointTable(
    table,
    {
      districtCodes: new Set(plan.districts.map((d) => d.code)),
      townshipDistrict: (c) => townshipDistrict.get(c) ?? null,
      communityTownship: (c) => communityTownship.get(c) ?? null,
      bounds: cityBounds(plan),
      bandShares: CHENGDU_AGE_SHARES_2020.shares,
    },
    convert,
  );
  problems.push(...parsed.problems);
  if (actor.role === 'districtOfficer') {
    for (const d of parsed.drafts) {
      if (d.districtCode !== actor.districtCode)
        problems.push({
          row: d.row,
          field: 'district_code',
          zh: `无权导入区县 ${d.districtCode} 的居民点`,
          en: `not allowed to import residential points of district ${d.districtCode}`,
        });
    }
  }
  if (parsed.drafts.length === 0 && problems.length === 0) problems.push(NO_DATA_ROWS);
  if (problems.length > 0) {
    throw await rejectImport(ctx, actor, at, {
      kind: 'residentialPoints',
      action: 'residentialPoint.import.rejected',
      file,
      rowsTotal: table.length - 1,
      problems,
    });
  }
  const reason = `导入文件 import: ${file.name}`;
  const districts = [...new Set(parsed.drafts.map((d) => d.districtCode))].sort();
  return ctx.db.transaction(async (tx) => {
    const points = new ResidentialPointRepository(tx);
    const syntheticRemoved = await points.deleteSyntheticIn(districts);
    const { created, updated } = await points.upsertImported(
      parsed.drafts.map(({ row: _row, ...d }) => ({
        ...d,
        source: reason,
        areaSource: d.townshipCode || d.communityCode ? reason : null,
      })),
      actor.username,
      at,
      reason,
    );
    const bandsEstimated = parsed.drafts.filter((d) => d.bandsEstimated).length;
    await recordAcceptedImport(tx, actor, at, {
      kind: 'residentialPoints',
      action: 'residentialPoint.import',
      file,
      rows: parsed.drafts.length,
      detail: { crs, created, updated, bandsEstimated, syntheticRemoved, districts },
    });
    return {
      accepted: true as const,
      rows: parsed.drafts.length,
      created,
      updated,
      bandsEstimated,
      syntheticRemoved,
      districts,
      crs: crs as CoordinateSystem,
    };
  });
}
