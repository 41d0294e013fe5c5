/**
 * Reading matching snapshots: the list, and one snapshot's counts per district × lead department ×
 * service with coverage (receiving / eligible) and the plan's coverage indicators beside their
 * targets. Counts are not personal data: every planning reader may read them, within their scope.
 */
import {
  COVERAGE_INDICATORS,
  coverageOf,
  servicesOfIndicator,
} from '../../domain/entitlements/coverage-indicators.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type {
  IndicatorCoverage,
  ServiceCoverage,
  SnapshotCountRow,
  SnapshotCountsView,
  SnapshotSummary,
} from '../../domain/entitlements/matching-views.ts';
import { EntitlementSnapshotRepository } from '../../store/repositories/entitlement-snapshot.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { requireSnapshot, scopeOf, withinScope } from './matching-scope.ts';

export async function listSnapshots(ctx: AppContext, actor: Actor): Promise<SnapshotSummary[]> {
  authorize(actor, 'matching.counts');
  return new EntitlementSnapshotRepository(ctx.db).list();
}

export async function getSnapshotCounts(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { district?: string; service?: string } = {},
): Promise<SnapshotCountsView> {
  authorize(actor, 'matching.counts');
  const { summary, services } = await requireSnapshot(ctx, id);
  const scope = scopeOf(actor, services);
  const f = withinScope(
    { districtCodes: q.district ? [q.district] : null, serviceCodes: q.service ? [q.service] : null },
    scope,
  );
  const counts = await new EntitlementSnapshotRepository(ctx.db).counts(id, f);
  const plan = await ctx.plan.get();
  const name = new Map(services.map((s) => [s.code, s]));
  const rows = counts.map((c) => ({
    ...c,
    districtName: plan.areaByCode.get(c.districtCode)?.name ?? c.districtCode,
    serviceName: name.get(c.serviceCode)?.name ?? c.serviceCode,
    percent: coverageOf([c]).percent,
  }));
  const byService = new Map<string, SnapshotCountRow[]>();
  for (const c of counts) byService.set(c.serviceCode, [...(byService.get(c.serviceCode) ?? []), c]);
  const serviceRows: ServiceCoverage[] = [...byService].map(([code, rs]) => ({
    serviceCode: code,
    serviceName: name.get(code)?.name ?? code,
    leadDepartment: rs[0]!.leadDepartment,
    receiving: rs.reduce((s, r) => s + r.receiving, 0),
    gap: rs.reduce((s, r) => s + r.gap, 0),
    recheck: rs.reduce((s, r) => s + r.recheck, 0),
    cannotDecide: rs.reduce((s, r) => s + r.cannotDecide, 0),
    ...coverageOf(rs),
  }));
  const indicators: IndicatorCoverage[] = COVERAGE_INDICATORS.flatMap((link) => {
    const indicator = plan.indicatorByCode.get(link.indicatorCode);
    const codes = servicesOfIndicator(link, services).filter((c) => byService.has(c));
    if (!indicator || codes.length === 0) return [];
    return [
      {
        indicatorCode: indicator.code,
        indicatorName: indicator.name,
        unit: indicator.unit,
        target: indicator.target,
        targetText: (indicator as { targetText?: string }).targetText ?? null,
        serviceCodes: codes,
        ...coverageOf(codes.flatMap((c) => byService.get(c)!)),
      },
    ];
  });
  return { snapshot: summary, rows, services: serviceRows, indicators, synthetic: summary.synthetic };
}
