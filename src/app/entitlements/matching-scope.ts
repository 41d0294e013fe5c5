/**
 * What part of a matching snapshot an actor may see once `authorize` has admitted their role
 * (matching.* in domain/identity/permissions.ts; DESIGN "roles scoped by department and district"): a
 * district officer their district, a department officer the services of their sector
 * (service-sectors.ts), everyone else admitted everything.
 */
import type { Service } from '../../domain/entitlements/catalog.schema.ts';
import { sectorsOfService } from '../../domain/entitlements/service-sectors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError, notFound } from '../../domain/shared/errors.ts';
import type {
  SnapshotSummary,
  WorklistFilter,
} from '../../store/repositories/entitlement-snapshot.repository.ts';
import { EntitlementSnapshotRepository } from '../../store/repositories/entitlement-snapshot.repository.ts';
import type { AppContext } from '../context.ts';

export interface MatchingScope {
  /** null: every district. */
  districtCodes: string[] | null;
  /** null: every service. */
  serviceCodes: string[] | null;
}

export function scopeOf(actor: Actor, services: readonly Service[]): MatchingScope {
  const districtCodes = actor.role === 'districtOfficer' ? [actor.districtCode ?? ''] : null;
  const serviceCodes =
    actor.role === 'departmentOfficer'
      ? services
          .filter((s) => (sectorsOfService(s) as string[]).includes(actor.sector ?? ''))
          .map((s) => s.code)
      : null;
  return { districtCodes, serviceCodes };
}

/** A filter narrowed to the scope: asking outside it gives nothing, never more. */
export function withinScope(f: WorklistFilter, scope: MatchingScope): WorklistFilter {
  const narrow = (asked: readonly string[] | null | undefined, allowed: string[] | null) =>
    allowed === null ? (asked ?? null) : asked ? asked.filter((x) => allowed.includes(x)) : allowed;
  return {
    ...f,
    districtCodes: narrow(f.districtCodes, scope.districtCodes),
    serviceCodes: narrow(f.serviceCodes, scope.serviceCodes),
  };
}

/** A snapshot with its frozen catalog, or a 404 (also for an id that cannot be one). */
export async function requireSnapshot(
  ctx: AppContext,
  id: number,
): Promise<{
  summary: SnapshotSummary;
  services: Service[];
  catalog: NonNullable<Awaited<ReturnType<EntitlementSnapshotRepository['catalog']>>>;
}> {
  const missing = notFound('matching snapshot', '匹配快照', String(id));
  if (!Number.isSafeInteger(id) || id < 1) throw missing;
  const repo = new EntitlementSnapshotRepository(ctx.db);
  const summary = await repo.get(id);
  const catalog = summary ? await repo.catalog(id) : null;
  if (!summary || !catalog) throw missing;
  return { summary, services: catalog.services, catalog };
}

export function outOfScope(what: string, whatZh: string): FuwuError {
  return new FuwuError(
    'forbidden',
    `无权查看${whatZh}：不在您的区县或领域范围内`,
    `not allowed to see ${what}: outside your district or sector`,
  );
}
