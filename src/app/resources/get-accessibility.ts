/**
 * Capacity-aware accessibility by district (2SFCA or E2SFCA): supply per person of the group a
 * facility type serves, within the plan's circle, e.g. childcare places per child under 3 within
 * 15 minutes. Straight-line catchments (distance × detour factor), flagged as an approximation.
 */
import type { AgeBand } from '../../domain/people/age-bands.ts';
import { AGE_BANDS } from '../../domain/people/age-bands.ts';
import { binaryZones, e2sfcaZones, twoStepFloatingCatchment } from '../../domain/access/two-step.ts';
import type { CapacityKey, FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { AppContext } from '../context.ts';
import { loadAccessInputs } from './access-inputs.ts';
import { DEFAULT_DETOUR_FACTOR, WALKING_METRES_PER_SECOND, planCircle } from './get-coverage.ts';

/** Who a facility type serves and what of it counts as supply (a facility counts 1 when no capacity applies). */
const SERVES: Record<FacilityType, { bands: readonly AgeBand[]; capacity: CapacityKey | null }> = {
  childcare: { bands: ['0-2'], capacity: 'places' },
  kindergarten: { bands: ['3-5'], capacity: 'places' },
  primarySchool: { bands: ['6-14'], capacity: 'places' },
  middleSchool: { bands: ['6-14'], capacity: 'places' },
  hospital: { bands: AGE_BANDS, capacity: 'beds' },
  communityHealthCentre: { bands: AGE_BANDS, capacity: 'physicians' },
  elderlyCareInstitution: { bands: ['60-64', '65-79', '80+'], capacity: 'beds' },
  communityDayCareCentre: { bands: ['60-64', '65-79', '80+'], capacity: 'places' },
  elderlyServiceStation: { bands: ['60-64', '65-79', '80+'], capacity: null },
  culturalCentre: { bands: AGE_BANDS, capacity: 'floorAreaM2' },
  library: { bands: AGE_BANDS, capacity: 'seats' },
  sportsVenue: { bands: AGE_BANDS, capacity: 'floorAreaM2' },
  park: { bands: AGE_BANDS, capacity: null },
  legalServiceStation: { bands: AGE_BANDS, capacity: null },
  communityServiceCentre: { bands: AGE_BANDS, capacity: null },
};

export async function getAccessibility(ctx: AppContext, q: { type: string; method?: string }) {
  if (!(FACILITY_TYPES as readonly string[]).includes(q.type)) {
    throw invalidField(
      'type',
      `应为 ${FACILITY_TYPES.join('/')} 之一`,
      `must be one of ${FACILITY_TYPES.join(', ')}`,
    );
  }
  const method = q.method ?? 'e2sfca';
  if (method !== '2sfca' && method !== 'e2sfca')
    throw invalidField('method', '应为 2sfca 或 e2sfca', 'must be 2sfca or e2sfca');
  const type = q.type as FacilityType;
  const serves = SERVES[type];
  const circle = planCircle(type);
  const catchment =
    circle.minutes !== null
      ? (circle.minutes * 60 * WALKING_METRES_PER_SECOND) / DEFAULT_DETOUR_FACTOR
      : (circle.metres as number);
  const { plan, points, open, xy } = await loadAccessInputs(ctx, type);
  const demand = points.map((p) => serves.bands.reduce((s, band) => s + p.population[band], 0));
  const supply = open.map((f) => (serves.capacity ? (f.capacities[serves.capacity] ?? 0) : 1));
  const zones = method === 'e2sfca' ? e2sfcaZones(catchment) : binaryZones(catchment);
  const { accessibility } = twoStepFloatingCatchment(points.map(xy), demand, open.map(xy), supply, zones);

  const byDistrict = new Map<string, { demand: number; weighted: number; zero: number }>();
  points.forEach((p, i) => {
    const d = byDistrict.get(p.districtCode) ?? { demand: 0, weighted: 0, zero: 0 };
    d.demand += demand[i] as number;
    d.weighted += (demand[i] as number) * (accessibility[i] as number);
    if ((accessibility[i] as number) === 0) d.zero += demand[i] as number;
    byDistrict.set(p.districtCode, d);
  });
  const rows = [...byDistrict.entries()]
    .sort(([a], [c]) => a.localeCompare(c))
    .map(([code, d]) => ({
      districtCode: code,
      name: plan.areaByCode.get(code)?.name ?? code,
      demand: d.demand,
      /** Demand-weighted mean supply per person of the served group. */
      accessibility: d.demand > 0 ? d.weighted / d.demand : null,
      /** Share of the served group with no facility within the catchment. */
      withoutAccess: d.demand > 0 ? d.zero / d.demand : null,
    }));
  return {
    type,
    method,
    catchmentMetres: Math.round(catchment),
    zones,
    servedBands: serves.bands,
    capacity: serves.capacity,
    approximation: {
      zh: `近似值：按直线距离 × 绕行系数 ${DEFAULT_DETOUR_FACTOR} 划定服务范围`,
      en: `Approximation: catchments by straight-line distance × detour factor ${DEFAULT_DETOUR_FACTOR}`,
    },
    usesSyntheticData: points.some((p) => p.synthetic) || open.some((f) => f.synthetic),
    byDistrict: rows,
  };
}
