/**
 * Browse the areas of the plan: with no parent, the city, its districts and the functional zones;
 * below a district its townships (街道/镇); below a township its communities (社区/村).
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { SubArea } from '../../domain/plan/pack.schema.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export interface AreaListItem {
  code: string;
  name: string;
  kind: 'city' | 'district' | 'zone' | SubArea['kind'];
  type: string | null;
  parent: string | null;
}

export async function listAreas(ctx: AppContext, actor: Actor, parent?: string): Promise<AreaListItem[]> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  if (!parent) {
    return plan.areas.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      type: null,
      parent: a.parent ?? null,
    }));
  }
  const repo = new SubAreaRepository(ctx.db);
  if (!plan.areaByCode.has(parent) && !(await repo.get(parent))) throw notFound('area', '区域', parent);
  return (await repo.listByParent(parent)).map((s) => ({
    code: s.code,
    name: s.name,
    kind: s.kind,
    type: s.type,
    parent: s.parent,
  }));
}
