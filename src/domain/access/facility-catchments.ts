/**
 * Each facility's own catchment: the nodes within a walking time of it and the population on them,
 * by one bounded search per facility (catchments overlap; for non-overlapping areas of
 * responsibility see `catchments` in coverage.ts).
 *
 * The searches run in the order of the facilities' nodes (see byNode in sources.ts), each result at its facility's index.
 *
 * Why a range and caller-owned outputs: the kernel is the unit a worker thread runs on its share of
 * the facilities, writing into shared arrays; one thread runs the whole range.
 */
import type { WalkGraph } from './graph.ts';
import type { IsochroneWorkspace } from './isochrone.ts';
import { createIsochroneWorkspace, searchWithin } from './isochrone.ts';
import type { Source } from './sources.ts';
import { byNode, toCutoff, toSourceArrays } from './sources.ts';
import { invalidField } from '../shared/errors.ts';

export interface FacilityCatchments {
  /** Nodes within the budget of each facility (its own node included when its offset fits). */
  reached: Uint32Array;
  /** Population on those nodes. */
  population: Float64Array;
  /** Arcs examined by all the searches. */
  scannedArcs: number;
}

/**
 * Catchments of facilities `from .. to-1` (nodes and door-to-node offsets, validated by the caller)
 * into `reachedOut` and `populationOut` at the same indices; returns the arcs examined.
 */
export function facilityCatchmentsInto(
  ws: IsochroneWorkspace,
  nodes: Uint32Array,
  offsets: Uint32Array,
  budgetSeconds: number,
  population: Float64Array,
  from: number,
  to: number,
  reachedOut: Uint32Array,
  populationOut: Float64Array,
): number {
  const reached = ws.reached;
  let scanned = 0;
  for (const j of byNode(nodes, from, to)) {
    const off = offsets[j]!;
    if (off > budgetSeconds) {
      reachedOut[j] = 0;
      populationOut[j] = 0;
      continue;
    }
    const count = searchWithin(ws, nodes[j]!, budgetSeconds - off);
    scanned += ws.scannedArcs;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += population[reached[k]!]!;
    reachedOut[j] = count;
    populationOut[j] = sum;
  }
  return scanned;
}

/** The catchment of every facility within `budgetSeconds` (door to node included), one thread. */
export function facilityCatchments(
  graph: WalkGraph,
  facilities: readonly Source[] | Uint32Array,
  budgetSeconds: number,
  population: Float64Array,
  workspace?: IsochroneWorkspace,
): FacilityCatchments {
  const src = toSourceArrays(facilities, graph.nodeCount);
  const budget = toCutoff(budgetSeconds);
  if (population.length !== graph.nodeCount) {
    throw invalidField(
      'population',
      `长度 ${population.length} 与节点数 ${graph.nodeCount} 不一致`,
      `length ${population.length} differs from the node count (${graph.nodeCount})`,
    );
  }
  const ws = workspace && workspace.graph === graph ? workspace : createIsochroneWorkspace(graph);
  const count = src.nodes.length;
  const reached = new Uint32Array(count);
  const pop = new Float64Array(count);
  const scannedArcs = facilityCatchmentsInto(
    ws,
    src.nodes,
    src.offsets,
    budget,
    population,
    0,
    count,
    reached,
    pop,
  );
  return { reached, population: pop, scannedArcs };
}
