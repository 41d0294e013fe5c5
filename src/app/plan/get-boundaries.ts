/** District boundaries as one GeoJSON FeatureCollection (WGS84), for the web maps. */
import type { Actor } from '../../domain/identity/roles.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

type Boundaries = { type: 'FeatureCollection'; features: unknown[] };

/** Public: the nearby-services map draws them for anyone (GET /api/nearby/boundaries). */
export async function getBoundaries(ctx: AppContext): Promise<Boundaries> {
  const plan = await ctx.plan.get();
  return { type: 'FeatureCollection', features: plan.boundaries.map((b) => b.feature) };
}

/** The planning maps' copy (GET /api/areas/boundaries): for those who read the plan. */
export async function getPlanBoundaries(ctx: AppContext, actor: Actor): Promise<Boundaries> {
  authorize(actor, 'plan.read');
  return getBoundaries(ctx);
}
