/** District boundaries as one GeoJSON FeatureCollection (WGS84), for the web map. */
import type { AppContext } from '../context.ts';

export async function getBoundaries(
  ctx: AppContext,
): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const plan = await ctx.plan.get();
  return { type: 'FeatureCollection', features: plan.boundaries.map((b) => b.feature) };
}
