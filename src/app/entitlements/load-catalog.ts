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

export async function loadCatalog(ctx: AppContext): Promise<Catalog> {
  return loadCatalogFrom(new CatalogRepository(ctx.db));
}

/** The same, through a repository bound to a transaction (the edits read and write in one). */
export async function loadCatalogFrom(repo: CatalogRepository): Promise<Catalog> {
  const [services, parameters] = await Promise.all([repo.services(), repo.parameters()]);
  return { services: services.map((s) => s.definition), parameters: parameters.map((p) => p.definition) };
}
