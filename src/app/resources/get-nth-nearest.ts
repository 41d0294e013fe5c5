/**
 * The n-th nearest facility (issue 3 §3: "and to the n-th nearest"): for every residential point,
 * the walking time to its n-th nearest open facility of a type, and per district the share of the
 * group the type serves that has at least n of them within the plan's circle (a choice of school or
 * clinic, not only one). Over the walking network by one multi-label search (k-nearest.ts); without
 * one, straight-line distance × detour factor, flagged.
 */
import { UNREACHABLE } from '../../domain/access/sources.ts';
import { kNearest, MAX_K } from '../../domain/access/k-nearest.ts';
import { kNearestStraightLine } from '../../domain/access/straight-line.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import type { NthNearestCell, NthNearestView } from '../../domain/resources/nth-nearest-view.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { AppContext } from '../context.ts';
import { installedNetwork } from './installed-network.ts';
import { loadAccessInputs } from './access-inputs.ts';
import { SERVES } from '../../domain/resources/served-groups.ts';
import { DEFAULT_DETOUR_FACTOR, WALKING_METRES_PER_SECOND, planCircle } from './get-coverage.ts';
import { lonLatOnNetwork } from './network-places.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

/** People-weighted median of the finite values (null when half the people or more have none). */
function weightedMedian(values: number[], weights: number[]): number | null {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return null;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let acc = 0;
  for (const i of order) {
    acc += weights[i]!;
    if (acc >= total / 2) return Number.isFinite(values[i]!) ? values[i]! : null;
  }
  return null;
}

export async function getNthNearest(
  ctx: AppContext,
  actor: Actor,
  q: { type: string; n: number },
): Promise<NthNearestView> {
  authorize(actor, 'plan.read');
  if (!(FACILITY_TYPES as readonly string[]).includes(q.type))
    throw invalidField(
      'type',
      `应为 ${FACILITY_TYPES.join('/')} 之一`,
      `must be one of ${FACILITY_TYPES.join(', ')}`,
    );
  if (!(Number.isInteger(q.n) && q.n >= 1 && q.n <= MAX_K))
    throw invalidField('n', `应为 1 到 ${MAX_K} 之间的整数`, `must be a whole number from 1 to ${MAX_K}`);
  const type = q.type as FacilityType;
  const n = q.n;
  const circle = planCircle(type);
  const circleSeconds = Math.round(
    circle.minutes !== null ? circle.minutes * 60 : (circle.metres as number) / WALKING_METRES_PER_SECOND,
  );
  const limitSeconds = circleSeconds * 3;
  const { plan, points, open, xy } = await loadAccessInputs(ctx, type);
  const network = await installedNetwork(ctx);

  const seconds = new Float64Array(points.length).fill(Infinity);
  if (network) {
    const facilities = lonLatOnNetwork(network, open);
    const at = lonLatOnNetwork(network, points);
    const sources = Array.from(facilities.nodes, (node, j) => ({
      node,
      offsetSeconds: facilities.offsets[j],
    }));
    const { times } = kNearest(network.graph, sources, n, limitSeconds);
    points.forEach((_, i) => {
      const t = times[at.nodes[i]! * n + (n - 1)]!;
      if (t !== UNREACHABLE) seconds[i] = t + at.offsets[i]!;
    });
  } else {
    // Straight line: a circle of minutes becomes metres ÷ detour; parks keep their 500 m.
    const secondsPerMetre = DEFAULT_DETOUR_FACTOR / WALKING_METRES_PER_SECOND;
    const metres = circle.minutes !== null ? limitSeconds / secondsPerMetre : (circle.metres as number) * 3;
    const perMetre = circle.minutes !== null ? secondsPerMetre : 1 / WALKING_METRES_PER_SECOND;
    const d = kNearestStraightLine(points.map(xy), open.map(xy), metres, n);
    points.forEach((_, i) => {
      const m = d[i * n + (n - 1)]!;
      if (Number.isFinite(m)) seconds[i] = m * perMetre;
    });
  }

  const bands = SERVES[type].bands;
  const served = points.map((p) => bands.reduce((s, b) => s + p.population[b], 0));
  const cell = (idx: number[]): NthNearestCell => {
    const population = idx.reduce((s, i) => s + served[i]!, 0);
    const withChoice = idx.reduce((s, i) => s + (seconds[i]! <= circleSeconds ? served[i]! : 0), 0);
    return {
      population,
      withChoice,
      share: population > 0 ? withChoice / population : null,
      medianSeconds: weightedMedian(
        idx.map((i) => seconds[i]!),
        idx.map((i) => served[i]!),
      ),
    };
  };
  const byDistrict = new Map<string, number[]>();
  points.forEach((p, i) => byDistrict.set(p.districtCode, [...(byDistrict.get(p.districtCode) ?? []), i]));
  return {
    type,
    n,
    circle: { minutes: circle.minutes, seconds: circleSeconds },
    method: network ? 'network' : 'straightLine',
    approximation: network
      ? null
      : {
          zh: `近似值：尚未导入步行路网，按直线距离 × 绕行系数 ${DEFAULT_DETOUR_FACTOR}、步速 ${WALKING_METRES_PER_SECOND} 米/秒估算`,
          en: `Approximation: no walking network imported yet; straight-line distance × detour factor ${DEFAULT_DETOUR_FACTOR} at ${WALKING_METRES_PER_SECOND} m/s`,
        },
    bands,
    all: cell(points.map((_, i) => i)),
    byDistrict: [...byDistrict.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, idx]) => ({
        districtCode: code,
        name: plan.areaByCode.get(code)?.name ?? code,
        ...cell(idx),
      })),
    seconds: Array.from(seconds, (s) => (Number.isFinite(s) ? Math.round(s) : null)),
    inputs: {
      residentialPoints: points.length,
      facilities: open.length,
      network: network?.meta.sha256 ?? null,
      searchLimitSeconds: limitSeconds,
    },
    usesSyntheticData: points.some((p) => p.synthetic) || open.some((f) => f.synthetic),
  };
}
