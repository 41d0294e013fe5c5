/**
 * The walking network as a compressed sparse row (CSR) graph in typed arrays.
 *
 * Why CSR and not objects: a city network has about a million nodes and several million arcs; as
 * parallel typed arrays it is a few tens of megabytes, has no per-node garbage-collector cost, can be
 * written to and read from a file as raw bytes, and a search walks memory in order (the arcs of node
 * `u` are `targets[offsets[u] .. offsets[u+1])`). Costs are integer seconds so the searches can use a
 * bucket queue instead of a heap.
 *
 * Contract: node ids are 0..nodeCount-1; `x`, `y` are projected metres; every undirected edge is
 * stored as two arcs; `costs[a]` is the walking time of arc `a` in whole seconds, 0..MAX_ARC_SECONDS.
 */
import { FuwuError, invalidField } from '../shared/errors.ts';

export interface WalkGraph {
  readonly nodeCount: number;
  /** Projected easting of each node, metres. */
  readonly x: Float64Array;
  /** Projected northing of each node, metres. */
  readonly y: Float64Array;
  /** Arc range of node u is offsets[u] .. offsets[u+1]; length nodeCount + 1. */
  readonly offsets: Uint32Array;
  /** Head node of each arc. */
  readonly targets: Uint32Array;
  /** Walking time of each arc, integer seconds. */
  readonly costs: Uint32Array;
}

export interface WalkNode {
  x: number;
  y: number;
}

export interface WalkEdge {
  from: number;
  to: number;
  seconds: number;
}

/**
 * Longest single arc, in seconds (about 18 hours). The bucket queue keeps a ring of
 * (longest arc + 1) buckets, so this bounds its size; no walking edge comes near it.
 */
export const MAX_ARC_SECONDS = 65_535;

/** Most nodes a graph may have: ids must fit in an Int32 (source indices and queue links are Int32). */
export const MAX_NODES = 0x7fff_ffff;

/** Builds a graph from node coordinates and undirected edges (each becomes two arcs). */
export function buildGraph(nodes: readonly WalkNode[], edges: readonly WalkEdge[]): WalkGraph {
  const n = nodes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  nodes.forEach((node, i) => {
    x[i] = node.x;
    y[i] = node.y;
  });
  const m = edges.length;
  const from = new Uint32Array(m);
  const to = new Uint32Array(m);
  const seconds = new Uint32Array(m);
  edges.forEach((e, i) => {
    // Checked here, before the cast into Uint32 would silently wrap a bad value.
    checkEdge(e.from, e.to, e.seconds, n, i);
    from[i] = e.from;
    to[i] = e.to;
    seconds[i] = e.seconds;
  });
  return buildGraphFromArrays(x, y, from, to, seconds);
}

/**
 * Builds a graph from parallel arrays of undirected edges (from[i], to[i], seconds[i]); the form the
 * synthetic generator and importers use, as a million `{from,to,seconds}` objects would be slow.
 * The coordinate arrays are kept, not copied.
 */
export function buildGraphFromArrays(
  x: Float64Array,
  y: Float64Array,
  from: Uint32Array,
  to: Uint32Array,
  seconds: Uint32Array,
): WalkGraph {
  const n = x.length;
  if (y.length !== n) {
    throw invalidField(
      'y',
      `长度 ${y.length} 与 x 的长度 ${n} 不一致`,
      `length ${y.length} differs from x (${n})`,
    );
  }
  if (n > MAX_NODES) {
    throw invalidField('nodes', `节点过多：${n}`, `too many nodes: ${n} (at most ${MAX_NODES})`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) {
      throw invalidField(
        `nodes[${i}]`,
        '坐标必须是有限数（米）',
        'coordinates must be finite numbers (metres)',
      );
    }
  }
  const m = from.length;
  if (to.length !== m || seconds.length !== m) {
    throw invalidField(
      'edges',
      '起点、终点与耗时数组长度不一致',
      'from, to and seconds arrays differ in length',
    );
  }
  const degree = new Uint32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const a = from[i]!;
    const b = to[i]!;
    checkEdge(a, b, seconds[i]!, n, i);
    degree[a + 1]!++;
    degree[b + 1]!++;
  }
  const arcCount = 2 * m;
  if (arcCount > 0xffff_ffff) {
    throw invalidField('edges', `边过多：${m}`, `too many edges: ${m}`);
  }
  const offsets = new Uint32Array(n + 1);
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u]! + degree[u + 1]!;
  const fill = offsets.slice(0, n);
  const targets = new Uint32Array(arcCount);
  const costs = new Uint32Array(arcCount);
  for (let i = 0; i < m; i++) {
    const a = from[i]!;
    const b = to[i]!;
    const s = seconds[i]!;
    let p = fill[a]!++;
    targets[p] = b;
    costs[p] = s;
    p = fill[b]!++;
    targets[p] = a;
    costs[p] = s;
  }
  return { nodeCount: n, x, y, offsets, targets, costs };
}

function checkEdge(a: number, b: number, s: number, n: number, i: number): void {
  for (const [name, v] of [
    ['from', a],
    ['to', b],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw invalidField(
        `edges[${i}].${name}`,
        `节点编号必须是 0 到 ${n - 1} 之间的整数，实际为 ${v}`,
        `node id must be an integer from 0 to ${n - 1}, got ${v}`,
      );
    }
  }
  if (a === b) {
    throw invalidField(
      `edges[${i}]`,
      `自环边（节点 ${a}）`,
      `self-loop at node ${a}: an edge must join two nodes`,
    );
  }
  if (!Number.isInteger(s) || s < 0 || s > MAX_ARC_SECONDS) {
    throw invalidField(
      `edges[${i}].seconds`,
      `步行时间必须是 0 到 ${MAX_ARC_SECONDS} 之间的整数秒，实际为 ${s}`,
      `walking time must be whole seconds from 0 to ${MAX_ARC_SECONDS}, got ${s}`,
    );
  }
}

/** Longest arc of the graph, seconds: sizes the bucket queue's ring. */
export function maxArcSeconds(graph: WalkGraph): number {
  let max = 0;
  const c = graph.costs;
  for (let i = 0; i < c.length; i++) if (c[i]! > max) max = c[i]!;
  return max;
}

/**
 * Checks that arrays from outside (a file, a worker) form a well-shaped graph: lengths agree, offsets
 * rise from 0 to the arc count, targets are node ids, costs are in range. O(nodes + arcs).
 */
export function checkGraphShape(graph: WalkGraph): void {
  const { nodeCount: n, x, y, offsets, targets, costs } = graph;
  const bad = (en: string, zh: string) =>
    new FuwuError('invalid_input', `路网结构无效：${zh}`, `invalid network: ${en}`);
  if (x.length !== n || y.length !== n || offsets.length !== n + 1)
    throw bad('array lengths', '数组长度不符');
  if (targets.length !== costs.length) throw bad('targets and costs differ in length', '目标与耗时长度不符');
  if (offsets[0] !== 0 || offsets[n] !== targets.length)
    throw bad('offsets do not span the arcs', '偏移量不覆盖全部弧');
  for (let u = 0; u < n; u++)
    if (offsets[u]! > offsets[u + 1]!) throw bad(`offsets fall at node ${u}`, `偏移量在节点 ${u} 处下降`);
  // Locals, and one branch per arc in the loop: it runs over every arc on every load (under tsx an
  // imported constant is read through a getter).
  const maxCost = MAX_ARC_SECONDS;
  const arcs = targets.length;
  for (let a = 0; a < arcs; a++) {
    if (targets[a]! >= n || costs[a]! > maxCost) {
      if (targets[a]! >= n) throw bad(`arc ${a} points outside the graph`, `弧 ${a} 指向图外`);
      throw bad(`arc ${a} is too long`, `弧 ${a} 耗时过长`);
    }
  }
}
