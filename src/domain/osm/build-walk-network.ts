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
 *
 * Large extracts stream through WalkNetworkBuilder: ways first (walkable ways' refs kept in typed
 * arrays), then nodes (only the coordinates of nodes those ways use are kept), then the graph, built
 * in steps so a caller can report progress and yield between them. buildWalkNetwork is the same
 * builder fed from arrays, so every reader (XML, PBF, streamed or not) builds the identical graph.
 */
import type { WalkGraph } from '../access/graph.ts';
import { MAX_ARC_SECONDS, buildGraphFromArrays } from '../access/graph.ts';
import { reorderForLocality } from '../access/reorder.ts';
import type { LocalProjection } from '../geo/projection.ts';
import { createLocalProjection, haversineMetres } from '../geo/projection.ts';
import { invalidField } from '../shared/errors.ts';
import { GrowableFloat64, GrowableUint32 } from './growable.ts';
import type { OsmData, OsmNode, OsmTags, OsmWay } from './osm-xml.ts';
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

/** Progress of the graph step: walkable ways turned into edges so far. */
export interface BuildProgress {
  done: number;
  total: number;
}

/** Ways between two progress reports of the graph step. */
const WAYS_PER_STEP = 50_000;

function sortedUnique(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  }
  return sorted.slice(0, n);
}

/** Index of `id` in the sorted `ids`, or -1. */
function search(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Builds the walking network from a stream of OSM elements: call addWay for every way, then addNode
 * for every node (nodes before ways are refused: the builder must know which nodes it needs), then
 * run build() to the end (a generator yielding progress; its return value is the network).
 */
export class WalkNetworkBuilder {
  private readonly speed: number;
  private ways = 0;
  private walkableWays = 0;
  private inputNodes = 0;
  private readonly excludedByTag = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
    ExclusionReason,
    number
  >;
  /** Refs of walkable ways, one after another, until the nodes start. */
  private refs: GrowableFloat64 | null = new GrowableFloat64();
  /** End (exclusive) of each walkable way's refs. */
  private readonly wayEnds = new GrowableUint32();
  /** Sorted unique ids of the nodes walkable ways use (set when the nodes start). */
  private needed: Float64Array | null = null;
  /** Each ref as an index into `needed`. */
  private refIndex: Uint32Array | null = null;
  private lat: Float64Array | null = null;
  private lon: Float64Array | null = null;
  private present: Uint8Array | null = null;

  constructor(options: { speedMps?: number } = {}) {
    this.speed = checkSpeed(options.speedMps ?? DEFAULT_WALK_SPEED_MPS);
  }

  addWay(_id: number, refs: ArrayLike<number>, tags: OsmTags): void {
    if (this.refs === null) throw new Error('WalkNetworkBuilder: ways must come before nodes');
    this.ways++;
    const w = walkability(tags);
    if (!w.walkable) {
      this.excludedByTag[w.reason]++;
      return;
    }
    this.walkableWays++;
    for (let i = 0; i < refs.length; i++) this.refs.push(refs[i]!);
    this.wayEnds.push(this.refs.length);
  }

  /** Ends the ways: from here on only nodes. Called by the first addNode if not before. */
  sealWays(): void {
    if (this.refs === null) return;
    const refs = this.refs.view();
    const needed = sortedUnique(refs);
    const refIndex = new Uint32Array(refs.length);
    for (let i = 0; i < refs.length; i++) refIndex[i] = search(needed, refs[i]!);
    this.refs = null;
    this.needed = needed;
    this.refIndex = refIndex;
    this.lat = new Float64Array(needed.length);
    this.lon = new Float64Array(needed.length);
    this.present = new Uint8Array(needed.length);
  }

  /** Whether a node with this id is used by a walkable way (after sealWays). */
  needs(id: number): boolean {
    this.sealWays();
    return search(this.needed!, id) >= 0;
  }

  addNode(id: number, lat: number, lon: number): void {
    this.sealWays();
    this.inputNodes++;
    const k = search(this.needed!, id);
    if (k < 0) return;
    // A repeated id: the last one wins.
    this.lat![k] = lat;
    this.lon![k] = lon;
    this.present![k] = 1;
  }

  /** Builds the graph (not reordered), yielding progress every few tens of thousands of ways. */
  *build(): Generator<BuildProgress, WalkNetwork> {
    this.sealWays();
    const refIndex = this.refIndex!;
    const lat = this.lat!;
    const lon = this.lon!;
    const present = this.present!;
    const needed = this.needed!;
    const graphIndex = new Int32Array(needed.length).fill(-1);
    const nodeNeeded = new GrowableUint32(); // graph node → index into needed
    const from = new GrowableUint32();
    const to = new GrowableUint32();
    const lengths = new GrowableFloat64();
    let missingNodeRefs = 0;
    const nodeOf = (k: number) => {
      let g = graphIndex[k]!;
      if (g < 0) {
        g = nodeNeeded.length;
        graphIndex[k] = g;
        nodeNeeded.push(k);
      }
      return g;
    };
    const wayCount = this.wayEnds.length;
    let start = 0;
    for (let w = 0; w < wayCount; w++) {
      if (w % WAYS_PER_STEP === 0) yield { done: w, total: wayCount };
      const end = this.wayEnds.get(w);
      let prev = -1;
      for (let r = start; r < end; r++) {
        const k = refIndex[r]!;
        if (present[k] === 0) {
          missingNodeRefs++;
          prev = -1;
          continue;
        }
        if (prev >= 0 && prev !== k) {
          from.push(nodeOf(prev));
          to.push(nodeOf(k));
          lengths.push(haversineMetres([lon[prev]!, lat[prev]!], [lon[k]!, lat[k]!]));
        }
        prev = k;
      }
      start = end;
    }
    yield { done: wayCount, total: wayCount };

    const n = nodeNeeded.length;
    const kept = nodeNeeded.view();
    let minLat = Infinity;
    let maxLat = -Infinity;
    let minLon = Infinity;
    let maxLon = -Infinity;
    for (let g = 0; g < n; g++) {
      const k = kept[g]!;
      minLat = Math.min(minLat, lat[k]!);
      maxLat = Math.max(maxLat, lat[k]!);
      minLon = Math.min(minLon, lon[k]!);
      maxLon = Math.max(maxLon, lon[k]!);
    }
    const projection = createLocalProjection(
      n === 0 ? [0, 0] : [(minLon + maxLon) / 2, (minLat + maxLat) / 2],
    );
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const osmNodeIds = new Float64Array(n);
    for (let g = 0; g < n; g++) {
      const k = kept[g]!;
      [x[g], y[g]] = projection.toMetres([lon[k]!, lat[k]!]);
      osmNodeIds[g] = needed[k]!;
    }
    const m = from.length;
    const fromV = from.view();
    const toV = to.view();
    const lengthV = lengths.view();
    const seconds = new Uint32Array(m);
    let totalLengthMetres = 0;
    for (let e = 0; e < m; e++) {
      const s = Math.round(lengthV[e]! / this.speed);
      if (s > MAX_ARC_SECONDS) {
        const a = osmNodeIds[fromV[e]!];
        const b = osmNodeIds[toV[e]!];
        const metres = Math.round(lengthV[e]!);
        throw invalidField(
          'ways',
          `节点 ${a} 与 ${b} 之间的路段过长（${metres} 米）`,
          `segment between nodes ${a} and ${b} is too long (${metres} m)`,
        );
      }
      seconds[e] = s;
      totalLengthMetres += lengthV[e]!;
    }
    const graph = buildGraphFromArrays(x, y, fromV.slice(), toV.slice(), seconds);
    return {
      graph,
      osmNodeIds,
      projection,
      stats: {
        ways: this.ways,
        walkableWays: this.walkableWays,
        inputNodes: this.inputNodes,
        nodes: n,
        edges: m,
        totalLengthMetres,
        excludedByTag: { ...this.excludedByTag },
        missingNodeRefs,
      },
    };
  }
}

/** Runs a builder's graph step to the end without progress. */
export function finishBuild(builder: WalkNetworkBuilder): WalkNetwork {
  const steps = builder.build();
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/** Renumbers the nodes along a Hilbert curve; `osmNodeIds` follows. */
export function reorderWalkNetwork(network: WalkNetwork): WalkNetwork {
  const r = reorderForLocality(network.graph);
  const n = network.graph.nodeCount;
  const osmNodeIds = new Float64Array(n);
  for (let k = 0; k < n; k++) osmNodeIds[k] = network.osmNodeIds[r.newToOld[k]!]!;
  return { ...network, graph: r.graph, osmNodeIds };
}

/** Builds the walking graph; see the module comment for the rules. */
export function buildWalkNetwork(
  data: { nodes: readonly OsmNode[]; ways: readonly OsmWay[] } | OsmData,
  options: BuildWalkNetworkOptions = {},
): WalkNetwork {
  const builder = new WalkNetworkBuilder(options);
  for (const w of data.ways) builder.addWay(w.id, w.refs, w.tags);
  builder.sealWays();
  for (const n of data.nodes) builder.addNode(n.id, n.lat, n.lon);
  const network = finishBuild(builder);
  return options.reorder === true ? reorderWalkNetwork(network) : network;
}
