/**
 * Isochrones (src/domain/access/isochrone.ts): against Floyd–Warshall on random small graphs, with
 * one workspace reused across many calls (it resets only the nodes the last call touched).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { createIsochroneWorkspace, isochrone, isochroneBatch } from '../../../src/domain/access/isochrone.ts';
import { floydWarshall, gridGraph, smallGraph } from './brute-force.ts';

describe('isochrone', () => {
  it('returns exactly the nodes within the budget, with their times, across reused calls', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.array(
              fc.tuple(fc.integer({ min: 0, max: g.nodeCount - 1 }), fc.integer({ min: 0, max: 50 })),
              {
                minLength: 1,
                maxLength: 5,
              },
            ),
          ),
        ),
        ([g, calls]) => {
          const d = floydWarshall(g.nodeCount, g.edges);
          const ws = createIsochroneWorkspace(g.graph);
          for (const [origin, budget] of calls) {
            const iso = isochrone(ws, origin, budget);
            const got = new Map<number, number>();
            for (let i = 0; i < iso.count; i++) got.set(iso.nodes[i]!, iso.seconds[i]!);
            const want = new Map<number, number>();
            for (let v = 0; v < g.nodeCount; v++) if (d[origin]![v]! <= budget) want.set(v, d[origin]![v]!);
            expect(iso.count).toBe(iso.nodes.length);
            expect(new Map([...got].sort((a, b) => a[0] - b[0]))).toEqual(
              new Map([...want].sort((a, b) => a[0] - b[0])),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on a 9 × 9 grid of 60 s blocks, 300 s from the centre is the diamond |dr| + |dc| ≤ 5', () => {
    // Centre (4,4); the grid reaches 4 blocks each way, so the diamond of radius 5 is the whole grid
    // less, in each quadrant, the 6 cells with |dr| + |dc| ≥ 6: (2,4) (3,3) (4,2) (3,4) (4,3) (4,4).
    const { nodes, edges } = gridGraph(9, 9, 60);
    const ws = createIsochroneWorkspace(buildGraph(nodes, edges));
    const iso = isochrone(ws, 40, 300);
    let want = 0;
    for (let r = 0; r < 9; r++)
      for (let c = 0; c < 9; c++) if (Math.abs(r - 4) + Math.abs(c - 4) <= 5) want++;
    expect(iso.count).toBe(want);
    expect(want).toBe(81 - 4 * 6);
    for (let i = 0; i < iso.count; i++) {
      const v = iso.nodes[i]!;
      expect(iso.seconds[i]).toBe(60 * (Math.abs(Math.floor(v / 9) - 4) + Math.abs((v % 9) - 4)));
    }
  });

  it('rejects an origin outside the graph', () => {
    const { nodes, edges } = gridGraph(2, 2, 10);
    expect(() => isochrone(createIsochroneWorkspace(buildGraph(nodes, edges)), 4, 10)).toThrow(/origin/);
  });
});

describe('isochroneBatch', () => {
  it('visits every origin once, in node order, with the isochrone of that origin', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.array(fc.integer({ min: 0, max: g.nodeCount - 1 }), { maxLength: 8 }),
            fc.integer({ min: 0, max: 50 }),
          ),
        ),
        ([g, origins, budget]) => {
          const ws = createIsochroneWorkspace(g.graph);
          const single = createIsochroneWorkspace(g.graph);
          const seen: number[] = [];
          isochroneBatch(ws, new Uint32Array(origins), budget, (i, iso) => {
            seen.push(i);
            const want = isochrone(single, origins[i]!, budget);
            expect(Array.from(iso.nodes)).toEqual(Array.from(want.nodes));
            expect(Array.from(iso.seconds)).toEqual(Array.from(want.seconds));
          });
          expect([...seen].sort((a, b) => a - b)).toEqual(origins.map((_, i) => i));
          for (let k = 1; k < seen.length; k++) {
            const a = seen[k - 1]!;
            const b = seen[k]!;
            expect(origins[a]! < origins[b]! || (origins[a] === origins[b] && a < b)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
