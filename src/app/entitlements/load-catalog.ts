/**
 * The service catalog as currently stored: every service and every parameter, in pack order, with
 * the rule versions and dated values users added. What the self-check, the catalog pages and the
 * batch run evaluate against.
 */
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import { CatalogRepository } from '../../store/repositories/catalog.repository.ts';
import type { AppContext } from '../context.ts';

export interface Catalog {
  services: Service[];
  parameters: Parameter[];
}

/**
 * Per database, the catalog last read and the stamp it was read at. Every application, self-check
 * and queue read needs the whole catalog; re-reading 51 documents each time was most of a
 * submission's cost in the load test. The stamp query keeps it right when another process (or a
 * catalog edit here) changes the catalog. Callers treat the catalog as read-only.
 */
const cached = new WeakMap<object, { stamp: string; catalog: Promise<Catalog> }>();

export async function loadCatalog(ctx: AppContext): Promise<Catalog> {
  const repo = new CatalogRepository(ctx.db);
  const stamp = await repo.stamp();
  const hit = cached.get(ctx.db);
  if (hit && hit.stamp === stamp) return hit.catalog;
  const catalog = loadCatalogFrom(repo);
  cached.set(ctx.db, { stamp, catalog });
  catalog.catch(() => cached.delete(ctx.db));
  return catalog;
}

/** The same, through a repository bound to a transaction (the edits read and write in one). */
export async function loadCatalogFrom(repo: CatalogRepository): Promise<Catalog> {
  const [services, parameters] = await Promise.all([repo.services(), repo.parameters()]);
  return { services: services.map((s) => s.definition), parameters: parameters.map((p) => p.definition) };
}
