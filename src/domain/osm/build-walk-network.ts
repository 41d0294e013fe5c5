/**
 * The walking graph from parsed OSM nodes and ways (issue 3 §2).
 *
 * - Only walkable ways (walkable.ts) contribute, and only the nodes they use become graph nodes
 *   (every node of such a way, not only junctions: no degree-2 contraction yet, so the geometry is
 *   exactly the ways' polylines).
 * - Each pair of consecutive way nodes is one undirected edge; its length is the haversine distance
 *   between them and its cost `round(length / speed)` whole seconds. There is no 1-second minimum:
 *   rounding is unbiased, while a minimum would lengthen every short segment (dense curves would be
 *   slowed). Two consecutive refs to the same node are skipped. A ref to a node absent from the data
 *   (a way cut at the extract's edge) splits the way there: the pieces either side are kept, and the
 *   missing refs are counted.
 * - Node coordinates are projected to metres with an equirectangular projection centred on the middle
 *   of the kept nodes' bounding box.
 * - With `reorder`, nodes are renumbered along a Hilbert curve (reorderForLocality) and `osmNodeIds`
 *   follows the new numbering.
 */
import type { WalkGraph } from '../access/graph.ts';
import { MAX_ARC_SECONDS, buildGraphFromArrays } from '../access/graph.ts';
import { reorderForLocality } from '../access/reorder.ts';
import type { LocalProjection } from '../geo/projection.ts';
import { createLocalProjection, haversineMetres } from '../geo/projection.ts';
import { invalidField } from '../shared/errors.ts';
import type { OsmData, OsmNode, OsmWay } from './osm-xml.ts';
import type { ExclusionReason } from './walkable.ts';
import { EXCLUSION_REASONS, walkability } from './walkable.ts';

export const DEFAULT_WALK_SPEED_MPS = 1.2;

export interface BuildWalkNetworkOptions {
  /** Walking speed, metres per second (default 1.2). */
  speedMps?: number;
  /** Renumber nodes for memory locality (default false). */
  reorder?: boolean;
}

export interface WalkNetworkStats {
  /** Ways in the input. */
  ways: number;
  walkableWays: number;
  /** Nodes in the input. */
  inputNodes: number;
  /** Graph nodes (nodes used by walkable ways). */
  nodes: number;
  /** Undirected edges of the graph. */
  edges: number;
  /** Sum of edge lengths, metres. */
  totalLengthMetres: number;
  excludedByTag: Record<ExclusionReason, number>;
  /** Refs of walkable ways to nodes missing from the data. */
  missingNodeRefs: number;
}

export interface WalkNetwork {
  graph: WalkGraph;
  /** OSM id of each graph node (exact: OSM ids are below 2^53). */
  osmNodeIds: Float64Array;
  /** The projection of the graph's x/y. */
  projection: LocalProjection;
  stats: WalkNetworkStats;
}

export function checkSpeed(speedMps: number): number {
  if (!Number.isFinite(speedMps) || speedMps <= 0) {
    throw invalidField(
      'speedMps',
      `步行速度必须是正数（米/秒），实际为 ${speedMps}`,
      `walking speed must be a positive number of metres per second, got ${speedMps}`,
    );
  }
  return speedMps;
}

/** Builds the walking graph; see the module comment for the rules. */
export function buildWalkNetwork(
  data: { nodes: readonly OsmNode[]; ways: readonly OsmWay[] } | OsmData,
  options: BuildWalkNetworkOptions = {},
): WalkNetwork {
  const speed = checkSpeed(options.speedMps ?? DEFAULT_WALK_SPEED_MPS);
  const byId = new Map<number, OsmNode>();
  for (const n of data.nodes) byId.set(n.id, n);

  const excludedByTag = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
    ExclusionReason,
    number
  >;
  const index = new Map<number, number>(); // OSM id → graph node
  const ids: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const lengths: number[] = [];
  let walkableWays = 0;
  let missingNodeRefs = 0;
  const nodeOf = (n: OsmNode) => {
    let k = index.get(n.id);
    if (k === undefined) {
      k = ids.length;
      index.set(n.id, k);
      ids.push(n.id);
    }
    return k;
  };

  for (const way of data.ways) {
    const w = walkability(way.tags);
    if (!w.walkable) {
      excludedByTag[w.reason]++;
      continue;
    }
    walkableWays++;
    let prev: OsmNode | undefined;
    for (const ref of way.refs) {
      const cur = byId.get(ref);
      if (cur === undefined) {
        missingNodeRefs++;
        prev = undefined;
        continue;
      }
      if (prev !== undefined && prev.id !== cur.id) {
        from.push(nodeOf(prev));
        to.push(nodeOf(cur));
        lengths.push(haversineMetres([prev.lon, prev.lat], [cur.lon, cur.lat]));
      }
      prev = cur;
    }
  }

  const n = ids.length;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const id of ids) {
    const p = byId.get(id)!;
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
  }
  const projection = createLocalProjection(n === 0 ? [0, 0] : [(minLon + maxLon) / 2, (minLat + maxLat) / 2]);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  ids.forEach((id, k) => {
    const p = byId.get(id)!;
    [x[k], y[k]] = projection.toMetres([p.lon, p.lat]);
  });
  const m = from.length;
  const seconds = new Uint32Array(m);
  let totalLengthMetres = 0;
  for (let e = 0; e < m; e++) {
    const s = Math.round(lengths[e]! / speed);
    if (s > MAX_ARC_SECONDS) {
      throw invalidField(
        'ways',
        `节点 ${ids[from[e]!]} 与 ${ids[to[e]!]} 之间的路段过长（${Math.round(lengths[e]!)} 米）`,
        `segment between nodes ${ids[from[e]!]} and ${ids[to[e]!]} is too long (${Math.round(lengths[e]!)} m)`,
      );
    }
    seconds[e] = s;
    totalLengthMetres += lengths[e]!;
  }
  let graph = buildGraphFromArrays(x, y, Uint32Array.from(from), Uint32Array.from(to), seconds);
  let osmNodeIds = Float64Array.from(ids);
  if (options.reorder === true) {
    const r = reorderForLocality(graph);
    graph = r.graph;
    const old = osmNodeIds;
    osmNodeIds = new Float64Array(n);
    for (let k = 0; k < n; k++) osmNodeIds[k] = old[r.newToOld[k]!]!;
  }
  return {
    graph,
    osmNodeIds,
    projection,
    stats: {
      ways: data.ways.length,
      walkableWays,
      inputNodes: data.nodes.length,
      nodes: n,
      edges: m,
      totalLengthMetres,
      excludedByTag,
      missingNodeRefs,
    },
  };
}
