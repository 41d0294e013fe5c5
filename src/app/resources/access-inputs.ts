/**
 * What every accessibility computation starts from: the residential points, the open facilities of
 * one type, and a projection to metres centred on the city (for straight-line distances).
 */
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import { applyPopulationChanges } from '../../domain/scenarios/apply-changes.ts';
import type { AppContext } from '../context.ts';
import type { ScenarioOverlay } from '../scenarios/overlay.ts';
import { overlayFacilities } from '../scenarios/overlay.ts';
import { cityBounds } from './facility-context.ts';

/** With `overlay`, the inputs of a scenario: its facility changes and projected population applied. */
export async function loadAccessInputs(ctx: AppContext, type: FacilityType, overlay?: ScenarioOverlay) {
  const plan = await ctx.plan.get();
  const [todayPoints, todayFacilities] = overlay?.today
    ? [overlay.today.points, overlay.today.facilities]
    : await Promise.all([
        new ResidentialPointRepository(ctx.db).list(),
        new FacilityRepository(ctx.db).list({ type }),
      ]);
  const points = overlay ? applyPopulationChanges(todayPoints, plan.districts, overlay.changes) : todayPoints;
  const facilities = overlayFacilities(todayFacilities, overlay, type);
  const open = facilities.filter((f) => f.status === 'open');
  const b = cityBounds(plan);
  const projection = createLocalProjection([(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2]);
  const xy = (p: { lon: number; lat: number }) => {
    const [x, y] = projection.toMetres([p.lon, p.lat] as LonLat);
    return { x, y };
  };
  return { plan, points, open, xy };
}
