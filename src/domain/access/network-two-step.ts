/**
 * Capacity-aware accessibility over the walking network: 2SFCA, and E2SFCA with distance-decay zones,
 * with walking times instead of straight-line metres (two-step.ts is the straight-line form).
 *
 * A point's time from a facility is the facility's offset (door to network) + the network time from
 * the facility's node to the point's node + the point's offset (network to door), whole seconds.
 * Step 1: one bounded search per facility (the catchment: the longest zone) collects the demand it
 * serves, weighted by zone; its ratio is supply / weighted demand (0 when there is no demand).
 * Step 2: each point sums weight × ratio over the facilities whose catchment holds it.
 *
 * Why the (point, zone) pairs are kept from step 1: step 2 needs exactly the same pairs, and keeping
 * them (about a thousand per facility in a city) costs a few bytes each where searching again would
 * double the run time. Demand is summed per zone and weighted once per facility, and accessibility is
 * summed in facility order, so the result does not depend on the order a search reaches the nodes.
 */
import type { WalkGraph } from './graph.ts';
import { createIsochroneWorkspace, searchWithin } from './isochrone.ts';
import type { IsochroneWorkspace } from './isochrone.ts';
import type { Source } from './sources.ts';
import { byNode, toSourceArrays } from './sources.ts';
import type { DecayZone } from './two-step.ts';
import { invalidField } from '../shared/errors.ts';

/** Demand points on the network: node, seconds from the node to the point, and demand (e.g. children 0–2). */
export interface DemandPoints {
  nodes: Uint32Array;
  /** Seconds from the point to its node (whole seconds). */
  offsets: Uint32Array;
  demand: Float64Array;
}

/**
 * Reusable state on one graph: the search workspace and the pair buffers, which grow to the run's
 * size once (a city-wide E2SFCA keeps millions of pairs; allocating them afresh on every run costs
 * more than filling them).
 */
export interface TwoStepWorkspace {
  readonly search: IsochroneWorkspace;
  pairPoint: Uint32Array;
  pairZone: Int16Array;
}

export function createTwoStepWorkspace(graph: WalkGraph): TwoStepWorkspace {
  return {
    search: createIsochroneWorkspace(graph),
    pairPoint: new Uint32Array(1 << 16),
    pairZone: new Int16Array(1 << 16),
  };
}

/** Longest catchment accepted, seconds (about 11.5 days): the zone table has one entry per second. */
export const MAX_CATCHMENT_SECONDS = 1_000_000;

/** Zone index of each whole second 0..reach (-1 where no zone, or the zone's weight is 0), and the reach. */
export function zoneTable(zones: readonly DecayZone[]): { zoneOf: Int16Array; reach: number } {
  if (zones.length > 0x7fff) {
    throw invalidField('zones', `距离衰减分区过多：${zones.length}`, `too many zones: ${zones.length}`);
  }
  let reach = -1;
  zones.forEach((z, i) => {
    if (!(z.upTo >= 0) || z.upTo > MAX_CATCHMENT_SECONDS) {
      throw invalidField(
        `zones[${i}].upTo`,
        `分区上限必须是 0 到 ${MAX_CATCHMENT_SECONDS} 之间的秒数，实际为 ${z.upTo}`,
        `zone limit must be seconds from 0 to ${MAX_CATCHMENT_SECONDS}, got ${z.upTo}`,
      );
    }
    if (!(z.weight >= 0) || !Number.isFinite(z.weight)) {
      throw invalidField(
        `zones[${i}].weight`,
        `权重必须是非负有限数，实际为 ${z.weight}`,
        `weight must be a non-negative finite number, got ${z.weight}`,
      );
    }
    reach = Math.max(reach, Math.floor(z.upTo));
  });
  const zoneOf = new Int16Array(Math.max(0, reach + 1)).fill(-1);
  // The first zone whose limit holds a time gives its weight (as in two-step.ts).
  for (let d = 0; d <= reach; d++) {
    for (let z = 0; z < zones.length; z++) {
      if (d <= zones[z]!.upTo) {
        if (zones[z]!.weight > 0) zoneOf[d] = z;
        break;
      }
    }
  }
  return { zoneOf, reach };
}

/** Points grouped by node (a CSR over nodes): the points of node v are pointsOf[start[v] .. start[v+1]). */
function groupPointsByNode(
  nodes: Uint32Array,
  nodeCount: number,
): { start: Uint32Array; pointsOf: Uint32Array } {
  const start = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < nodes.length; i++) start[nodes[i]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, nodeCount);
  const pointsOf = new Uint32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) pointsOf[fill[nodes[i]!]!++] = i;
  return { start, pointsOf };
}

function checkInputs(
  graph: WalkGraph,
  facilityCount: number,
  supply: Float64Array,
  points: DemandPoints,
): void {
  if (supply.length !== facilityCount) {
    throw invalidField(
      'supply',
      `长度 ${supply.length} 与设施数 ${facilityCount} 不一致`,
      `length ${supply.length} differs from the facility count (${facilityCount})`,
    );
  }
  for (let j = 0; j < supply.length; j++) {
    const s = supply[j]!;
    if (!(s >= 0) || !Number.isFinite(s)) {
      throw invalidField(
        `supply[${j}]`,
        `供给必须是非负有限数，实际为 ${s}`,
        `supply must be a non-negative finite number, got ${s}`,
      );
    }
  }
  const { nodes, offsets, demand } = points;
  if (offsets.length !== nodes.length || demand.length !== nodes.length) {
    throw invalidField(
      'points',
      '节点、接入时间与需求数组长度不一致',
      'nodes, offsets and demand arrays differ in length',
    );
  }
  const n = graph.nodeCount;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i]! >= n) {
      throw invalidField(
        `points.nodes[${i}]`,
        `节点编号必须小于 ${n}，实际为 ${nodes[i]}`,
        `node id must be below ${n}, got ${nodes[i]}`,
      );
    }
    const d = demand[i]!;
    if (!(d >= 0) || !Number.isFinite(d)) {
      throw invalidField(
        `points.demand[${i}]`,
        `需求必须是非负有限数，实际为 ${d}`,
        `demand must be a non-negative finite number, got ${d}`,
      );
    }
  }
}

/**
 * 2SFCA (one zone of weight 1) or E2SFCA (several zones) over the network. `zones[].upTo` is in
 * seconds; a pair (facility, point) takes the weight of the first zone whose limit holds its time.
 */
export function networkTwoStep(
  graph: WalkGraph,
  facilities: readonly Source[],
  supply: Float64Array,
  points: DemandPoints,
  zones: readonly DecayZone[],
  /** Optional reusable workspace on the same graph. */
  workspace?: TwoStepWorkspace,
): { accessibility: Float64Array; ratio: Float64Array } {
  const n = graph.nodeCount;
  const src = toSourceArrays(facilities, n);
  checkInputs(graph, src.nodes.length, supply, points);
  const { zoneOf, reach } = zoneTable(zones);
  const zoneCount = zones.length;
  const weights = new Float64Array(zoneCount);
  for (let z = 0; z < zoneCount; z++) weights[z] = zones[z]!.weight;
  const facilityCount = src.nodes.length;
  const pointCount = points.nodes.length;
  const ratio = new Float64Array(facilityCount);
  const accessibility = new Float64Array(pointCount);
  if (facilityCount === 0 || pointCount === 0 || reach < 0 || n === 0) return { accessibility, ratio };

  const { start, pointsOf } = groupPointsByNode(points.nodes, n);
  const pointOffset = points.offsets;
  const demand = points.demand;
  const tw = workspace && workspace.search.graph === graph ? workspace : createTwoStepWorkspace(graph);
  const ws = tw.search;

  // Pairs of step 1, kept for step 2: facility j's pairs are pairPoint/pairZone[pairStart[j] .. pairEnd[j]).
  let pairPoint = tw.pairPoint;
  let pairZone = tw.pairZone;
  const pairStart = new Float64Array(facilityCount);
  const pairEnd = new Float64Array(facilityCount);
  let pairs = 0;
  const zoneDemand = new Float64Array(zoneCount);

  // Step 1 searches in the order of the facilities' nodes (cache reuse between neighbours, see
  // byNode); each facility's pairs are one run of the buffers, and step 2 reads them in index order.
  for (const j of byNode(src.nodes, 0, facilityCount)) {
    pairStart[j] = pairs;
    const off = src.offsets[j]!;
    zoneDemand.fill(0);
    if (off <= reach) {
      const count = searchWithin(ws, src.nodes[j]!, reach - off);
      const reached = ws.reached;
      const dist = ws.dist;
      for (let k = 0; k < count; k++) {
        const v = reached[k]!;
        const end = start[v + 1]!;
        const t = off + dist[v]!;
        for (let p = start[v]!; p < end; p++) {
          const i = pointsOf[p]!;
          const d = t + pointOffset[i]!;
          if (d > reach) continue;
          const z = zoneOf[d]!;
          if (z < 0) continue;
          zoneDemand[z]! += demand[i]!;
          if (pairs === pairPoint.length) {
            const grownPoint = new Uint32Array(2 * pairs);
            grownPoint.set(pairPoint);
            pairPoint = grownPoint;
            const grownZone = new Int16Array(2 * pairs);
            grownZone.set(pairZone);
            pairZone = grownZone;
          }
          pairPoint[pairs] = i;
          pairZone[pairs] = z;
          pairs++;
        }
      }
    }
    let weighted = 0;
    for (let z = 0; z < zoneCount; z++) weighted += weights[z]! * zoneDemand[z]!;
    ratio[j] = weighted > 0 ? supply[j]! / weighted : 0;
    pairEnd[j] = pairs;
  }
  tw.pairPoint = pairPoint;
  tw.pairZone = pairZone;

  const contribution = new Float64Array(zoneCount);
  for (let j = 0; j < facilityCount; j++) {
    const r = ratio[j]!;
    if (r === 0) continue;
    for (let z = 0; z < zoneCount; z++) contribution[z] = weights[z]! * r;
    const end = pairEnd[j]!;
    for (let p = pairStart[j]!; p < end; p++) accessibility[pairPoint[p]!]! += contribution[pairZone[p]!]!;
  }
  return { accessibility, ratio };
}
