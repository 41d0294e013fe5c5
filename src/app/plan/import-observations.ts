/**
 * Import observations from a CSV or XLSX file: every row is checked first, and either all rows are
 * saved in one transaction or none is, with each rejected row reported by number, field and reason.
 * Figures already held are corrected, with the file named as the reason in their history.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { canWriteFigure } from '../../domain/identity/roles.ts';
import { parseObservationTable } from '../../domain/plan/observation-rows.ts';
import type { ImportResultView } from '../../domain/plan/views.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import type { AppContext } from '../context.ts';
import type { FileSource } from '../files/file-source.ts';
import { readFileSource } from '../files/file-source.ts';
import { authorize } from '../policies.ts';
import { readTable } from '../files/read-table.ts';
import { NO_DATA_ROWS, recordAcceptedImport, rejectImport } from '../files/import-outcome.ts';
import { requireIndicator } from './active-plan.ts';
import { observationContext } from './observation-context.ts';

export async function importObservations(
  ctx: AppContext,
  actor: Actor,
  source: FileSource,
): Promise<ImportResultView> {
  authorize(actor, 'figures.write');
  const file = await readFileSource(source);
  const plan = await ctx.plan.get();
  const at = ctx.clock.now();
  const { rows } = await readTable(file.bytes, file.name);
  const { drafts, problems } = parseObservationTable(rows, observationContext(plan));
  for (const d of drafts) {
    const indicator = requireIndicator(plan, d.indicatorCode);
    if (!canWriteFigure(actor, indicator.sector, d.areaCode)) {
      problems.push({
        row: d.row,
        field: actor.role === 'districtOfficer' ? 'area_code' : 'indicator_code',
        zh: `无权录入指标 ${d.indicatorCode} 在区域 ${d.areaCode} 的数据`,
        en: `not allowed to write indicator ${d.indicatorCode} for area ${d.areaCode}`,
      });
    }
  }
  if (drafts.length === 0 && problems.length === 0) problems.push(NO_DATA_ROWS);
  if (problems.length > 0) {
    throw await rejectImport(ctx, actor, at, {
      kind: 'observations',
      action: 'observation.import.rejected',
      file,
      rowsTotal: rows.length - 1,
      problems,
    });
  }
  return ctx.db.transaction(async (tx) => {
    const { created } = await new ObservationRepository(tx).saveMany(
      drafts.map(({ indicatorCode, areaCode, year, value, source, note }) => ({
        indicatorCode,
        areaCode,
        year,
        value,
        source,
        note,
        sample: false,
      })),
      actor.username,
      at,
      `导入文件 import: ${file.name}`,
    );
    await recordAcceptedImport(tx, actor, at, {
      kind: 'observations',
      action: 'observation.import',
      file,
      rows: drafts.length,
      detail: { created },
    });
    return { accepted: true as const, rows: drafts.length, created, updated: drafts.length - created };
  });
}
