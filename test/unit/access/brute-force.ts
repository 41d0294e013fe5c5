/**
 * Brute-force references for the access tests: random small graphs and all-pairs shortest times by
 * Floyd–Warshall, which shares no code (and no idea) with the bucket-queue searches under test.
 */
import fc from 'fast-check';
import type { WalkEdge, WalkGraph } from '../../../src/domain/access/graph.ts';
import { buildGraph } from '../../../src/domain/access/graph.ts';

export interface SmallGraph {
  nodeCount: number;
  edges: WalkEdge[];
  graph: WalkGraph;
}

/** Random graphs of 1–12 nodes, 0–30 edges of 0–20 s (zero-cost and parallel edges included). */
export const smallGraph: fc.Arbitrary<SmallGraph> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .array(
      fc
        .record({
          from: fc.integer({ min: 0, max: n - 1 }),
          to: fc.integer({ min: 0, max: n - 1 }),
          seconds: fc.integer({ min: 0, max: 20 }),
        })
        .filter((e) => e.from !== e.to),
      { maxLength: n < 2 ? 0 : 30 },
    )
    .chain((edges) =>
      fc
        .array(
          fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) }),
          {
            minLength: n,
            maxLength: n,
          },
        )
        .map((nodes) => ({ nodeCount: n, edges, graph: buildGraph(nodes, edges) })),
    ),
);

/** All-pairs shortest walking times; Infinity where no path. */
export function floydWarshall(n: number, edges: readonly WalkEdge[]): number[][] {
  const d = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)),
  );
  for (const e of edges) {
    if (e.seconds < d[e.from]![e.to]!) {
      d[e.from]![e.to] = e.seconds;
      d[e.to]![e.from] = e.seconds;
    }
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const via = d[i]![k]! + d[k]![j]!;
        if (via < d[i]![j]!) d[i]![j] = via;
      }
  return d;
}

/** A cols × rows grid, node id r·cols + c, every segment `seconds` long, 100 m apart. */
export function gridGraph(
  cols: number,
  rows: number,
  seconds: number,
): { nodes: { x: number; y: number }[]; edges: WalkEdge[] } {
  const nodes = [];
  const edges: WalkEdge[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const id = r * cols + c;
      nodes.push({ x: c * 100, y: r * 100 });
      if (c + 1 < cols) edges.push({ from: id, to: id + 1, seconds });
      if (r + 1 < rows) edges.push({ from: id, to: id + cols, seconds });
    }
  return { nodes, edges };
}
