/**
 * Townships of residential points: the synthetic assignment for generated points (示例指派), and
 * coverage by township for the coverage report. Township codes and names come from the division
 * tables of the pack (sub_areas); there are no township boundaries, so generated points are given
 * townships by seeded centres (domain/people/township-assignment.ts), and every result says so.
 */
import type { ResidentialPoint } from '../../domain/people/synthetic-residents.ts';
import { assignTownships } from '../../domain/people/township-assignment.ts';
import type {
  AreaCoveragePoint,
  TownshipAssignmentKind,
  TownshipCoverageView,
} from '../../domain/resources/coverage-by-area.ts';
import { coverageByTownship } from '../../domain/resources/coverage-by-area.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';

export const SYNTHETIC_TOWNSHIP_SOURCE =
  '示例指派（按种子生成的镇街中心就近划分，人口按社区数比例，非真实边界） / synthetic assignment (nearest seeded township centre, populations by community count; no real boundaries)';

/** Townships of each district with their community counts (the weight of their population). */
async function townshipsByDistrict(ctx: AppContext) {
  const repo = new SubAreaRepository(ctx.db);
  const [townships, communities] = await Promise.all([repo.listKind('township'), repo.listKind('community')]);
  const communityCount = new Map<string, number>();
  for (const c of communities) communityCount.set(c.parent, (communityCount.get(c.parent) ?? 0) + 1);
  const out = new Map<string, Array<{ code: string; name: string; communityCount: number }>>();
  for (const t of townships) {
    const list = out.get(t.districtCode) ?? [];
    list.push({ code: t.code, name: t.name, communityCount: communityCount.get(t.code) ?? 0 });
    out.set(t.districtCode, list);
  }
  return out;
}

/** Generated points with a synthetic township each (none where the district has no townships). */
export async function assignSyntheticTownships<P extends ResidentialPoint>(
  ctx: AppContext,
  points: readonly P[],
  seed: number,
): Promise<Array<P & { townshipCode: string | null; communityCode: null; areaSource: string | null }>> {
  const byDistrict = await townshipsByDistrict(ctx);
  const indexes = new Map<string, number[]>();
  points.forEach((p, i) => {
    const list = indexes.get(p.districtCode) ?? [];
    list.push(i);
    indexes.set(p.districtCode, list);
  });
  const townshipOf = new Array<string | null>(points.length).fill(null);
  for (const [districtCode, idx] of indexes) {
    const a = assignTownships({
      districtCode,
      townships: byDistrict.get(districtCode) ?? [],
      points: idx.map((i) => points[i]!),
      seed,
    });
    idx.forEach((i, k) => (townshipOf[i] = a.townshipOf[k] ?? null));
  }
  return points.map((p, i) => ({
    ...p,
    townshipCode: townshipOf[i] ?? null,
    communityCode: null,
    areaSource: townshipOf[i] ? SYNTHETIC_TOWNSHIP_SOURCE : null,
  }));
}

/** Coverage per township, named, with how the townships were assigned. */
export async function townshipCoverage(
  ctx: AppContext,
  points: ReadonlyArray<
    Omit<AreaCoveragePoint, 'townshipCode'> & { townshipCode?: string | null; areaSource?: string | null }
  >,
  reach: ArrayLike<number>,
  limit: number,
): Promise<TownshipCoverageView> {
  const plan = await ctx.plan.get();
  const names = new Map(
    (await new SubAreaRepository(ctx.db).listKind('township')).map((t) => [t.code, t.name]),
  );
  const rows = coverageByTownship(
    points.map((p) => ({ ...p, townshipCode: p.townshipCode ?? null })),
    reach,
    limit,
  );
  const withTownship = points.filter((p) => p.townshipCode);
  const synthetic = withTownship.filter((p) => p.areaSource === SYNTHETIC_TOWNSHIP_SOURCE).length;
  const assignment: TownshipAssignmentKind =
    withTownship.length === 0
      ? 'none'
      : synthetic === withTownship.length
        ? 'synthetic'
        : synthetic === 0
          ? 'imported'
          : 'mixed';
  const note =
    assignment === 'none'
      ? {
          zh: '居民点尚无镇（街道）信息：按镇街的覆盖率需导入带镇街代码的居民点。',
          en: 'No residential point has a township yet: coverage by township needs points imported with township codes.',
        }
      : assignment === 'imported'
        ? null
        : {
            zh: '示例指派：镇（街道）没有边界数据，示例居民点按种子生成的镇街中心就近划入，各镇街人口按其社区数比例分配，仅供演示。',
            en: 'Synthetic assignment: townships have no boundaries, so the sample points were assigned to the nearest seeded township centre, with township populations in proportion to their community counts; for demonstration only.',
          };
  return {
    assignment,
    note,
    rows: rows.map((r) => ({
      ...r,
      name: r.townshipCode ? (names.get(r.townshipCode) ?? r.townshipCode) : null,
      districtName: plan.areaByCode.get(r.districtCode)?.name ?? r.districtCode,
    })),
  };
}
