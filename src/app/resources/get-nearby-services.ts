/**
 * Nearby services (issue 6 §4): the open facilities of the registry within so many minutes' walk of a
 * point, by type, nearest first. Public and personal-data free: the point is not stored or logged.
 *
 * Over the imported walking network it is one bounded search from the snapped point (the coverage
 * engine: same snapping, same walking speed), then each candidate facility is snapped and takes the
 * better of its edge's two ends. Candidates are the open facilities of the chosen types within the
 * straight-line distance one could possibly walk in the budget (a walk is never shorter than the
 * straight line), read from the registry by a box around the point, so only nearby rows are read and
 * snapped. Without a network: straight-line distance × detour factor at walking speed, flagged as an
 * approximation.
 */
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import { nearestSources, UNREACHABLE } from '../../domain/access/nearest.ts';
import { snapPoint, snapSources } from '../../domain/osm/snap.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import type { NearbyFacilityRow } from '../../store/repositories/nearby.repository.ts';
import { NearbyRepository } from '../../store/repositories/nearby.repository.ts';
import type { NearbyGroup, NearbyServicesView } from '../../domain/resources/nearby-view.ts';
import { installedNetwork } from './installed-network.ts';
import type { AppContext } from '../context.ts';
import { invalidInput } from '../input-errors.ts';
import { cityBounds } from './facility-context.ts';
import { DEFAULT_DETOUR_FACTOR, WALKING_METRES_PER_SECOND } from './get-coverage.ts';
import { edgeIndexOf } from './network-index.ts';

export const NEARBY_DEFAULT_MINUTES = 15;
export const NEARBY_MAX_MINUTES = 30;
/** Facilities listed per type (nearest first); `total` still counts all reached. */
export const NEARBY_MAX_PER_TYPE = 50;
/** Sectors of the reach outline: the farthest reached node in each 5° around the point. */
const OUTLINE_SECTORS = 72;
/**
 * Slack on the straight-line prefilter: edge times are whole seconds (rounding can make a path up to
 * half a second per edge quicker than its length at walking speed), so candidates are taken a little
 * beyond the exact bound. Any facility not in reach is then dropped by its network time.
 */
const PREFILTER_FACTOR = 1.1;
const PREFILTER_EXTRA_METRES = 150;
/** Metres per degree of latitude (and of longitude at the equator), for the box around the point. */
const METRES_PER_DEGREE = 111_320;

export interface NearbyQuery {
  lon?: unknown;
  lat?: unknown;
  minutes?: unknown;
  /** Comma-separated facility types, or an array; default every type. */
  types?: unknown;
}

function parseQuery(
  q: NearbyQuery,
  bounds: { minLon: number; minLat: number; maxLon: number; maxLat: number },
): { lon: number; lat: number; minutes: number; types: FacilityType[] } {
  const problems: FieldProblem[] = [];
  const bad = (field: string, zh: string, en: string) => problems.push({ field, zh, en });
  const num = (field: 'lon' | 'lat', v: unknown): number | null => {
    const s = v === undefined || v === null ? '' : String(v).trim();
    const n = typeof v === 'number' ? v : Number(s);
    if (s === '' || !Number.isFinite(n)) {
      bad(
        field,
        `应为数字（十进制度，WGS84），收到“${s}”`,
        `must be a number (decimal degrees, WGS84); got "${s}"`,
      );
      return null;
    }
    return n;
  };
  const lon = num('lon', q.lon);
  const lat = num('lat', q.lat);
  if (lon !== null && lat !== null) {
    const b = bounds;
    if (lon < b.minLon || lon > b.maxLon || lat < b.minLat || lat > b.maxLat) {
      bad(
        'lon',
        `坐标 (${lon}, ${lat}) 不在本市范围内（经度 ${b.minLon}–${b.maxLon}，纬度 ${b.minLat}–${b.maxLat}）`,
        `(${lon}, ${lat}) is outside the city (lon ${b.minLon}–${b.maxLon}, lat ${b.minLat}–${b.maxLat})`,
      );
    }
  }
  let minutes = NEARBY_DEFAULT_MINUTES;
  if (q.minutes !== undefined && q.minutes !== null && String(q.minutes).trim() !== '') {
    const m = typeof q.minutes === 'number' ? q.minutes : Number(String(q.minutes).trim());
    if (!Number.isInteger(m) || m < 1 || m > NEARBY_MAX_MINUTES) {
      bad(
        'minutes',
        `应为 1 到 ${NEARBY_MAX_MINUTES} 之间的整数分钟，收到“${String(q.minutes)}”`,
        `must be whole minutes from 1 to ${NEARBY_MAX_MINUTES}; got "${String(q.minutes)}"`,
      );
    } else minutes = m;
  }
  let types: FacilityType[] = [...FACILITY_TYPES];
  if (q.types !== undefined && q.types !== null && String(q.types).trim() !== '') {
    const asked = (Array.isArray(q.types) ? q.types.map(String) : String(q.types).split(','))
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const unknown = asked.filter((s) => !(FACILITY_TYPES as readonly string[]).includes(s));
    if (unknown.length > 0) {
      bad(
        'types',
        `未知设施类型“${unknown.join('、').slice(0, 200)}”；可选 ${FACILITY_TYPES.join('/')}`,
        `unknown facility type "${unknown.join(', ').slice(0, 200)}"; one of ${FACILITY_TYPES.join(', ')}`,
      );
    } else types = FACILITY_TYPES.filter((t) => asked.includes(t));
  }
  if (problems.length > 0) throw invalidInput(problems);
  return { lon: lon as number, lat: lat as number, minutes, types };
}

/** The farthest reached place in each sector around the origin (metres, origin at 0,0), as a closed ring. */
function sectorOutline(xs: Float64Array, ys: Float64Array, count: number): Array<[number, number]> {
  const far = new Float64Array(OUTLINE_SECTORS).fill(-1);
  const fx = new Float64Array(OUTLINE_SECTORS);
  const fy = new Float64Array(OUTLINE_SECTORS);
  for (let i = 0; i < count; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const a = Math.atan2(y, x);
    const s = Math.min(OUTLINE_SECTORS - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * OUTLINE_SECTORS));
    const d = x * x + y * y;
    if (d > (far[s] as number)) {
      far[s] = d;
      fx[s] = x;
      fy[s] = y;
    }
  }
  const ring: Array<[number, number]> = [];
  for (let s = 0; s < OUTLINE_SECTORS; s++)
    if ((far[s] as number) > 0) ring.push([fx[s] as number, fy[s] as number]);
  if (ring.length > 0) ring.push(ring[0] as [number, number]);
  return ring;
}

export async function getNearbyServices(ctx: AppContext, q: NearbyQuery): Promise<NearbyServicesView> {
  const plan = await ctx.plan.get();
  const { lon, lat, minutes, types } = parseQuery(q, cityBounds(plan));
  const budget = minutes * 60;
  const origin: LonLat = [lon, lat];
  const districtName = new Map(plan.districts.map((d) => [d.code, d.name]));
  const speed = WALKING_METRES_PER_SECOND;
  // Only the facilities in a box around the point that holds every possible candidate (either method).
  const reachMetres = budget * speed * PREFILTER_FACTOR + PREFILTER_EXTRA_METRES;
  const dLat = reachMetres / METRES_PER_DEGREE;
  const dLon = reachMetres / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  const open = await new NearbyRepository(ctx.db).openFacilitiesIn(
    { minLon: lon - dLon, maxLon: lon + dLon, minLat: lat - dLat, maxLat: lat + dLat },
    types,
  );
  const network = await installedNetwork(ctx);
  const reached: Array<{ f: NearbyFacilityRow; seconds: number }> = [];
  let reach: NearbyServicesView['reach'];
  let snapMetres: number | null = null;

  if (network) {
    const { graph } = network;
    const proj = createLocalProjection(network.meta.origin);
    const toLonLat = (x: number, y: number) => proj.toLonLat([x, y]) as [number, number];
    const [hx, hy] = proj.toMetres(origin);
    const index = edgeIndexOf(graph);
    const { sources, snaps } = snapSources(graph, [[hx, hy]], speed, index);
    snapMetres = Math.round((snaps[0]?.distanceMetres ?? 0) * 10) / 10;
    const { times } = nearestSources(graph, sources, { cutoffSeconds: budget });
    const time = (n: number) => (times[n] === UNREACHABLE ? Infinity : (times[n] as number));
    for (const f of open) {
      const [x, y] = proj.toMetres([f.lon, f.lat]);
      if (Math.hypot(x - hx, y - hy) > reachMetres) continue;
      const s = snapPoint(index, x, y, speed);
      const seconds = Math.min(time(s.u) + s.secondsToU, time(s.v) + s.secondsToV) + s.snapSeconds;
      if (seconds <= budget) reached.push({ f, seconds });
    }
    // The outline: every node reached within the budget, by sector around the point.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let n = 0; n < times.length; n++) {
      if (times[n] !== UNREACHABLE && (times[n] as number) <= budget) {
        xs.push((graph.x[n] as number) - hx);
        ys.push((graph.y[n] as number) - hy);
      }
    }
    const ring = sectorOutline(Float64Array.from(xs), Float64Array.from(ys), xs.length);
    reach = { type: 'Polygon', coordinates: [ring.map(([x, y]) => toLonLat(x + hx, y + hy))] };
  } else {
    const proj = createLocalProjection(origin);
    const radius = (budget * speed) / DEFAULT_DETOUR_FACTOR;
    for (const f of open) {
      const [x, y] = proj.toMetres([f.lon, f.lat]);
      const d = Math.hypot(x, y);
      if (d > radius) continue;
      reached.push({ f, seconds: (d * DEFAULT_DETOUR_FACTOR) / speed });
    }
    const ring: Array<[number, number]> = [];
    for (let k = 0; k <= 64; k++) {
      const a = (2 * Math.PI * (k % 64)) / 64;
      ring.push(proj.toLonLat([radius * Math.cos(a), radius * Math.sin(a)]) as [number, number]);
    }
    reach = { type: 'Polygon', coordinates: [ring] };
  }

  reached.sort((a, b) => a.seconds - b.seconds || a.f.id - b.f.id);
  const groups: NearbyGroup[] = types.map((type) => {
    const all = reached.filter((r) => r.f.type === type);
    const { zh, en } = FACILITY_TYPE_LABELS[type];
    return {
      type,
      label: { zh, en },
      total: all.length,
      noneInReach: all.length === 0,
      facilities: all.slice(0, NEARBY_MAX_PER_TYPE).map(({ f, seconds }) => ({
        id: f.id,
        name: f.name,
        type,
        lon: f.lon,
        lat: f.lat,
        districtCode: f.districtCode,
        districtName: districtName.get(f.districtCode) ?? null,
        communityCode: f.communityCode,
        minutes: Math.max(1, Math.ceil(seconds / 60 - 1e-9)),
        seconds: Math.round(seconds),
        capacities: f.capacities,
        ownership: f.ownership,
        synthetic: f.synthetic,
      })),
    };
  });
  const radius = Math.round((budget * speed) / DEFAULT_DETOUR_FACTOR);
  return {
    point: { lon, lat },
    minutes,
    method: network ? 'network' : 'straightLine',
    walkingMetresPerSecond: speed,
    detourFactor: network ? null : DEFAULT_DETOUR_FACTOR,
    approximation: network
      ? null
      : {
          zh: `近似值：尚未导入步行路网，按直线距离 × 绕行系数 ${DEFAULT_DETOUR_FACTOR}、步速 ${speed} 米/秒估算（${minutes} 分钟约直线 ${radius} 米）`,
          en: `Approximation: no walking network imported yet; straight-line distance × detour factor ${DEFAULT_DETOUR_FACTOR} at ${speed} m/s (${minutes} minutes ≈ ${radius} m in a straight line)`,
        },
    network: network ? { sha256: network.meta.sha256, source: network.meta.source } : null,
    snapMetres,
    reach,
    groups,
    counts: {
      types: groups.length,
      typesInReach: groups.filter((g) => !g.noneInReach).length,
      facilities: reached.length,
    },
  };
}
