/**
 * The plan pack's catalog into the database, called by the pack load inside its transaction. The
 * same pack again writes nothing; a newer pack's changed entries replace the pack's part of each
 * document and keep users' dated additions, with the previous document as a revision. The pack
 * itself was validated on load; what users added was valid against the old pack, so the merged
 * catalog is validated again here, and a conflict (e.g. a user's rule reading a parameter the new
 * pack dropped) refuses the whole load, naming the field: nothing is half-written.
 */
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import { validateCatalog } from '../../domain/entitlements/validate-catalog.ts';
import type { Area } from '../../domain/plan/pack.schema.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { Db } from '../../store/db.ts';
import type { CatalogSyncResult } from '../../store/repositories/catalog.repository.ts';
import { CatalogRepository } from '../../store/repositories/catalog.repository.ts';
import { loadCatalogFrom } from './load-catalog.ts';
import { residenceAreas } from './residence-areas.ts';

export interface CatalogPackPart {
  areas: readonly Area[];
  services?: readonly Service[];
  parameters?: readonly Parameter[];
}

export async function syncCatalogFromPack(
  tx: Db,
  pack: CatalogPackPart,
  by: string,
  at: Date,
  reason: string,
): Promise<{ services: CatalogSyncResult; parameters: CatalogSyncResult }> {
  const repo = new CatalogRepository(tx);
  const result = await repo.syncPack(pack.services ?? [], pack.parameters ?? [], by, at, reason);
  if (result.services.updated + result.parameters.updated > 0) {
    const merged = await loadCatalogFrom(repo);
    const codes = residenceAreas(pack.areas).map((a) => a.code);
    const problems = validateCatalog(merged.services, merged.parameters, codes);
    if (problems.length > 0) {
      throw new FuwuError(
        'pack_invalid',
        `新规划包与用户新增的规则或参数取值冲突，共 ${problems.length} 处：${problems.map((p) => `${p.field}：${p.zh}`).join('；')}`,
        `the new pack conflicts with rule versions or values users added (${problems.length}): ${problems.map((p) => `${p.field}: ${p.en}`).join('; ')}`,
        problems,
      );
    }
  }
  return result;
}
