/**
 * Coverage and catchments (src/domain/access/coverage.ts): against brute force over Floyd–Warshall
 * on random small graphs with integer populations (so sums are exact whatever the order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchments, coverage } from '../../../src/domain/access/coverage.ts';
import { nearestSources } from '../../../src/domain/access/nearest.ts';
import { floydWarshall, smallGraph } from './brute-force.ts';

const scenario = smallGraph.chain((g) =>
  fc.tuple(
    fc.constant(g),
    fc.array(fc.integer({ min: 0, max: g.nodeCount - 1 }), { maxLength: 5 }),
    fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: g.nodeCount, maxLength: g.nodeCount }),
    fc.integer({ min: 0, max: 40 }),
  ),
);

describe('coverage', () => {
  it('equals brute force: population whose nearest source is within the threshold', () => {
    fc.assert(
      fc.property(scenario, ([g, sources, pop, threshold]) => {
        const d = floydWarshall(g.nodeCount, g.edges);
        const { times } = nearestSources(g.graph, new Uint32Array(sources), { cutoffSeconds: threshold });
        const got = coverage(new Float64Array(pop), times, threshold);
        let total = 0;
        let covered = 0;
        for (let v = 0; v < g.nodeCount; v++) {
          total += pop[v]!;
          if (sources.some((s) => d[s]![v]! <= threshold)) covered += pop[v]!;
        }
        expect(got.totalPopulation).toBe(total);
        expect(got.coveredPopulation).toBe(covered);
        expect(got.share).toBe(total > 0 ? covered / total : 0);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects arrays of different lengths and negative population', () => {
    expect(() => coverage(new Float64Array(2), new Uint32Array(3), 10)).toThrow(/population/);
    expect(() => coverage(new Float64Array([-1]), new Uint32Array(1), 10)).toThrow(/population\[0\]/);
  });
});

describe('catchments', () => {
  it('equals brute force: each node to its nearest source (lowest index on ties), unreached apart', () => {
    fc.assert(
      fc.property(scenario, ([g, sources, pop, cutoff]) => {
        const d = floydWarshall(g.nodeCount, g.edges);
        const { source } = nearestSources(g.graph, new Uint32Array(sources), { cutoffSeconds: cutoff });
        const got = catchments(new Float64Array(pop), source, sources.length);
        const want = new Array<number>(sources.length).fill(0);
        let unassigned = 0;
        for (let v = 0; v < g.nodeCount; v++) {
          let best = Infinity;
          let who = -1;
          sources.forEach((s, i) => {
            if (d[s]![v]! < best) {
              best = d[s]![v]!;
              who = i;
            }
          });
          if (who < 0 || best > cutoff) unassigned += pop[v]!;
          else want[who]! += pop[v]!;
        }
        expect(Array.from(got.populationBySource)).toEqual(want);
        expect(got.unassignedPopulation).toBe(unassigned);
      }),
      { numRuns: 300 },
    );
  });
});
