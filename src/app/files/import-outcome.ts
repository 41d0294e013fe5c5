/**
 * What every file import does at its two ends: a rejected file is recorded (with all its problems,
 * sorted by row) and audited, and nothing else is written; an accepted one is recorded in the same
 * transaction as its rows. One place, so all imports report the same way.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/identity/roles.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { ImportRepository } from '../../store/repositories/import.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Records the rejection of `file` and returns the error to throw (problems sorted by row). */
export async function rejectImport(
  ctx: AppContext,
  actor: Actor,
  at: Date,
  r: { kind: string; action: string; file: ImportFile; rowsTotal: number; problems: FieldProblem[] },
): Promise<FuwuError> {
  const problems = [...r.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const sha256 = sha256Of(r.file.bytes);
  await ctx.db.transaction(async (tx) => {
    await new ImportRepository(tx).record(
      {
        kind: r.kind,
        fileName: r.file.name,
        sha256,
        accepted: false,
        rowsTotal: Math.max(0, r.rowsTotal),
        problems,
        by: actor.username,
      },
      at,
    );
    await audit(tx, actor, at, r.action, 'import', null, {
      fileName: r.file.name,
      sha256,
      problems: problems.length,
    });
  });
  const rows = new Set(problems.map((p) => p.row)).size;
  return new FuwuError(
    'import_rejected',
    `文件 ${r.file.name} 有 ${rows} 行存在问题，未导入任何数据`,
    `${r.file.name}: ${rows} row(s) have problems; nothing was imported`,
    problems,
  );
}

/** Records an accepted import inside the transaction `tx` that wrote its rows; returns the import id. */
export async function recordAcceptedImport(
  tx: Db,
  actor: Actor,
  at: Date,
  r: { kind: string; action: string; file: ImportFile; rows: number; detail?: Record<string, unknown> },
): Promise<number> {
  const sha256 = sha256Of(r.file.bytes);
  const id = await new ImportRepository(tx).record(
    {
      kind: r.kind,
      fileName: r.file.name,
      sha256,
      accepted: true,
      rowsTotal: r.rows,
      problems: [],
      by: actor.username,
    },
    at,
  );
  await audit(tx, actor, at, r.action, 'import', String(id), {
    fileName: r.file.name,
    sha256,
    rows: r.rows,
    ...r.detail,
  });
  return id;
}

/** The problem of a file with a header and no data rows. */
export const NO_DATA_ROWS: FieldProblem = {
  row: 2,
  field: 'file',
  zh: '文件中没有数据行',
  en: 'the file has no data rows',
};
