/**
 * Snapping points (residences, facilities; x/y metres in the graph's projection) to the nearest edge
 * of the walking graph (issue 3 §2).
 *
 * Edges go into a uniform grid (each edge in every cell its bounding box touches). A query scans
 * rings of cells around the point's cell, outward, keeping the nearest point on any segment seen;
 * it stops once the best distance is no more than the distance to the next ring (every segment in
 * ring r+1 or beyond is at least r·cellSize away). Ties go to the lower edge index, so the result
 * does not depend on scan order.
 *
 * A snapped point sits at fraction t along edge (u, v): it is t·seconds(u,v) from u and
 * (1−t)·seconds from v along the edge, plus the snapping distance walked at the same speed. A
 * multi-source search seeds both u and v with those offsets (rounded to whole seconds).
 */
import type { WalkGraph } from '../access/graph.ts';
import { MAX_ARC_SECONDS } from '../access/graph.ts';
import type { Source } from '../access/sources.ts';
import { FuwuError, invalidField } from '../shared/errors.ts';
import { DEFAULT_WALK_SPEED_MPS, checkSpeed } from './build-walk-network.ts';

export interface EdgeIndex {
  readonly graph: WalkGraph;
  /** Undirected edges: one per arc pair, taken from the arc with u < v (parallel edges stay separate). */
  readonly eu: Uint32Array;
  readonly ev: Uint32Array;
  readonly seconds: Uint32Array;
  readonly cellSize: number;
  readonly minX: number;
  readonly minY: number;
  readonly nx: number;
  readonly ny: number;
  /** Edges of cell c are cellEdges[cellStart[c] .. cellStart[c+1]). */
  readonly cellStart: Uint32Array;
  readonly cellEdges: Uint32Array;
}

export interface Snap {
  /** Edge index in the EdgeIndex. */
  edge: number;
  u: number;
  v: number;
  /** Fraction of the way from u to v, 0..1. */
  t: number;
  /** Nearest point on the edge, metres. */
  x: number;
  y: number;
  /** Straight-line distance from the point to the edge, metres. */
  distanceMetres: number;
  /** Seconds along the edge from the snap point to u, and to v (unrounded). */
  secondsToU: number;
  secondsToV: number;
  /** The snapping distance as walking time, seconds (unrounded). */
  snapSeconds: number;
}

const MAX_CELLS = 1 << 22;

/** Builds the grid of edges. `cellSize` metres (default 100; enlarged if the grid would be huge). */
export function buildEdgeIndex(graph: WalkGraph, cellSize = 100): EdgeIndex {
  if (!Number.isFinite(cellSize) || cellSize <= 0) {
    throw invalidField(
      'cellSize',
      `网格尺寸必须是正数，实际为 ${cellSize}`,
      `cell size must be positive, got ${cellSize}`,
    );
  }
  const { offsets, targets, costs, x, y, nodeCount } = graph;
  const eu: number[] = [];
  const ev: number[] = [];
  const es: number[] = [];
  for (let u = 0; u < nodeCount; u++) {
    for (let a = offsets[u]!; a < offsets[u + 1]!; a++) {
      const v = targets[a]!;
      if (u < v) {
        eu.push(u);
        ev.push(v);
        es.push(costs[a]!);
      }
    }
  }
  const m = eu.length;
  if (m === 0) {
    throw new FuwuError('invalid_input', '路网没有边，无法吸附', 'the network has no edges to snap to');
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let e = 0; e < m; e++) {
    for (const k of [eu[e]!, ev[e]!]) {
      minX = Math.min(minX, x[k]!);
      minY = Math.min(minY, y[k]!);
      maxX = Math.max(maxX, x[k]!);
      maxY = Math.max(maxY, y[k]!);
    }
  }
  let size = cellSize;
  const cellsAcross = (extent: number) => Math.floor(extent / size) + 1;
  // Coarsen the grid until it has at most MAX_CELLS cells (a huge extent with a small cell size).
  while (cellsAcross(maxX - minX) * cellsAcross(maxY - minY) > MAX_CELLS) size *= 2;
  const nx = cellsAcross(maxX - minX);
  const ny = cellsAcross(maxY - minY);
  const cellRange = (e: number) => {
    const a = eu[e]!;
    const b = ev[e]!;
    return [
      Math.floor((Math.min(x[a]!, x[b]!) - minX) / size),
      Math.floor((Math.max(x[a]!, x[b]!) - minX) / size),
      Math.floor((Math.min(y[a]!, y[b]!) - minY) / size),
      Math.floor((Math.max(y[a]!, y[b]!) - minY) / size),
    ] as const;
  };
  const cellStart = new Uint32Array(nx * ny + 1);
  for (let e = 0; e < m; e++) {
    const [x0, x1, y0, y1] = cellRange(e);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) cellStart[cy * nx + cx + 1]!++;
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, nx * ny);
  const cellEdges = new Uint32Array(cellStart[nx * ny]!);
  for (let e = 0; e < m; e++) {
    const [x0, x1, y0, y1] = cellRange(e);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) cellEdges[fill[cy * nx + cx]!++] = e;
  }
  return {
    graph,
    eu: Uint32Array.from(eu),
    ev: Uint32Array.from(ev),
    seconds: Uint32Array.from(es),
    cellSize: size,
    minX,
    minY,
    nx,
    ny,
    cellStart,
    cellEdges,
  };
}

/** Nearest point of edge e to (px, py): [t, distance²]. */
function onSegment(index: EdgeIndex, e: number, px: number, py: number): [number, number] {
  const { x, y } = index.graph;
  const ax = x[index.eu[e]!]!;
  const ay = y[index.eu[e]!]!;
  const dx = x[index.ev[e]!]! - ax;
  const dy = y[index.ev[e]!]! - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return [t, qx * qx + qy * qy];
}

/** Snaps one point to its nearest edge. */
export function snapPoint(index: EdgeIndex, px: number, py: number, speedMps = DEFAULT_WALK_SPEED_MPS): Snap {
  const speed = checkSpeed(speedMps);
  if (!Number.isFinite(px) || !Number.isFinite(py)) {
    throw invalidField('point', '坐标必须是有限数（米）', 'coordinates must be finite numbers (metres)');
  }
  const { cellSize, nx, ny, minX, minY, cellStart, cellEdges } = index;
  const cx = Math.floor((px - minX) / cellSize);
  const cy = Math.floor((py - minY) / cellSize);
  const maxRing = Math.max(cx, nx - 1 - cx, cy, ny - 1 - cy);
  // Distance from the point to the nearest cell outside its own (or to the grid, if outside it).
  const outside = Math.max(0, -cx, cx - (nx - 1), -cy, cy - (ny - 1));
  let best = -1;
  let bestD2 = Infinity;
  let bestT = 0;
  for (let r = outside; r <= maxRing; r++) {
    for (let gy = Math.max(0, cy - r); gy <= Math.min(ny - 1, cy + r); gy++) {
      const onEdgeRow = gy === cy - r || gy === cy + r;
      for (let gx = Math.max(0, cx - r); gx <= Math.min(nx - 1, cx + r); gx++) {
        if (!onEdgeRow && gx !== cx - r && gx !== cx + r) continue;
        const c = gy * nx + gx;
        for (let k = cellStart[c]!; k < cellStart[c + 1]!; k++) {
          const e = cellEdges[k]!;
          const [t, d2] = onSegment(index, e, px, py);
          if (d2 < bestD2 || (d2 === bestD2 && e < best)) {
            best = e;
            bestD2 = d2;
            bestT = t;
          }
        }
      }
    }
    // Cells of ring r+1 and beyond are at least r cells (in Chebyshev distance) from the point's cell.
    if (best >= 0) {
      const reach = r * cellSize;
      if (bestD2 <= reach * reach) break;
    }
  }
  const e = best;
  const u = index.eu[e]!;
  const v = index.ev[e]!;
  const s = index.seconds[e]!;
  const { x, y } = index.graph;
  const distanceMetres = Math.sqrt(bestD2);
  return {
    edge: e,
    u,
    v,
    t: bestT,
    x: x[u]! + bestT * (x[v]! - x[u]!),
    y: y[u]! + bestT * (y[v]! - y[u]!),
    distanceMetres,
    secondsToU: bestT * s,
    secondsToV: (1 - bestT) * s,
    snapSeconds: distanceMetres / speed,
  };
}

export interface SnappedSources {
  /** Two sources per point: u then v, offsets = round(snap seconds + seconds along the edge). */
  sources: Source[];
  /** pointOf[i] = index of the point that source i comes from. */
  pointOf: Uint32Array;
  snaps: Snap[];
}

/**
 * Snaps points and returns them as search sources. Each point gives two sources (its edge's ends),
 * each offset by the snapping time plus the time along the edge to that end, in whole seconds
 * (rounded, capped at MAX_ARC_SECONDS).
 */
export function snapSources(
  graph: WalkGraph,
  points: readonly (readonly [number, number])[],
  speedMps = DEFAULT_WALK_SPEED_MPS,
  index: EdgeIndex = buildEdgeIndex(graph),
): SnappedSources {
  const sources: Source[] = [];
  const pointOf = new Uint32Array(points.length * 2);
  const snaps: Snap[] = [];
  points.forEach(([px, py], i) => {
    const s = snapPoint(index, px, py, speedMps);
    snaps.push(s);
    const off = (sec: number) => Math.min(MAX_ARC_SECONDS, Math.round(s.snapSeconds + sec));
    sources.push(
      { node: s.u, offsetSeconds: off(s.secondsToU) },
      { node: s.v, offsetSeconds: off(s.secondsToV) },
    );
    pointOf[2 * i] = i;
    pointOf[2 * i + 1] = i;
  });
  return { sources, pointOf, snaps };
}
