/**
 * Reading the catalog (open to everyone: it is public information): the list with area, category
 * and name filters, and one service with its rule versions on a timeline (the one in force today
 * marked), its parameters with their dated values, and its revision history.
 */
import type { ServiceArea } from '../../domain/entitlements/catalog.schema.ts';
import { ruleTimeline } from '../../domain/entitlements/rule-timeline.ts';
import type { CatalogItem, CatalogSummary } from '../../domain/entitlements/views.ts';
import { ruleInForce } from '../../domain/entitlements/evaluate.ts';
import { dateInZone } from '../../domain/projects/project.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { RevisionRepository } from '../../store/repositories/revision.repository.ts';
import {
  CatalogRepository,
  PARAMETER_TABLE,
  SERVICE_TABLE,
} from '../../store/repositories/catalog.repository.ts';
import type { AppContext } from '../context.ts';
import { servicesUsing } from './catalog-policy.ts';

export interface CatalogListFilter {
  area?: ServiceArea;
  categoryNo?: number;
  /** Part of the name (Chinese or English) or the code. */
  q?: string;
}

export async function listCatalog(
  ctx: AppContext,
  filter: CatalogListFilter = {},
): Promise<CatalogSummary[]> {
  const today = dateInZone(ctx.clock.now());
  const q = filter.q?.trim().toLowerCase() ?? '';
  const rows = await new CatalogRepository(ctx.db).services();
  return rows
    .map((r) => r.definition)
    .filter(
      (s) =>
        (filter.area === undefined || s.area === filter.area) &&
        (filter.categoryNo === undefined || s.categoryNo === filter.categoryNo) &&
        (q === '' ||
          s.name.toLowerCase().includes(q) ||
          s.nameEn.toLowerCase().includes(q) ||
          s.code.toLowerCase().includes(q)),
    )
    .map((s) => ({
      code: s.code,
      area: s.area,
      categoryNo: s.categoryNo,
      category: s.category,
      name: s.name,
      nameEn: s.nameEn,
      tier: s.tier,
      beneficiary: s.beneficiary,
      leadDepartment: s.leadDepartment,
      applicationNeeded: s.applicationNeeded,
      ruleFrom: ruleInForce(s, today)?.from ?? null,
      futureRule:
        s.rules.filter((r) => r.from > today).sort((a, b) => (a.from < b.from ? -1 : 1))[0]?.from ?? null,
    }));
}

export async function getCatalogItem(ctx: AppContext, code: string): Promise<CatalogItem> {
  const repo = new CatalogRepository(ctx.db);
  const stored = await repo.service(code);
  if (!stored) throw notFound('service', '服务事项', code);
  const service = stored.definition;
  const today = dateInZone(ctx.clock.now());
  const params = (await repo.parameters()).filter((p) => servicesUsing(p.code, [service]).length > 0);
  const revisions = new RevisionRepository(ctx.db);
  const history = [
    ...(await revisions.list(SERVICE_TABLE, code)),
    ...(await Promise.all(params.map((p) => revisions.list(PARAMETER_TABLE, p.code)))).flat(),
  ].sort((a, b) => (a.changedAt === b.changedAt ? a.id - b.id : a.changedAt < b.changedAt ? -1 : 1));
  return {
    service,
    today,
    revision: stored.revision,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    rules: ruleTimeline(service, today),
    inForce: ruleInForce(service, today),
    parameters: params.map((p) => ({ ...p.definition, revision: p.revision })),
    history,
  };
}
