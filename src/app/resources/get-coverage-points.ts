/**
 * The coverage map's data (GET /api/coverage/points): every residential point with its walking time to
 * the nearest open facility of a type and the index of that facility, and the facilities with the
 * people of their catchments, from the same computation as the coverage report (nearestFacilities in
 * get-coverage.ts). Points go as parallel arrays (about 21,000 of them: a GeoJSON feature per point
 * would be four times the size); the web UI's CoveragePointsView describes the shape.
 */
import { coverageReport } from '../../domain/access/coverage-report.ts';
import { catchments } from '../../domain/access/coverage.ts';
import type { AppContext } from '../context.ts';
import { SERVES } from '../../domain/resources/served-groups.ts';
import { WALKING_METRES_PER_SECOND, nearestFacilities } from './get-coverage.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

/** 6 decimals of a degree: about 0.1 m, finer than any residential point is placed. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const round1 = (v: number) => Math.round(v * 10) / 10;

export async function getCoveragePoints(
  ctx: AppContext,
  actor: Actor,
  q: { type: string; minutes?: number; detourFactor?: number },
) {
  authorize(actor, 'plan.read');
  const { type, minutes, detour, limitMetres, plan, points, open, network, reach, nearest } =
    await nearestFacilities(ctx, q);
  // `reach` is metres walked over the network, or straight-line metres (× detour to walk) without one.
  const walkFactor = network ? 1 : detour;
  const toSeconds = (metres: number) => (metres * walkFactor) / WALKING_METRES_PER_SECOND;
  const report = coverageReport(points, reach, limitMetres);
  const served = catchments(
    Float64Array.from(points, (p) => p.total),
    nearest,
    open.length,
  );
  // The group the type serves (children under 3 for childcare, 60+ for elderly care…).
  const bands = SERVES[type].bands;
  const group = points.map((p) => bands.reduce((s, band) => s + p.population[band], 0));
  const servedGroup = catchments(Float64Array.from(group), nearest, open.length);
  return {
    type,
    circle: { minutes, metres: Math.round(limitMetres), seconds: round1(toSeconds(limitMetres)) },
    method: network ? ('network' as const) : ('straightLine' as const),
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
    /** Points with no facility within this many seconds have `seconds` null and `facility` -1. */
    searchLimitSeconds: Math.round(toSeconds(limitMetres * 3)),
    usesSyntheticData: points.some((p) => p.synthetic) || open.some((f) => f.synthetic),
    inputs: {
      residentialPoints: points.length,
      facilities: open.length,
      networkSha256: network?.meta.sha256 ?? null,
      computedAt: ctx.clock.now().toISOString(),
    },
    coverage: {
      population: report.all.population,
      covered: report.all.covered,
      share: report.all.share,
      byDistrict: report.byDistrict.map((d) => ({
        districtCode: d.districtCode,
        name: plan.areaByCode.get(d.districtCode)?.name ?? d.districtCode,
        population: d.population,
        covered: d.covered,
        share: d.share,
      })),
    },
    points: {
      lon: points.map((p) => round6(p.lon)),
      lat: points.map((p) => round6(p.lat)),
      population: points.map((p) => p.total),
      /** People of the served age bands (`servedBands`). */
      served: group,
      seconds: Array.from(reach, (r) => (Number.isFinite(r) ? round1(toSeconds(r)) : null)),
      facility: Array.from(nearest),
    },
    facilities: open.map((f, j) => ({
      id: f.id,
      name: f.name,
      districtCode: f.districtCode,
      lon: round6(f.lon),
      lat: round6(f.lat),
      population: served.populationBySource[j] as number,
      servedPopulation: servedGroup.populationBySource[j] as number,
    })),
    servedBands: bands,
    unassignedPopulation: served.unassignedPopulation,
  };
}
