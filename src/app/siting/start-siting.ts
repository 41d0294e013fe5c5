/**
 * Where to build next (issue 4 §1): choose new sites of a facility type that cover the most people
 * of the group it serves not yet within the plan's circle of an existing one. Runs as a job: build
 * each candidate's coverage set (over the walking network when one is imported, else straight-line
 * and flagged), solve by lazy greedy and swaps, and, for instances small enough, solve exactly with
 * HiGHS so the heuristic's gap is known. Each proposed site says how many people it newly covers and
 * how its district's norm gap changes with a site of typical capacity.
 */
import { performance } from 'node:perf_hooks';
import { nearestStraightLine } from '../../domain/access/straight-line.ts';
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { CHENGDU_AGE_SHARES_2020 } from '../../domain/people/age-bands.ts';
import type { CapacityKey, FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { RESOURCE_SUPPLY, computeNormGaps } from '../../domain/resources/norm-gaps.ts';
import { FuwuError, invalidField } from '../../domain/shared/errors.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import { gridCandidates, townshipCentres } from '../../domain/siting/candidates.ts';
import { networkCoverageSets, straightLineCoverageSets } from '../../domain/siting/coverage-sets.ts';
import type { CoverageSets, SitingInstance } from '../../domain/siting/instance.ts';
import { exactMaximalCovering, gapToBound } from '../../domain/siting/exact-max-cover.ts';
import type { SitingLimit } from '../../domain/siting/max-cover.ts';
import { maximalCovering } from '../../domain/siting/max-cover.ts';
import type { CandidateKind, NormGapChange, SitingResult } from '../../domain/siting/siting-view.ts';
import { CANDIDATE_KINDS } from '../../domain/siting/siting-view.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import type { AppContext } from '../context.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { JobHandler, ReportProgress } from '../jobs/jobs.ts';
import { authorize } from '../policies.ts';
import { SERVES } from '../../domain/resources/served-groups.ts';
import { WALKING_METRES_PER_SECOND, nearestFacilities } from '../resources/get-coverage.ts';
import { xyOnNetwork } from '../resources/network-places.ts';
import { cityBounds } from '../resources/facility-context.ts';
import { loadHighsSolver } from './highs-solver.ts';

export const SITING_KIND = 'siting.run';
/** Exact solving is tried up to this many candidates (HiGHS solves ~1,000 in seconds, stalls at 2,000). */
const EXACT_MAX_CANDIDATES = 1000;
const EXACT_TIME_LIMIT_SECONDS = 20;
const MAX_USER_POINTS = 5000;

export interface SitingRequest {
  type: string;
  k?: number;
  budget?: number;
  candidates: string;
  gridMetres?: number;
  points?: ReadonlyArray<{ lon: number; lat: number; name?: string; cost?: number }>;
  minutes?: number;
  exact?: boolean;
}

interface Candidate {
  x: number;
  y: number;
  label: string;
  cost: number;
  districtCode: string | null;
}

function validate(req: SitingRequest): { type: FacilityType; limit: SitingLimit; kind: CandidateKind } {
  if (!(FACILITY_TYPES as readonly string[]).includes(req.type))
    throw invalidField(
      'type',
      `应为 ${FACILITY_TYPES.join('/')} 之一`,
      `must be one of ${FACILITY_TYPES.join(', ')}`,
    );
  if (!(CANDIDATE_KINDS as readonly string[]).includes(req.candidates))
    throw invalidField(
      'candidates',
      `应为 ${CANDIDATE_KINDS.join('/')} 之一`,
      `must be one of ${CANDIDATE_KINDS.join(', ')}`,
    );
  if ((req.k === undefined) === (req.budget === undefined))
    throw invalidField(
      'k',
      '请给出新增设施数 k 或预算 budget（二选一）',
      'give either k (number of new sites) or budget, not both',
    );
  if (req.k !== undefined && !(Number.isInteger(req.k) && req.k >= 1 && req.k <= 500))
    throw invalidField('k', '应为 1 到 500 之间的整数', 'must be a whole number from 1 to 500');
  if (req.budget !== undefined && !(req.budget > 0 && Number.isFinite(req.budget)))
    throw invalidField('budget', '应为正数', 'must be a positive number');
  if (req.gridMetres !== undefined && !(req.gridMetres >= 100 && req.gridMetres <= 10_000))
    throw invalidField('gridMetres', '应在 100 到 10000 米之间', 'must be from 100 to 10,000 metres');
  if (req.minutes !== undefined && !(req.minutes > 0 && req.minutes <= 60))
    throw invalidField('minutes', '应在 0 到 60 分钟之间', 'must be from 0 to 60 minutes');
  if (req.candidates === 'points') {
    const pts = req.points ?? [];
    if (pts.length === 0 || pts.length > MAX_USER_POINTS)
      throw invalidField(
        'points',
        `请给出 1 到 ${MAX_USER_POINTS} 个候选点`,
        `give 1 to ${MAX_USER_POINTS} candidate points`,
      );
    pts.forEach((p, i) => {
      if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat))
        throw invalidField(`points[${i}]`, '经纬度应为数字', 'lon and lat must be numbers');
      if (p.cost !== undefined && !(p.cost > 0))
        throw invalidField(`points[${i}].cost`, '成本应为正数', 'cost must be a positive number');
    });
  }
  return {
    type: req.type as FacilityType,
    limit: req.k !== undefined ? { k: req.k } : { budget: req.budget as number },
    kind: req.candidates as CandidateKind,
  };
}

export async function startSiting(ctx: AppContext, actor: Actor, req: SitingRequest): Promise<JobView> {
  authorize(actor, 'siting.run');
  validate(req);
  // People see how many points were given; the worker gets the points themselves.
  return enqueueJob(ctx, actor, SITING_KIND, { ...req, points: req.points?.length ?? 0 }, req);
}

/** The run, by whichever worker claims it (the request checked again: it comes from the queue). */
export const runSitingJob: JobHandler = async (ctx, payload, { progress }) => {
  const req = payload as SitingRequest;
  const { type, limit, kind } = validate(req);
  return runSiting(ctx, req, type, limit, kind, progress);
};

async function runSiting(
  ctx: AppContext,
  req: SitingRequest,
  type: FacilityType,
  limit: SitingLimit,
  kind: CandidateKind,
  progress: ReportProgress,
): Promise<SitingResult> {
  await progress({ stage: 'loading', done: 0, total: 4 });
  const near = await nearestFacilities(ctx, { type, minutes: req.minutes });
  const { plan, points, open, network, reach, limitMetres } = near;
  const serves = SERVES[type];
  const weights = Float64Array.from(points, (p) => serves.bands.reduce((s, b) => s + p.population[b], 0));
  const existingCover = Uint8Array.from(reach, (r) => (r <= limitMetres ? 1 : 0));
  // Over the network the limit is metres walked; in a straight line it is the crow-flies radius,
  // walked as radius × detour.
  const limitSeconds = Math.round(
    (network ? limitMetres : limitMetres * near.detour) / WALKING_METRES_PER_SECOND,
  );

  // Every position in metres on one local projection (the network's when there is one).
  const b = cityBounds(plan);
  const origin: LonLat = network
    ? network.meta.origin
    : [(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2];
  const proj = createLocalProjection(origin);
  const toXY = (lon: number, lat: number) => {
    const [x, y] = proj.toMetres([lon, lat]);
    return { x, y };
  };
  const pointXY = points.map((p) => toXY(p.lon, p.lat));
  const candidates = await candidatesOf(ctx, kind, req, points, pointXY, weights, toXY);
  if (candidates.length === 0)
    throw new FuwuError('invalid_input', '没有可用的候选点', 'there are no candidate sites', [
      { field: 'candidates', zh: '候选点为空', en: 'no candidates' },
    ]);
  if ('k' in limit && limit.k > candidates.length)
    throw invalidField(
      'k',
      `候选点只有 ${candidates.length} 个`,
      `there are only ${candidates.length} candidates`,
    );

  await progress({ stage: 'coverageSets', done: 1, total: 4 });
  const t0 = performance.now();
  let sets: CoverageSets;
  if (network) {
    sets = networkCoverageSets(
      network.graph,
      xyOnNetwork(network.graph, candidates),
      xyOnNetwork(network.graph, pointXY),
      limitSeconds,
    );
  } else {
    sets = straightLineCoverageSets(
      candidates,
      pointXY,
      limitMetres,
      near.detour / WALKING_METRES_PER_SECOND,
    );
  }
  const setsMs = performance.now() - t0;
  const instance: SitingInstance = {
    weights,
    existingCover,
    sets,
    costs: Float64Array.from(candidates, (c) => c.cost),
  };

  await progress({ stage: 'solving', done: 2, total: 4 });
  const t1 = performance.now();
  const heuristic = maximalCovering(instance, limit);
  const solveMs = performance.now() - t1;

  let exact: SitingResult['exact'] = null;
  if (req.exact !== false && candidates.length <= EXACT_MAX_CANDIDATES) {
    await progress({ stage: 'exact', done: 3, total: 4 });
    const t2 = performance.now();
    const solver = await loadHighsSolver();
    const r = exactMaximalCovering(instance, limit, solver, { timeLimitSeconds: EXACT_TIME_LIMIT_SECONDS });
    exact = {
      status: r.status,
      objective: r.objective,
      bound: r.bound,
      gap: gapToBound(heuristic.newlyCovered, r.bound),
      seconds: (performance.now() - t2) / 1000,
    };
  }

  // Districts of the sites: given, or the district of the nearest residential point.
  const nearestPoint = new Int32Array(candidates.length);
  nearestStraightLine(candidates, pointXY, 1e7, nearestPoint);
  const districtOf = (j: number) =>
    candidates[j]!.districtCode ?? points[nearestPoint[j]!]?.districtCode ?? plan.districts[0]!.code;
  const sites = heuristic.sites.map((s, rank) => {
    const c = candidates[s.candidate]!;
    const [lon, lat] = proj.toLonLat([c.x, c.y]);
    const districtCode = districtOf(s.candidate);
    return {
      rank: rank + 1,
      lon,
      lat,
      districtCode,
      districtName: plan.areaByCode.get(districtCode)?.name ?? districtCode,
      label: c.label,
      gain: s.gain,
      cost: s.cost,
    };
  });

  const capacityPerSite = typicalCapacity(serves.capacity, open);
  const normGaps = await normGapChanges(
    ctx,
    type,
    capacityPerSite,
    sites.map((s) => s.districtCode),
  );
  const total = weights.reduce((s, w) => s + w, 0);
  const coveredBefore = weights.reduce((s, w, i) => s + (existingCover[i] ? w : 0), 0);
  return {
    type,
    circle: { minutes: near.minutes, metres: Math.round(limitMetres), seconds: limitSeconds },
    method: network ? 'network' : 'straightLine',
    approximation: network
      ? null
      : {
          zh: `近似值：尚未导入步行路网，按直线距离 × 绕行系数 ${near.detour}、步速 ${WALKING_METRES_PER_SECOND} 米/秒估算`,
          en: `Approximation: no walking network imported yet; straight-line distance × detour factor ${near.detour} at ${WALKING_METRES_PER_SECOND} m/s`,
        },
    candidates: { kind, count: candidates.length },
    limit,
    demand: { bands: serves.bands, total, coveredBefore },
    sites,
    newlyCovered: heuristic.newlyCovered,
    shareBefore: total > 0 ? coveredBefore / total : null,
    shareAfter: total > 0 ? (coveredBefore + heuristic.newlyCovered) / total : null,
    swaps: heuristic.swaps,
    evaluations: heuristic.evaluations,
    exact,
    capacityPerSite,
    normGaps,
    timingsMs: { coverageSets: Math.round(setsMs), solve: Math.round(solveMs) },
    inputs: {
      residentialPoints: points.length,
      facilities: open.length,
      network: network?.meta.sha256 ?? null,
    },
    usesSyntheticData: points.some((p) => p.synthetic) || open.some((f) => f.synthetic),
  };
}

async function candidatesOf(
  ctx: AppContext,
  kind: CandidateKind,
  req: SitingRequest,
  points: ReadonlyArray<{ districtCode: string; townshipCode?: string | null }>,
  pointXY: ReadonlyArray<{ x: number; y: number }>,
  weights: Float64Array,
  toXY: (lon: number, lat: number) => { x: number; y: number },
): Promise<Candidate[]> {
  const weighted = pointXY.map((p, i) => ({ ...p, weight: weights[i]! }));
  switch (kind) {
    case 'grid':
      return gridCandidates(weighted, req.gridMetres ?? 1000).map((c) => ({
        x: c.x,
        y: c.y,
        label: `网格 grid ${c.key}`,
        cost: 1,
        districtCode: null,
      }));
    case 'townshipCentres':
      return townshipCentres(weighted, (i) => points[i]!.townshipCode ?? null).map((c) => ({
        x: c.x,
        y: c.y,
        label: c.key,
        cost: 1,
        districtCode: c.key.slice(0, 6),
      }));
    case 'communityServiceCentres': {
      const centres = await new FacilityRepository(ctx.db).list({ type: 'communityServiceCentre' });
      return centres
        .filter((f) => f.status === 'open')
        .map((f) => ({ ...toXY(f.lon, f.lat), label: f.name, cost: 1, districtCode: f.districtCode }));
    }
    case 'points':
      return (req.points ?? []).map((p, i) => ({
        ...toXY(p.lon, p.lat),
        label: p.name ?? `候选点 ${i + 1}`,
        cost: p.cost ?? 1,
        districtCode: null,
      }));
  }
}

/** The median capacity of the type's open facilities: what one more of them would add. */
function typicalCapacity(
  key: CapacityKey | null,
  open: ReadonlyArray<{ capacities: Partial<Record<CapacityKey, number>> }>,
): SitingResult['capacityPerSite'] {
  if (!key) return null;
  const values = open
    .map((f) => f.capacities[key])
    .filter((v): v is number => v !== undefined && v > 0)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  return { key, value: values[Math.floor(values.length / 2)]! };
}

/** Each touched district's norm gaps before and after adding the proposed sites at typical capacity. */
async function normGapChanges(
  ctx: AppContext,
  type: FacilityType,
  capacity: SitingResult['capacityPerSite'],
  siteDistricts: readonly string[],
): Promise<NormGapChange[]> {
  if (!capacity || siteDistricts.length === 0) return [];
  const plan = await ctx.plan.get();
  const touched = new Set(siteDistricts);
  const districts = plan.districts.filter((d) => touched.has(d.code));
  const facilities = (await new FacilityRepository(ctx.db).list({})).filter((f) =>
    touched.has(f.districtCode),
  );
  const added = siteDistricts.map((districtCode) => ({
    type,
    districtCode,
    status: 'open' as const,
    capacities: { [capacity.key]: capacity.value },
  }));
  const input = { norms: plan.norms, districts, ageShares: CHENGDU_AGE_SHARES_2020.shares };
  const before = computeNormGaps({ ...input, facilities });
  const after = computeNormGaps({ ...input, facilities: [...facilities, ...added] });
  const normByCode = new Map(plan.norms.map((n) => [n.code, n]));
  return before.flatMap((b, i) => {
    const norm = normByCode.get(b.normCode);
    const supply = norm ? RESOURCE_SUPPLY[norm.resource] : undefined;
    const a = after[i]!;
    if (!norm || !supply || supply.capacity !== capacity.key) return [];
    if (supply.types !== 'all' && !supply.types.includes(type)) return [];
    if (b.gap === null || a.gap === null) return [];
    return [
      {
        districtCode: b.districtCode,
        districtName: plan.areaByCode.get(b.districtCode)?.name ?? b.districtCode,
        normCode: b.normCode,
        normName: norm.name,
        capacity: capacity.key,
        added: (a.supply ?? 0) - (b.supply ?? 0),
        gapBefore: b.gap,
        gapAfter: a.gap,
      },
    ];
  });
}
