/**
 * Each residential point's distance to its nearest facility of a type in a scenario, incrementally
 * (issue 4 §2): without a walking network, the baseline's per-point nearest distances are kept per
 * type (in memory, keyed by a hash of the inputs, rebuilt when the registry or the points change), and
 * a scenario starts from a copy: one radius query per added facility, a new search only for the points
 * whose nearest a removed facility was. Equal to the full recomputation (nearestFacilities with the
 * overlay) exactly; test/db/scenarios.test.ts and test/unit/scenarios check it. Over a walking network
 * the node times of the baseline and each node's nearest facility are kept (incremental-network.ts):
 * added facilities are searched from, and a removal searches again only the nodes the removed one
 * was nearest to.
 */
import { createHash } from 'node:crypto';
import type { WalkGraph } from '../../domain/access/graph.ts';
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import { IncrementalNearest } from '../../domain/scenarios/incremental-nearest.ts';
import { IncrementalNetworkReach } from '../../domain/scenarios/incremental-network.ts';
import { addedFacilityId } from '../../domain/scenarios/apply-changes.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import type { AppContext } from '../context.ts';
import { loadAccessInputs } from '../resources/access-inputs.ts';
import { WALKING_METRES_PER_SECOND } from '../resources/get-coverage.ts';
import { edgeIndexOf } from '../resources/network-index.ts';
import type { ScenarioOverlay } from './overlay.ts';

interface Baseline {
  key: string;
  state: IncrementalNearest;
  slotOf: Map<number, number>;
}

const baselines = new WeakMap<AppContext, Map<string, Baseline>>();

/** Straight-line metres from each point to its nearest open facility of `type` in the scenario (Infinity beyond `maxMetres`). */
export async function straightLineScenarioReach(
  ctx: AppContext,
  type: FacilityType,
  maxMetres: number,
  overlay: ScenarioOverlay | undefined,
  today?: Awaited<ReturnType<typeof loadAccessInputs>>,
): Promise<{ reach: Float64Array; baselineReach: Float64Array; reused: boolean }> {
  const { points, open, xy } = today ?? (await loadAccessInputs(ctx, type));
  const hash = createHash('sha256').update(`${type}|${maxMetres}|`);
  for (const p of points) hash.update(`${p.id},${p.lon},${p.lat};`);
  for (const f of open) hash.update(`${f.id},${f.revision},${f.lon},${f.lat};`);
  const key = hash.digest('hex');
  let byType = baselines.get(ctx);
  if (!byType) baselines.set(ctx, (byType = new Map()));
  let base = byType.get(type);
  const reused = base?.key === key;
  if (!base || !reused) {
    base = {
      key,
      state: new IncrementalNearest(points.map(xy), open.map(xy), maxMetres),
      slotOf: new Map(open.map((f, j) => [f.id, j])),
    };
    byType.set(type, base);
  }
  const s = base.state.copy();
  for (const c of overlay?.changes ?? []) {
    if (c.kind === 'removeFacility') {
      const slot = base.slotOf.get(c.facilityId);
      if (slot !== undefined) s.remove(slot);
    } else if (c.kind === 'addFacility' && c.type === type) s.add(xy(c));
  }
  return { reach: s.reach, baselineReach: base.state.reach, reused };
}

/** The change kinds networkScenarioReach applies (the others do not move facilities of a type). */
const NETWORK_INCREMENTAL_KINDS = [
  'addFacility',
  'removeFacility',
  'resizeFacility',
  'projectPopulation',
  'changeNorm',
] as const;

interface NetworkBaseline {
  key: string;
  state: IncrementalNetworkReach;
}

const networkBaselines = new WeakMap<AppContext, Map<string, NetworkBaseline>>();

/**
 * Over the walking network: seconds from each point to its nearest open facility of `type` in the
 * scenario, from the kept baseline: one bounded search per end of each added facility, one search
 * over the invalidated nodes per removed one. The set is the one applyFacilityChanges gives (removals
 * apply to added facilities too, whatever the order); null when the scenario holds a change kind this
 * function does not know (the caller recomputes in full then).
 */
export function networkScenarioReach(
  ctx: AppContext,
  type: FacilityType,
  network: { graph: WalkGraph; meta: { sha256: string; origin: [number, number] } },
  cutoffSeconds: number,
  overlay: ScenarioOverlay | undefined,
  today: Awaited<ReturnType<typeof loadAccessInputs>>,
): Float64Array | null {
  const { points, open } = today;
  const changes = overlay?.changes ?? [];
  if (changes.some((c) => !(NETWORK_INCREMENTAL_KINDS as readonly string[]).includes(c.kind))) return null;
  const proj = createLocalProjection(network.meta.origin);
  const toXY = (p: { lon: number; lat: number }) => proj.toMetres([p.lon, p.lat] as LonLat);
  const hash = createHash('sha256').update(`${type}|${cutoffSeconds}|${network.meta.sha256}|`);
  for (const p of points) hash.update(`${p.id},${p.lon},${p.lat};`);
  for (const f of open) hash.update(`${f.id},${f.revision},${f.lon},${f.lat};`);
  const key = hash.digest('hex');
  let byType = networkBaselines.get(ctx);
  if (!byType) networkBaselines.set(ctx, (byType = new Map()));
  let base = byType.get(type);
  if (!base || base.key !== key) {
    const state = new IncrementalNetworkReach(
      network.graph,
      edgeIndexOf(network.graph),
      open.map(toXY),
      points.map(toXY),
      WALKING_METRES_PER_SECOND,
      cutoffSeconds,
    );
    base = { key, state };
    byType.set(type, base);
  }
  const s = base.state.copy();
  const removed = new Set(changes.flatMap((c) => (c.kind === 'removeFacility' ? [c.facilityId] : [])));
  let addedCount = 0;
  for (const c of changes) {
    if (c.kind !== 'addFacility') continue;
    const id = addedFacilityId(addedCount++);
    if (c.type === type && !removed.has(id)) s.add(toXY(c));
  }
  // Baseline slots follow the order of `open` (the constructor's facility list).
  open.forEach((f, slot) => {
    if (removed.has(f.id)) s.remove(slot);
  });
  return s.reachSeconds();
}
