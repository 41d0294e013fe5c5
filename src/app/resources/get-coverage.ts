/**
 * Coverage of the plan's service circles: the share of residents with a facility of a type within
 * 15 minutes on foot (5 minutes for elderly service stations, 500 m for parks), by district and age
 * band, and the largest uncovered places. Until a walking network is imported this uses the
 * straight-line fallback (distance × detour factor at walking speed) and says so in every result.
 */
import { createHash } from 'node:crypto';
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import { coverageReport } from '../../domain/access/coverage-report.ts';
import { catchments } from '../../domain/access/coverage.ts';
import { nearestStraightLine } from '../../domain/access/straight-line.ts';
import { networkReachSeconds } from '../../domain/access/network-reach.ts';
import { edgeIndexOf } from './network-index.ts';
import { installedNetwork } from './installed-network.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { CoverageView } from '../../domain/resources/views.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { AppContext } from '../context.ts';
import type { ScenarioOverlay } from '../scenarios/overlay.ts';
import { loadAccessInputs } from './access-inputs.ts';
import { townshipCoverage } from './township-areas.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

export const WALKING_METRES_PER_SECOND = 1.2;
/** Straight line to walking distance: streets are rarely straight (1.3 is a common planning figure). */
export const DEFAULT_DETOUR_FACTOR = 1.3;

/** The circle the plan names for a facility type (第三章第四节; 专栏 of each sector). */
export function planCircle(type: FacilityType): {
  minutes: number | null;
  metres: number | null;
  zh: string;
  en: string;
} {
  if (type === 'elderlyServiceStation')
    return { minutes: 5, metres: null, zh: '5分钟养老服务圈', en: '5-minute elderly service circle' };
  if (type === 'park')
    return { minutes: null, metres: 500, zh: '出门500米见公园', en: 'a park within 500 m' };
  return { minutes: 15, metres: null, zh: '15分钟公共服务圈', en: '15-minute public service circle' };
}

/**
 * The validated query, the inputs, and each residential point's distance to its nearest open facility
 * of the type (`reach`: metres walked over the network, or straight-line metres without one; Infinity
 * beyond three circles) with that facility's index (`nearest`, -1 when none). Shared by the coverage
 * report and the coverage map (get-coverage-points.ts).
 */
export async function nearestFacilities(
  ctx: AppContext,
  q: { type: string; minutes?: number; detourFactor?: number },
  overlay?: ScenarioOverlay,
) {
  if (!(FACILITY_TYPES as readonly string[]).includes(q.type)) {
    throw invalidField(
      'type',
      `应为 ${FACILITY_TYPES.join('/')} 之一`,
      `must be one of ${FACILITY_TYPES.join(', ')}`,
    );
  }
  const type = q.type as FacilityType;
  const detour = q.detourFactor ?? DEFAULT_DETOUR_FACTOR;
  if (!(detour >= 1 && detour <= 3))
    throw invalidField('detourFactor', '应在 1 到 3 之间', 'must be from 1 to 3');
  if (q.minutes !== undefined && !(q.minutes > 0 && q.minutes <= 120))
    throw invalidField('minutes', '应在 0 到 120 分钟之间', 'must be from 0 to 120 minutes');
  const circle = planCircle(type);
  const minutes = q.minutes ?? circle.minutes;
  const metres =
    minutes !== null ? (minutes * 60 * WALKING_METRES_PER_SECOND) / detour : (circle.metres as number);

  const { plan, points, open, xy } = await loadAccessInputs(ctx, type, overlay);
  const network = await installedNetwork(ctx);
  let reach: Float64Array;
  // Each point's nearest facility (within three circles), for the catchments.
  const nearest = new Int32Array(points.length);
  let limitMetres = metres;
  if (network) {
    // Over the walking network: times in seconds, reported as metres walked at walking speed.
    const proj = createLocalProjection(network.meta.origin);
    const toXY = (p: { lon: number; lat: number }) => proj.toMetres([p.lon, p.lat] as LonLat);
    const limitSeconds =
      minutes !== null ? minutes * 60 : (circle.metres as number) / WALKING_METRES_PER_SECOND;
    const seconds = networkReachSeconds(
      network.graph,
      edgeIndexOf(network.graph),
      open.map(toXY),
      points.map(toXY),
      WALKING_METRES_PER_SECOND,
      Math.ceil(limitSeconds * 3),
      nearest,
    );
    reach = seconds.map((t) => t * WALKING_METRES_PER_SECOND);
    limitMetres = limitSeconds * WALKING_METRES_PER_SECOND;
  } else {
    reach = nearestStraightLine(points.map(xy), open.map(xy), metres * 3, nearest);
  }
  return { type, circle, minutes, metres, detour, limitMetres, plan, points, open, network, reach, nearest };
}

export async function getCoverage(
  ctx: AppContext,
  actor: Actor,
  q: { type: string; minutes?: number; detourFactor?: number },
  overlay?: ScenarioOverlay,
): Promise<CoverageView> {
  authorize(actor, 'plan.read');
  const { type, minutes, metres, detour, limitMetres, plan, points, open, network, reach, nearest } =
    await nearestFacilities(ctx, q, overlay);
  const report = coverageReport(points, reach, limitMetres);
  const served = catchments(
    Float64Array.from(points, (p) => p.total),
    nearest,
    open.length,
  );
  return {
    type,
    circle: { minutes, metres: Math.round(limitMetres) },
    method: network ? 'network' : 'straightLine',
    network: network
      ? { sha256: network.meta.sha256, source: network.meta.source, nodes: network.graph.nodeCount }
      : null,
    approximation: network
      ? null
      : {
          zh: `近似值：尚未导入步行路网，按直线距离 × 绕行系数 ${detour}、步速 ${WALKING_METRES_PER_SECOND} 米/秒估算`,
          en: `Approximation: no walking network imported yet; straight-line distance × detour factor ${detour} at ${WALKING_METRES_PER_SECOND} m/s`,
        },
    detourFactor: detour,
    walkingMetresPerSecond: WALKING_METRES_PER_SECOND,
    facilities: open.length,
    inputs: {
      residentialPoints: points.length,
      facilities: open.length,
      sha256: createHash('sha256')
        .update(
          JSON.stringify({
            type,
            metres,
            detour,
            network: network?.meta.sha256 ?? null,
            points: points.map((p) => [p.id, p.lon, p.lat, p.total]),
            facilities: open.map((f) => [f.id, f.lon, f.lat]),
          }),
        )
        .digest('hex'),
      computedAt: ctx.clock.now().toISOString(),
    },
    catchments: {
      facilities: open.map((f, j) => ({
        id: f.id,
        name: f.name,
        districtCode: f.districtCode,
        population: served.populationBySource[j] as number,
      })),
      unassigned: served.unassignedPopulation,
    },
    usesSyntheticData: points.some((p) => p.synthetic) || open.some((f) => f.synthetic),
    byTownship: await townshipCoverage(ctx, points, reach, limitMetres),
    report: {
      ...report,
      byDistrict: report.byDistrict.map((d) => ({
        ...d,
        name: plan.areaByCode.get(d.districtCode)?.name ?? d.districtCode,
      })),
    },
  };
}
