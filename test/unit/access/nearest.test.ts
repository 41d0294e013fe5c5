/**
 * Nearest-source and k-nearest searches (src/domain/access/nearest.ts, k-nearest.ts): against
 * Floyd–Warshall on random small graphs, and on grids where times are known by arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { kNearest } from '../../../src/domain/access/k-nearest.ts';
import type { Source } from '../../../src/domain/access/nearest.ts';
import { createIsochroneWorkspace, isochrone } from '../../../src/domain/access/isochrone.ts';
import { UNREACHABLE, createSearchWorkspace, nearestSources } from '../../../src/domain/access/nearest.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { floydWarshall, gridGraph, smallGraph } from './brute-force.ts';

const sourcesFor = (n: number) =>
  fc.array(
    fc.record({ node: fc.integer({ min: 0, max: n - 1 }), offsetSeconds: fc.integer({ min: 0, max: 15 }) }),
    { minLength: 0, maxLength: 6 },
  );
const cutoffArb = fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined });

/** Brute force: per node, the smallest offset + distance, lowest source index among ties. */
function bruteNearest(d: number[][], n: number, sources: Source[], cutoff: number | undefined) {
  const times: number[] = [];
  const source: number[] = [];
  for (let v = 0; v < n; v++) {
    let best = Infinity;
    let who = -1;
    sources.forEach((s, i) => {
      const t = (s.offsetSeconds ?? 0) + d[s.node]![v]!;
      if (t < best) {
        best = t;
        who = i;
      }
    });
    if (best === Infinity || (cutoff !== undefined && best > cutoff)) {
      times.push(UNREACHABLE);
      source.push(-1);
    } else {
      times.push(best);
      source.push(who);
    }
  }
  return { times, source };
}

describe('nearestSources', () => {
  it('equals brute force (times and lowest-index source) on random graphs', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) => fc.tuple(fc.constant(g), sourcesFor(g.nodeCount), cutoffArb)),
        ([g, sources, cutoff]) => {
          const d = floydWarshall(g.nodeCount, g.edges);
          const got = nearestSources(g.graph, sources, { cutoffSeconds: cutoff });
          const want = bruteNearest(d, g.nodeCount, sources, cutoff);
          expect(Array.from(got.times)).toEqual(want.times);
          expect(Array.from(got.source)).toEqual(want.source);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the same answers when one workspace is reused across calls', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) =>
          fc.tuple(fc.constant(g), fc.array(fc.tuple(sourcesFor(g.nodeCount), cutoffArb), { maxLength: 4 })),
        ),
        ([g, calls]) => {
          const ws = createSearchWorkspace(g.graph);
          for (const [sources, cutoff] of calls) {
            const fresh = nearestSources(g.graph, sources, { cutoffSeconds: cutoff });
            const reused = nearestSources(g.graph, sources, { cutoffSeconds: cutoff, workspace: ws });
            expect(reused.times).toEqual(fresh.times);
            expect(reused.source).toEqual(fresh.source);
            // Output arrays handed in (with stale contents) are filled with the same answer.
            const into = {
              times: new Uint32Array(g.nodeCount).fill(3),
              source: new Int32Array(g.nodeCount).fill(9),
            };
            const filled = nearestSources(g.graph, sources, { cutoffSeconds: cutoff, workspace: ws, into });
            expect(filled.times).toBe(into.times);
            expect(filled.times).toEqual(fresh.times);
            expect(filled.source).toEqual(fresh.source);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('holds more entries in one bucket than its starting room (300 sources at time 0)', () => {
    const { nodes, edges } = gridGraph(30, 30, 5);
    const graph = buildGraph(nodes, edges);
    const sources = Array.from({ length: 300 }, (_, i) => ({ node: i }));
    const ws = createSearchWorkspace(graph);
    for (let round = 0; round < 2; round++) {
      const got = nearestSources(graph, sources, { workspace: ws });
      for (let r = 0; r < 30; r++)
        for (let c = 0; c < 30; c++) {
          expect(got.times[r * 30 + c]).toBe(5 * Math.max(0, r - 9));
          expect(got.source[r * 30 + c]).toBe(r <= 9 ? r * 30 + c : 9 * 30 + c);
        }
    }
  });

  it('equals the best of one search per source when the sources come in many batches', () => {
    // More sources than one batch (64), on a 20 × 20 grid with random costs (zero included): the
    // batched search against the minimum (seconds, then lower index) over per-source isochrones.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 760, maxLength: 760 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 399 }), fc.integer({ min: 0, max: 30 })), {
          minLength: 65,
          maxLength: 200,
        }),
        fc.integer({ min: 0, max: 120 }),
        (costs, srcs, cutoff) => {
          const grid = gridGraph(20, 20, 1);
          const edges = grid.edges.map((e, i) => ({ ...e, seconds: costs[i]! }));
          const graph = buildGraph(grid.nodes, edges);
          const got = nearestSources(
            graph,
            srcs.map(([node, offsetSeconds]) => ({ node, offsetSeconds })),
            { cutoffSeconds: cutoff },
          );
          const best = new Array<number>(400).fill(Infinity);
          const who = new Array<number>(400).fill(-1);
          const ws = createIsochroneWorkspace(graph);
          srcs.forEach(([node, off], i) => {
            if (off > cutoff) return;
            const iso = isochrone(ws, node, cutoff - off);
            for (let k = 0; k < iso.count; k++) {
              const v = iso.nodes[k]!;
              const t = off + iso.seconds[k]!;
              if (t < best[v]!) {
                best[v] = t;
                who[v] = i;
              }
            }
          });
          for (let v = 0; v < 400; v++) {
            expect(got.times[v]).toBe(best[v] === Infinity ? UNREACHABLE : best[v]);
            expect(got.source[v]).toBe(who[v]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on a 7 × 5 grid of 60 s blocks, a corner source is 60·(r + c) seconds away', () => {
    const { nodes, edges } = gridGraph(7, 5, 60);
    const got = nearestSources(buildGraph(nodes, edges), [{ node: 0 }]);
    for (let r = 0; r < 5; r++) for (let c = 0; c < 7; c++) expect(got.times[r * 7 + c]).toBe(60 * (r + c));
  });

  it('on a 5 × 5 grid with sources in opposite corners, the anti-diagonal ties go to the lower index', () => {
    // Source 0 at (4,4), source 1 at (0,0): node (r,c) is 10·(8−r−c) from source 0 and 10·(r+c) from
    // source 1; on r + c = 4 both are 40 s, and the lower index (0) wins.
    const { nodes, edges } = gridGraph(5, 5, 10);
    const got = nearestSources(buildGraph(nodes, edges), [{ node: 24 }, { node: 0 }]);
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) {
        const v = r * 5 + c;
        expect(got.times[v]).toBe(Math.min(10 * (8 - r - c), 10 * (r + c)));
        expect(got.source[v]).toBe(r + c >= 4 ? 0 : 1);
      }
  });

  it('adds the snapping offset and applies the cutoff to it', () => {
    const { nodes, edges } = gridGraph(5, 1, 10);
    const g = buildGraph(nodes, edges);
    const got = nearestSources(g, [{ node: 0, offsetSeconds: 25 }], { cutoffSeconds: 50 });
    expect(Array.from(got.times)).toEqual([25, 35, 45, UNREACHABLE, UNREACHABLE]);
    expect(Array.from(got.source)).toEqual([0, 0, 0, -1, -1]);
  });

  it('rejects a source outside the graph, a fractional offset and a negative cutoff', () => {
    const { nodes, edges } = gridGraph(3, 1, 10);
    const g = buildGraph(nodes, edges);
    expect(() => nearestSources(g, [{ node: 3 }])).toThrow(FuwuError);
    expect(() => nearestSources(g, [{ node: 0, offsetSeconds: 1.5 }])).toThrow(/offset/);
    expect(() => nearestSources(g, [{ node: 0 }], { cutoffSeconds: -1 })).toThrow(/cutoff/);
  });
});

describe('kNearest', () => {
  it('equals brute force: the j-th smallest (offset + distance) over distinct sources', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) =>
          fc.tuple(fc.constant(g), sourcesFor(g.nodeCount), fc.integer({ min: 1, max: 4 }), cutoffArb),
        ),
        ([g, sources, k, cutoff]) => {
          const d = floydWarshall(g.nodeCount, g.edges);
          const got = kNearest(g.graph, sources, k, cutoff);
          for (let v = 0; v < g.nodeCount; v++) {
            const all = sources
              .map((s) => (s.offsetSeconds ?? 0) + d[s.node]![v]!)
              .filter((t) => t !== Infinity && (cutoff === undefined || t <= cutoff))
              .sort((a, b) => a - b);
            const want = Array.from({ length: k }, (_, j) => all[j] ?? UNREACHABLE);
            expect(Array.from(got.times.subarray(v * k, v * k + k))).toEqual(want);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('k = 1 equals nearestSources', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) => fc.tuple(fc.constant(g), sourcesFor(g.nodeCount), cutoffArb)),
        ([g, sources, cutoff]) => {
          expect(kNearest(g.graph, sources, 1, cutoff).times).toEqual(
            nearestSources(g.graph, sources, { cutoffSeconds: cutoff }).times,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('on a 6-node line of 10 s segments with sources at both ends, the 2nd nearest is the far end', () => {
    const { nodes, edges } = gridGraph(6, 1, 10);
    const got = kNearest(buildGraph(nodes, edges), [{ node: 0 }, { node: 5 }], 3);
    for (let c = 0; c < 6; c++) {
      const near = Math.min(10 * c, 10 * (5 - c));
      expect(Array.from(got.times.subarray(c * 3, c * 3 + 3))).toEqual([near, 50 - near, UNREACHABLE]);
    }
  });

  it('rejects k outside 1..16', () => {
    const { nodes, edges } = gridGraph(2, 1, 10);
    expect(() => kNearest(buildGraph(nodes, edges), new Uint32Array([0]), 0)).toThrow(/k must/);
  });
});
