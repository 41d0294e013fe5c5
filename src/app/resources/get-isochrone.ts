/**
 * The isochrone of a clicked point: where one can walk from it within so many minutes, and how many
 * residents live there. Over the imported walking network the reached nodes are returned; without
 * one, a circle of straight-line radius (distance × detour factor), flagged as an approximation.
 */
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import { nearestSources, UNREACHABLE } from '../../domain/access/nearest.ts';
import { networkReachSeconds } from '../../domain/access/network-reach.ts';
import { nearestStraightLine } from '../../domain/access/straight-line.ts';
import { snapSources } from '../../domain/osm/snap.ts';
import { edgeIndexOf } from './network-index.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { installedNetwork } from './installed-network.ts';
import { ResidentialPointRepository } from '../../store/repositories/residential-point.repository.ts';
import type { AppContext } from '../context.ts';
import { cityBounds } from './facility-context.ts';
import { DEFAULT_DETOUR_FACTOR, WALKING_METRES_PER_SECOND } from './get-coverage.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

const MAX_NODES_RETURNED = 20_000;

export async function getIsochrone(
  ctx: AppContext,
  actor: Actor,
  q: { lon: number; lat: number; minutes?: number },
) {
  authorize(actor, 'plan.read');
  const minutes = q.minutes ?? 15;
  if (!(minutes > 0 && minutes <= 60))
    throw invalidField('minutes', '应在 0 到 60 分钟之间', 'must be from 0 to 60 minutes');
  const plan = await ctx.plan.get();
  const b = cityBounds(plan);
  if (!(q.lon >= b.minLon && q.lon <= b.maxLon && q.lat >= b.minLat && q.lat <= b.maxLat)) {
    throw invalidField(
      'lon',
      `坐标 (${q.lon}, ${q.lat}) 不在本市范围内`,
      `(${q.lon}, ${q.lat}) is outside the city`,
    );
  }
  const points = await new ResidentialPointRepository(ctx.db).list();
  const budget = minutes * 60;
  const network = await installedNetwork(ctx);
  const origin: LonLat = [q.lon, q.lat];
  if (network) {
    const proj = createLocalProjection(network.meta.origin);
    const here = proj.toMetres(origin);
    const index = edgeIndexOf(network.graph);
    const { sources } = snapSources(network.graph, [here], WALKING_METRES_PER_SECOND, index);
    const { times } = nearestSources(network.graph, sources, { cutoffSeconds: Math.ceil(budget) });
    const reached: LonLat[] = [];
    for (let n = 0; n < times.length && reached.length < MAX_NODES_RETURNED; n++) {
      if (times[n] !== UNREACHABLE && (times[n] as number) <= budget) {
        reached.push(proj.toLonLat([network.graph.x[n] as number, network.graph.y[n] as number]));
      }
    }
    const seconds = networkReachSeconds(
      network.graph,
      index,
      [here],
      points.map((p) => proj.toMetres([p.lon, p.lat])),
      WALKING_METRES_PER_SECOND,
      Math.ceil(budget),
    );
    return {
      method: 'network' as const,
      minutes,
      approximation: null,
      network: { sha256: network.meta.sha256, source: network.meta.source },
      reachedNodes: reached.length,
      geometry: { type: 'MultiPoint' as const, coordinates: reached },
      residents: points.reduce((s, p, i) => s + ((seconds[i] as number) <= budget ? p.total : 0), 0),
    };
  }
  const radius = (budget * WALKING_METRES_PER_SECOND) / DEFAULT_DETOUR_FACTOR;
  const proj = createLocalProjection(origin);
  const ring: LonLat[] = [];
  for (let k = 0; k <= 64; k++) {
    const a = (2 * Math.PI * (k % 64)) / 64;
    ring.push(proj.toLonLat([radius * Math.cos(a), radius * Math.sin(a)]));
  }
  const toXY = (p: LonLat) => {
    const [x, y] = proj.toMetres(p);
    return { x, y };
  };
  const d = nearestStraightLine(
    points.map((p) => toXY([p.lon, p.lat])),
    [{ x: 0, y: 0 }],
    radius,
  );
  return {
    method: 'straightLine' as const,
    minutes,
    approximation: {
      zh: `近似值：尚未导入步行路网，按直线半径 ${Math.round(radius)} 米（绕行系数 ${DEFAULT_DETOUR_FACTOR}）估算`,
      en: `Approximation: no walking network; a straight-line radius of ${Math.round(radius)} m (detour factor ${DEFAULT_DETOUR_FACTOR})`,
    },
    network: null,
    reachedNodes: 0,
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
    residents: points.reduce((s, p, i) => s + (Number.isFinite(d[i]) ? p.total : 0), 0),
  };
}
