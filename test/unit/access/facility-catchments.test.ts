/**
 * Facility catchments (src/domain/access/facility-catchments.ts): against brute force over
 * Floyd–Warshall on random small graphs, and the range form a worker thread runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  facilityCatchments,
  facilityCatchmentsInto,
} from '../../../src/domain/access/facility-catchments.ts';
import { createIsochroneWorkspace } from '../../../src/domain/access/isochrone.ts';
import { floydWarshall, smallGraph } from './brute-force.ts';

const scenario = smallGraph.chain((g) =>
  fc.tuple(
    fc.constant(g),
    fc.array(fc.tuple(fc.integer({ min: 0, max: g.nodeCount - 1 }), fc.integer({ min: 0, max: 15 })), {
      maxLength: 6,
    }),
    fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: g.nodeCount, maxLength: g.nodeCount }),
    fc.integer({ min: 0, max: 50 }),
  ),
);

describe('facilityCatchments', () => {
  it('equals brute force: nodes and population within the budget of each facility, offset included', () => {
    fc.assert(
      fc.property(scenario, ([g, facs, pop, budget]) => {
        const d = floydWarshall(g.nodeCount, g.edges);
        const got = facilityCatchments(
          g.graph,
          facs.map(([node, offsetSeconds]) => ({ node, offsetSeconds })),
          budget,
          new Float64Array(pop),
        );
        facs.forEach(([f, off], j) => {
          let nodes = 0;
          let people = 0;
          for (let v = 0; v < g.nodeCount; v++) {
            if (off + d[f]![v]! <= budget) {
              nodes++;
              people += pop[v]!;
            }
          }
          expect(got.reached[j]).toBe(nodes);
          expect(got.population[j]).toBe(people);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('fills only its range in the range form, with one workspace reused', () => {
    fc.assert(
      fc.property(scenario, fc.nat(6), ([g, facs, pop, budget], cut) => {
        const nodes = new Uint32Array(facs.map((f) => f[0]));
        const offsets = new Uint32Array(facs.map((f) => f[1]));
        const whole = facilityCatchments(g.graph, nodes, budget, new Float64Array(pop));
        const mid = Math.min(cut, facs.length);
        const reached = new Uint32Array(facs.length).fill(7);
        const people = new Float64Array(facs.length).fill(-1);
        const ws = createIsochroneWorkspace(g.graph);
        facilityCatchmentsInto(
          ws,
          nodes,
          new Uint32Array(facs.length),
          budget,
          new Float64Array(pop),
          mid,
          facs.length,
          reached,
          people,
        );
        facilityCatchmentsInto(
          ws,
          nodes,
          new Uint32Array(facs.length),
          budget,
          new Float64Array(pop),
          0,
          mid,
          reached,
          people,
        );
        expect(Array.from(reached)).toEqual(Array.from(whole.reached));
        expect(Array.from(people)).toEqual(Array.from(whole.population));
        void offsets;
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a population of the wrong length', () => {
    const g = fc.sample(smallGraph, { numRuns: 1, seed: 1 })[0]!;
    expect(() => facilityCatchments(g.graph, [], 10, new Float64Array(g.nodeCount + 1))).toThrow(
      /population/,
    );
  });
});
