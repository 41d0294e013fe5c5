/**
 * Load a plan pack: validate it, make it the active pack (keeping revisions of every changed entry),
 * and record the plan's baselines as the city's base-year observations, all in one transaction.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { Indicator, PlanPack } from '../../domain/plan/pack.schema.ts';
import type { Db } from '../../store/db.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import { PackRepository } from '../../store/repositories/pack.repository.ts';
import { ProjectRepository } from '../../store/repositories/project.repository.ts';
import type { ProjectSyncResult } from '../../store/repositories/project.repository.ts';
import type { PackSyncResult } from '../../store/repositories/pack.repository.ts';
import { loadPackFromDir } from '../../store/pack/pack-loader.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { syncCatalogFromPack } from '../entitlements/sync-catalog.ts';

export interface LoadPackResult extends PackSyncResult {
  id: string;
  version: string;
  contentHash: string;
  indicators: number;
  baselinesRecorded: number;
  /** Major projects added, changed (previous kept as a revision) and removed by this load. */
  projects: ProjectSyncResult;
  /** Catalog services and parameters added and changed by this load (issue 5). */
  catalog: Awaited<ReturnType<typeof syncCatalogFromPack>>;
}

/** Where a baseline observation says it came from: the plan itself, and the place in it. */
export function baselineSource(pack: Pick<PlanPack, 'meta'>, indicator: Indicator): string {
  return `规划基期值：${pack.meta.title}，${indicator.sourceRef}`;
}

export async function loadPack(ctx: AppContext, actor: Actor, dir: string): Promise<LoadPackResult> {
  authorize(actor, 'pack.load');
  const pack = await loadPackFromDir(dir);
  const at = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const sync = await new PackRepository(tx).activate(pack, actor.username, at);
    // Only when the pack changes: a baseline someone deleted on purpose must not come back on restart.
    const baselinesRecorded = sync.changed ? await recordBaselines(tx, pack, actor, at) : 0;
    // Always compared (cheap, no write when equal): a database migrated after the pack was loaded gets them too.
    const projects = await new ProjectRepository(tx).syncPack(
      pack.projects,
      actor.username,
      at,
      `plan pack ${pack.meta.id}@${pack.meta.version} (${pack.contentHash.slice(0, 12)})`,
    );
    const projectsChanged = projects.added + projects.updated + projects.removed > 0;
    // Compared always too, like the projects: a database migrated to 0011 after the load gets them.
    const catalog = await syncCatalogFromPack(
      tx,
      pack,
      actor.username,
      at,
      `plan pack ${pack.meta.id}@${pack.meta.version} (${pack.contentHash.slice(0, 12)})`,
    );
    const catalogChanged =
      catalog.services.added +
        catalog.services.updated +
        catalog.parameters.added +
        catalog.parameters.updated >
      0;
    if (sync.changed || baselinesRecorded > 0 || projectsChanged || catalogChanged) {
      await audit(tx, actor, at, 'pack.load', 'plan_pack', `${pack.meta.id}@${pack.meta.version}`, {
        contentHash: pack.contentHash,
        ...sync,
        baselinesRecorded,
        projects,
        catalog,
      });
    }
    return { ...sync, baselinesRecorded, projects, catalog };
  });
  ctx.plan.invalidate();
  return {
    ...result,
    id: pack.meta.id,
    version: pack.meta.version,
    contentHash: pack.contentHash,
    indicators: pack.indicators.length,
  };
}

/**
 * The plan prints a 2020 value for most indicators; it is the city's first observation. Cumulative
 * indicators are skipped: their "baseline" is the previous plan period's total, not a 2020 figure.
 * Existing observations are never overwritten.
 */
async function recordBaselines(tx: Db, pack: PlanPack, actor: Actor, at: Date): Promise<number> {
  const repo = new ObservationRepository(tx);
  let n = 0;
  for (const ind of pack.indicators) {
    if (ind.baseline === null || ind.cumulativeOverPeriod) continue;
    if (await repo.findByKey(ind.code, pack.meta.city.code, ind.baselineYear)) continue;
    await repo.save(
      {
        indicatorCode: ind.code,
        areaCode: pack.meta.city.code,
        year: ind.baselineYear,
        value: ind.baseline,
        source: baselineSource(pack, ind),
        note: ind.baselineText === String(ind.baseline) ? null : `规划原文：${ind.baselineText}`,
        sample: false,
      },
      actor.username,
      at,
      'baseline from the plan text',
    );
    n++;
  }
  return n;
}
