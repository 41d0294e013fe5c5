/** The plan facts a facility is checked against: districts, the community it names, the city's extent. */
import type { AreaGeometry } from '../../domain/geo/polygon.ts';
import { boundingBox } from '../../domain/geo/polygon.ts';
import type { FacilityContext } from '../../domain/resources/facility.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import type { ActivePlan } from '../plan/active-plan.ts';

export async function facilityContext(ctx: AppContext, communityCode: unknown): Promise<FacilityContext> {
  const plan = await ctx.plan.get();
  const code = typeof communityCode === 'string' ? communityCode.trim() : '';
  const community = code ? await new SubAreaRepository(ctx.db).get(code) : null;
  return {
    districtCodes: new Set(plan.districts.map((d) => d.code)),
    communityDistrict: (c) =>
      community && community.kind === 'community' && community.code === c ? community.districtCode : null,
    bounds: cityBounds(plan),
  };
}

const boundsCache = new WeakMap<ActivePlan, FacilityContext['bounds']>();

/** The box around all district boundaries, widened by 0.05° (about 5 km) for points on the edge. */
export function cityBounds(plan: ActivePlan): FacilityContext['bounds'] {
  const cached = boundsCache.get(plan);
  if (cached) return cached;
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const { feature } of plan.boundaries) {
    const fb = boundingBox((feature as { geometry: AreaGeometry }).geometry);
    b.minLon = Math.min(b.minLon, fb.minLon);
    b.minLat = Math.min(b.minLat, fb.minLat);
    b.maxLon = Math.max(b.maxLon, fb.maxLon);
    b.maxLat = Math.max(b.maxLat, fb.maxLat);
  }
  const pad = 0.05;
  const out = Number.isFinite(b.minLon)
    ? { minLon: b.minLon - pad, minLat: b.minLat - pad, maxLon: b.maxLon + pad, maxLat: b.maxLat + pad }
    : { minLon: -180, minLat: -90, maxLon: 180, maxLat: 90 };
  const rounded = {
    minLon: Math.floor(out.minLon * 100) / 100,
    minLat: Math.floor(out.minLat * 100) / 100,
    maxLon: Math.ceil(out.maxLon * 100) / 100,
    maxLat: Math.ceil(out.maxLat * 100) / 100,
  };
  boundsCache.set(plan, rounded);
  return rounded;
}
