/**
 * 2SFCA/E2SFCA of scenarios from a kept baseline (issue 4 §2): today's per-point accessibility of a
 * type is kept per context, keyed by a hash of its inputs, and a scenario starts from a copy,
 * recomputing only the catchments its changes touch — an added, removed or resized facility of the
 * type, and the points of projected districts. Straight-line catchments (no walking network) use
 * src/domain/scenarios/incremental-two-step.ts, walking catchments incremental-network-two-step.ts,
 * with the same zones, places on the network and supplies as getAccessibility; the district figures
 * are then summed as getAccessibility sums them. test/db/scenarios.test.ts checks both agree.
 */
import { createHash } from 'node:crypto';
import type { WalkGraph } from '../../domain/access/graph.ts';
import type { XY } from '../../domain/access/straight-line.ts';
import type { DecayZone } from '../../domain/access/two-step.ts';
import { binaryZones, e2sfcaZones } from '../../domain/access/two-step.ts';
import type { AccessibilityRow } from '../../domain/resources/accessibility-view.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { SERVES } from '../../domain/resources/served-groups.ts';
import { addedFacilityId, applyPopulationChanges } from '../../domain/scenarios/apply-changes.ts';
import { IncrementalNetworkTwoStep } from '../../domain/scenarios/incremental-network-two-step.ts';
import { IncrementalTwoStep } from '../../domain/scenarios/incremental-two-step.ts';
import type { Capacities } from '../../domain/scenarios/scenario.ts';
import type { NetworkMeta } from '../../store/network/network-store.ts';
import type { AppContext } from '../context.ts';
import type { loadAccessInputs } from '../resources/access-inputs.ts';
import { DEFAULT_DETOUR_FACTOR, WALKING_METRES_PER_SECOND, planCircle } from '../resources/get-coverage.ts';
import { lonLatOnNetwork } from '../resources/network-places.ts';
import type { ScenarioOverlay } from './overlay.ts';

type LonLatPlace = { lon: number; lat: number };

/** The operations both incremental forms share, with places in degrees. */
interface Kernel {
  readonly accessibility: Float64Array;
  copy(): Kernel;
  add(place: LonLatPlace, supply: number): number;
  remove(slot: number): void;
  resize(slot: number, supply: number): void;
  setDemand(changes: ReadonlyMap<number, number>): void;
}

function straightKernel(state: IncrementalTwoStep, xy: (p: LonLatPlace) => XY): Kernel {
  return {
    accessibility: state.accessibility,
    copy: () => straightKernel(state.copy(), xy),
    add: (p, s) => state.add(xy(p), s),
    remove: (j) => state.remove(j),
    resize: (j, s) => state.resize(j, s),
    setDemand: (m) => state.setDemand(m),
  };
}

function networkKernel(
  state: IncrementalNetworkTwoStep,
  network: { graph: WalkGraph; meta: NetworkMeta },
): Kernel {
  return {
    accessibility: state.accessibility,
    copy: () => networkKernel(state.copy(), network),
    add: (p, s) => {
      const at = lonLatOnNetwork(network, [p]);
      return state.add({ node: at.nodes[0] as number, offsetSeconds: at.offsets[0] as number }, s);
    },
    remove: (j) => state.remove(j),
    resize: (j, s) => state.resize(j, s),
    setDemand: (m) => state.setDemand(m),
  };
}

interface Baseline {
  key: string;
  state: Kernel;
  demand: Float64Array;
}

const baselines = new WeakMap<AppContext, Map<string, Baseline>>();

/** The figures of the comparison: the city and each district, as getAccessibility gives them. */
export interface ScenarioAccessibility {
  city: AccessibilityRow;
  byDistrict: Array<AccessibilityRow & { districtCode: string }>;
  reused: boolean;
}

/**
 * For `overlay` (undefined: today), from `today` (the type's inputs without changes) and the walking
 * network when one is imported.
 */
export function scenarioAccessibility(
  ctx: AppContext,
  type: FacilityType,
  method: '2sfca' | 'e2sfca',
  today: Awaited<ReturnType<typeof loadAccessInputs>>,
  overlay: ScenarioOverlay | undefined,
  network: { graph: WalkGraph; meta: NetworkMeta } | null,
): ScenarioAccessibility {
  const serves = SERVES[type];
  const circle = planCircle(type);
  // The catchment as getAccessibility draws it: walking seconds, or straight-line metres.
  const catchment = network
    ? Math.round(
        circle.minutes !== null ? circle.minutes * 60 : (circle.metres as number) / WALKING_METRES_PER_SECOND,
      )
    : circle.minutes !== null
      ? (circle.minutes * 60 * WALKING_METRES_PER_SECOND) / DEFAULT_DETOUR_FACTOR
      : (circle.metres as number);
  const zones: DecayZone[] = method === 'e2sfca' ? e2sfcaZones(catchment) : binaryZones(catchment);
  const demandOf = (p: { population: Record<string, number> }) =>
    serves.bands.reduce((s, band) => s + (p.population[band] as number), 0);
  const supplyOf = (capacities: Capacities) => (serves.capacity ? (capacities[serves.capacity] ?? 0) : 1);
  const { points, open, xy, plan } = today;

  const hash = createHash('sha256').update(`${type}|${method}|${network?.meta.sha256 ?? 'straight'}|`);
  for (const p of points) hash.update(`${p.id},${p.lon},${p.lat},${demandOf(p)};`);
  for (const f of open) hash.update(`${f.id},${f.revision},${f.lon},${f.lat},${supplyOf(f.capacities)};`);
  const key = hash.digest('hex');
  let byKind = baselines.get(ctx);
  if (!byKind) baselines.set(ctx, (byKind = new Map()));
  let base = byKind.get(`${type}|${method}`);
  const reused = base?.key === key;
  if (!base || !reused) {
    const demand = Float64Array.from(points, demandOf);
    const supply = open.map((f) => supplyOf(f.capacities));
    let state: Kernel;
    if (network) {
      const at = lonLatOnNetwork(network, open);
      state = networkKernel(
        new IncrementalNetworkTwoStep(
          network.graph,
          lonLatOnNetwork(network, points),
          demand,
          Array.from(at.nodes, (node, j) => ({ node, offsetSeconds: at.offsets[j] as number })),
          supply,
          zones,
        ),
        network,
      );
    } else {
      state = straightKernel(new IncrementalTwoStep(points.map(xy), demand, open.map(xy), supply, zones), xy);
    }
    base = { key, state, demand };
    byKind.set(`${type}|${method}`, base);
  }

  // The scenario's facilities as applyFacilityChanges gives them: removals (also of added ones), the
  // resizes of today's merged, the added ones of the type last.
  const changes = overlay?.changes ?? [];
  const s = base.state.copy();
  const removed = new Set(changes.flatMap((c) => (c.kind === 'removeFacility' ? [c.facilityId] : [])));
  const resized = new Map<number, Capacities>();
  for (const c of changes)
    if (c.kind === 'resizeFacility')
      resized.set(c.facilityId, { ...(resized.get(c.facilityId) ?? {}), ...c.capacities });
  open.forEach((f, slot) => {
    if (removed.has(f.id)) s.remove(slot);
    else if (resized.has(f.id)) s.resize(slot, supplyOf({ ...f.capacities, ...resized.get(f.id) }));
  });
  let added = 0;
  for (const c of changes) {
    if (c.kind !== 'addFacility') continue;
    const id = addedFacilityId(added++);
    if (c.type === type && !removed.has(id)) s.add(c, supplyOf(c.capacities));
  }
  // Projected districts: their points' demand scaled.
  const scenarioPoints = applyPopulationChanges(points, plan.districts, changes);
  const moved = new Map<number, number>();
  scenarioPoints.forEach((p, i) => {
    if (p === points[i]) return;
    const d = demandOf(p);
    if (d !== base.demand[i]) moved.set(i, d);
  });
  if (moved.size > 0) s.setDemand(moved);

  // Summed as getAccessibility sums them.
  const accessibility = s.accessibility;
  const sums = new Map<string, { demand: number; weighted: number; zero: number }>();
  const all = { demand: 0, weighted: 0, zero: 0 };
  scenarioPoints.forEach((p, i) => {
    const demand = demandOf(p);
    const d = sums.get(p.districtCode) ?? { demand: 0, weighted: 0, zero: 0 };
    for (const x of [d, all]) {
      x.demand += demand;
      x.weighted += demand * (accessibility[i] as number);
      if (accessibility[i] === 0) x.zero += demand;
    }
    sums.set(p.districtCode, d);
  });
  const row = (d: { demand: number; weighted: number; zero: number }): AccessibilityRow => ({
    demand: d.demand,
    accessibility: d.demand > 0 ? d.weighted / d.demand : null,
    withoutAccess: d.demand > 0 ? d.zero / d.demand : null,
  });
  return {
    city: row(all),
    byDistrict: [...sums.entries()]
      .sort(([a], [c]) => a.localeCompare(c))
      .map(([districtCode, d]) => ({ districtCode, ...row(d) })),
    reused,
  };
}
