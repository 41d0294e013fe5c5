/**
 * Import observations from a CSV or XLSX file: every row is checked first, and either all rows are
 * saved in one transaction or none is, with each rejected row reported by number, field and reason.
 * Figures already held are corrected, with the file named as the reason in their history.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/identity/roles.ts';
import { canWriteFigure } from '../../domain/identity/roles.ts';
import { parseObservationTable } from '../../domain/plan/observation-rows.ts';
import type { ImportResultView } from '../../domain/plan/views.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import { ImportRepository } from '../../store/repositories/import.repository.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { readTable } from '../files/read-table.ts';
import { requireIndicator } from './active-plan.ts';
import { observationContext } from './observation-context.ts';

export async function importObservations(
  ctx: AppContext,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<ImportResultView> {
  if (actor.role === 'viewer')
    throw new FuwuError('forbidden', '只读用户不能导入数据', 'a viewer cannot import figures');
  const plan = await ctx.plan.get();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
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
  if (drafts.length === 0 && problems.length === 0) {
    problems.push({ row: 2, field: 'file', zh: '文件中没有数据行', en: 'the file has no data rows' });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    await ctx.db.transaction(async (tx) => {
      await new ImportRepository(tx).record(
        {
          kind: 'observations',
          fileName: file.name,
          sha256,
          accepted: false,
          rowsTotal: rows.length - 1,
          problems,
          by: actor.username,
        },
        at,
      );
      await audit(tx, actor, at, 'observation.import.rejected', 'import', null, {
        fileName: file.name,
        sha256,
        problems: problems.length,
      });
    });
    throw rejected(file.name, problems);
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
    const id = await new ImportRepository(tx).record(
      {
        kind: 'observations',
        fileName: file.name,
        sha256,
        accepted: true,
        rowsTotal: drafts.length,
        problems: [],
        by: actor.username,
      },
      at,
    );
    await audit(tx, actor, at, 'observation.import', 'import', String(id), {
      fileName: file.name,
      sha256,
      rows: drafts.length,
      created,
    });
    return { accepted: true as const, rows: drafts.length, created, updated: drafts.length - created };
  });
}

function rejected(fileName: string, problems: FieldProblem[]): FuwuError {
  const rows = new Set(problems.map((p) => p.row)).size;
  return new FuwuError(
    'import_rejected',
    `文件 ${fileName} 有 ${rows} 行存在问题，未导入任何数据`,
    `${fileName}: ${rows} row(s) have problems; nothing was imported`,
    problems,
  );
}
