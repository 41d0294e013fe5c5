/**
 * A seeded, city-like walking network for tests, the demo and the bench (issue 3 §2, §4).
 *
 * Shape: a grid of blocks with jittered corners; a share of the street segments removed at random
 * (dead ends, superblocks); diagonal arterials every few dozen blocks in both directions; a river that
 * meanders across the city from west to east, crossed only at a few bridges. Walking cost is the
 * straight length of each segment at `walkMetresPerSecond`, rounded to whole seconds (at least 1).
 *
 * Guarantee: the network is connected (one component), for any node count ≥ 1. Removed segments are
 * put back where needed to join components (random removals first, then extra river crossings), so
 * the share removed is at most the requested share and the river has at least the requested bridges
 * plus whatever joining takes (none, except on very small or narrow grids).
 *
 * Node ids run row by row (west to east, south to north) unless `shuffleIds` is set, which permutes
 * them at random as raw OpenStreetMap ids would be: the same network, in an order with no locality.
 */
import { invalidField } from '../shared/errors.ts';
import { createRandom } from '../shared/random.ts';
import type { WalkGraph } from './graph.ts';
import { buildGraphFromArrays } from './graph.ts';

export interface SyntheticNetworkOptions {
  /** Exact number of nodes. */
  nodeCount: number;
  seed: number;
  /** Block side, metres; default 50 (a 15-minute walk then reaches about a thousand nodes). */
  spacingMetres?: number;
  /** Share of grid segments removed at random, 0..0.5; default 0.15. */
  removedShare?: number;
  /** Blocks between diagonal arterials; default 30. */
  arterialEveryBlocks?: number;
  /** Bridges over the river; default one per 25 columns, at least 2. */
  bridges?: number;
  /** Walking speed, m/s; default 1.2. */
  walkMetresPerSecond?: number;
  /** Randomly permute node ids; default false. */
  shuffleIds?: boolean;
}

export interface SyntheticNetwork {
  graph: WalkGraph;
  columns: number;
  rows: number;
  /** River crossings in the network (requested bridges plus any added to keep it connected). */
  bridgeCount: number;
  /** Grid segments removed (after putting back those needed for connectivity). */
  removedSegments: number;
}

/** Generates the network; the same options give the same arrays on every machine. */
export function generateSyntheticNetwork(options: SyntheticNetworkOptions): SyntheticNetwork {
  const n = options.nodeCount;
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000) {
    throw invalidField(
      'nodeCount',
      `节点数必须是 1 到 50000000 之间的整数，实际为 ${n}`,
      `node count must be an integer from 1 to 50000000, got ${n}`,
    );
  }
  const spacing = options.spacingMetres ?? 50;
  const removedShare = options.removedShare ?? 0.15;
  const every = options.arterialEveryBlocks ?? 30;
  const speed = options.walkMetresPerSecond ?? 1.2;
  if (!(spacing > 0 && spacing <= 10_000))
    throw invalidField('spacingMetres', '必须在 0 到 10000 米之间', 'must be above 0 and at most 10000 m');
  if (!(removedShare >= 0 && removedShare <= 0.5))
    throw invalidField('removedShare', '必须在 0 到 0.5 之间', 'must be from 0 to 0.5');
  if (!Number.isInteger(every) || every < 2)
    throw invalidField('arterialEveryBlocks', '必须是不小于 2 的整数', 'must be an integer of at least 2');
  if (!(speed > 0)) throw invalidField('walkMetresPerSecond', '必须大于 0', 'must be above 0');
  const rand = createRandom(options.seed);

  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let id = 0; id < n; id++) {
    const c = id % cols;
    const r = (id - c) / cols;
    x[id] = (c + (rand() - 0.5) * 0.6) * spacing;
    y[id] = (r + (rand() - 0.5) * 0.6) * spacing;
  }

  // River: between rows riverRow[c] and riverRow[c] + 1 in column c, a sine around the middle.
  const riverRow = new Int32Array(cols);
  const phase = rand() * 2 * Math.PI;
  for (let c = 0; c < cols; c++) {
    riverRow[c] = Math.floor(rows / 2 + (rows / 8) * Math.sin(phase + (3 * Math.PI * c) / cols));
  }
  const north = (id: number) => Math.floor(id / cols) > riverRow[id % cols]!;
  const bridgeCount = Math.min(cols, options.bridges ?? Math.max(2, Math.round(cols / 25)));
  const isBridge = new Uint8Array(cols);
  const bridgeStart = rand();
  for (let b = 0; b < bridgeCount; b++)
    isBridge[Math.floor(((b + bridgeStart) * cols) / bridgeCount) % cols] = 1;

  // Upper bound on segments: 2 per node on the grid, 2 per node on arterials.
  const cap = 4 * n + 8;
  const from = new Uint32Array(cap);
  const to = new Uint32Array(cap);
  let m = 0;
  const spareFrom = new Uint32Array(cap);
  const spareTo = new Uint32Array(cap);
  let spare = 0;
  // Crossings: one vertical per column, plus horizontals where the river steps between rows.
  const riverFrom = new Uint32Array(2 * cols + 2 * rows + 8);
  const riverTo = new Uint32Array(2 * cols + 2 * rows + 8);
  let riverSpare = 0;

  const consider = (a: number, b: number, removable: boolean) => {
    if (north(a) !== north(b)) {
      // Only vertical segments at bridge columns cross; the rest are spare crossings for joining.
      const c = a % cols;
      if (b - a === cols && b % cols === c && isBridge[c] === 1) {
        from[m] = a;
        to[m++] = b;
      } else if (riverSpare < riverFrom.length && removable) {
        riverFrom[riverSpare] = a;
        riverTo[riverSpare++] = b;
      }
      return;
    }
    if (removable && rand() < removedShare) {
      spareFrom[spare] = a;
      spareTo[spare++] = b;
      return;
    }
    from[m] = a;
    to[m++] = b;
  };
  for (let id = 0; id < n; id++) {
    const c = id % cols;
    const r = (id - c) / cols;
    if (c + 1 < cols && id + 1 < n) consider(id, id + 1, true);
    if (id + cols < n) consider(id, id + cols, true);
    if (c + 1 < cols && (r - c) % every === 0 && id + cols + 1 < n) consider(id, id + cols + 1, false);
    if (c + 1 < cols && r > 0 && (r + c) % every === 0) consider(id, id - cols + 1, false);
  }
  const removedSegments = spare;

  // Join components: union-find over kept segments, then put back spares that join two components.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const p = parent[parent[i]!]!;
      parent[i] = p;
      i = p;
    }
    return i;
  };
  let components = n;
  for (let e = 0; e < m; e++) {
    const ra = find(from[e]!);
    const rb = find(to[e]!);
    if (ra !== rb) {
      parent[ra] = rb;
      components--;
    }
  }
  let restored = 0;
  let extraBridges = 0;
  for (let e = 0; e < spare && components > 1; e++) {
    const ra = find(spareFrom[e]!);
    const rb = find(spareTo[e]!);
    if (ra !== rb) {
      parent[ra] = rb;
      components--;
      from[m] = spareFrom[e]!;
      to[m++] = spareTo[e]!;
      restored++;
    }
  }
  for (let e = 0; e < riverSpare && components > 1; e++) {
    const ra = find(riverFrom[e]!);
    const rb = find(riverTo[e]!);
    if (ra !== rb) {
      parent[ra] = rb;
      components--;
      from[m] = riverFrom[e]!;
      to[m++] = riverTo[e]!;
      extraBridges++;
    }
  }

  const seconds = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    const a = from[e]!;
    const b = to[e]!;
    seconds[e] = Math.max(1, Math.round(Math.hypot(x[a]! - x[b]!, y[a]! - y[b]!) / speed));
  }
  let gx = x;
  let gy = y;
  const f = from.subarray(0, m);
  const t = to.subarray(0, m);
  if (options.shuffleIds) {
    const perm = new Uint32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = tmp;
    }
    gx = new Float64Array(n);
    gy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      gx[perm[i]!] = x[i]!;
      gy[perm[i]!] = y[i]!;
    }
    for (let e = 0; e < m; e++) {
      f[e] = perm[f[e]!]!;
      t[e] = perm[t[e]!]!;
    }
  }
  return {
    graph: buildGraphFromArrays(gx, gy, f, t, seconds),
    columns: cols,
    rows,
    bridgeCount: countBridges(bridgeCount, isBridge, riverRow, rows, cols, n) + extraBridges,
    removedSegments: removedSegments - restored,
  };
}

/** Bridges that exist: a bridge column needs nodes on both banks. */
function countBridges(
  requested: number,
  isBridge: Uint8Array,
  riverRow: Int32Array,
  rows: number,
  cols: number,
  n: number,
): number {
  let count = 0;
  for (let c = 0; c < cols && count < requested; c++) {
    const r = riverRow[c]!;
    if (isBridge[c] === 1 && r >= 0 && r + 1 < rows && (r + 1) * cols + c < n) count++;
  }
  return count;
}
