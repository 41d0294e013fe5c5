/**
 * The one way a catalog edit reaches the database: the whole catalog as it would be after the
 * change is checked with validateCatalog first (a rule naming an unknown fact, a parameter without
 * a value on a rule date, a bad condition… is refused with the field path and the reason, and
 * nothing is written); then the changed document is saved with a revision and audited, in one
 * transaction.
 */
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import { validateCatalog } from '../../domain/entitlements/validate-catalog.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import {
  CatalogRepository,
  PARAMETER_TABLE,
  SERVICE_TABLE,
} from '../../store/repositories/catalog.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { invalidInput } from '../input-errors.ts';
import type { Catalog } from './load-catalog.ts';
import { loadCatalogFrom } from './load-catalog.ts';
import { residenceAreas } from './residence-areas.ts';

export type CatalogChange =
  | { kind: 'service'; document: Service; action: string; detail: Record<string, unknown> }
  | { kind: 'parameter'; document: Parameter; action: string; detail: Record<string, unknown> };

/** The catalog with one document replaced. */
function applied(catalog: Catalog, change: CatalogChange): Catalog {
  if (change.kind === 'service') {
    const d = change.document;
    return { ...catalog, services: catalog.services.map((s) => (s.code === d.code ? d : s)) };
  }
  const d = change.document;
  return { ...catalog, parameters: catalog.parameters.map((p) => (p.code === d.code ? d : p)) };
}

/**
 * Lock the document, read the catalog, build the change from it, validate, save: all in one
 * transaction, so two officers editing the same service at once cannot lose each other's change.
 */
export async function saveCatalogChange(
  ctx: AppContext,
  actor: Actor,
  target: { kind: CatalogChange['kind']; code: string },
  reason: string,
  build: (catalog: Catalog) => CatalogChange,
): Promise<{ revision: number; document: Service | Parameter }> {
  const plan = await ctx.plan.get();
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const repo = new CatalogRepository(tx);
    await repo.lock(target.kind === 'service' ? SERVICE_TABLE : PARAMETER_TABLE, target.code);
    const catalog = await loadCatalogFrom(repo);
    const change = build(catalog);
    const after = applied(catalog, change);
    const problems = validateCatalog(
      after.services,
      after.parameters,
      residenceAreas(plan.areas).map((d) => d.code),
    );
    if (problems.length > 0) throw invalidInput(problems);
    const revision =
      change.kind === 'service'
        ? await repo.saveService(change.document, actor.username, at, reason)
        : await repo.saveParameter(change.document, actor.username, at, reason);
    await audit(tx, actor, at, change.action, change.kind, change.document.code, {
      ...change.detail,
      revision,
      reason,
    });
    return { revision, document: change.document };
  });
}
