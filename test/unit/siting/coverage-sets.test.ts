/** Candidates' coverage sets over the network and in a straight line, against brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridCandidates, townshipCentres } from '../../../src/domain/siting/candidates.ts';
import { networkCoverageSets, straightLineCoverageSets } from '../../../src/domain/siting/coverage-sets.ts';
import type { CoverageSets } from '../../../src/domain/siting/instance.ts';
import { floydWarshall, smallGraph } from '../access/brute-force.ts';

/** Each candidate's set as sorted [demand, seconds] pairs. */
function setsOf(sets: CoverageSets): Array<Array<[number, number]>> {
  return Array.from({ length: sets.candidateCount }, (_, j) => {
    const out: Array<[number, number]> = [];
    for (let k = sets.offsets[j]!; k < sets.offsets[j + 1]!; k++)
      out.push([sets.demand[k]!, sets.seconds[k]!]);
    return out.sort((a, b) => a[0] - b[0]);
  });
}

describe('network coverage sets', () => {
  it('hold exactly the points whose candidate offset + network time + point offset fit the budget', () => {
    fc.assert(
      fc.property(
        smallGraph,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 15 })), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 15 })), { minLength: 0, maxLength: 10 }),
        fc.integer({ min: 0, max: 60 }),
        ({ nodeCount, edges, graph }, cands, pts, budget) => {
          const d = floydWarshall(nodeCount, edges);
          const candidates = {
            nodes: Uint32Array.from(cands, ([v]) => v % nodeCount),
            offsets: Uint32Array.from(cands, ([, o]) => o),
          };
          const points = {
            nodes: Uint32Array.from(pts, ([v]) => v % nodeCount),
            offsets: Uint32Array.from(pts, ([, o]) => o),
          };
          const got = setsOf(networkCoverageSets(graph, candidates, points, budget));
          const expected = cands.map((_, j) =>
            pts
              .map((_, i): [number, number] => [
                i,
                candidates.offsets[j]! + d[candidates.nodes[j]!]![points.nodes[i]!]! + points.offsets[i]!,
              ])
              .filter(([, t]) => t <= budget),
          );
          expect(got).toEqual(expected);
        },
      ),
    );
  });
});

describe('straight-line coverage sets', () => {
  it('hold the points within the radius, with seconds rounded up', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ x: fc.integer({ min: -3000, max: 3000 }), y: fc.integer({ min: -3000, max: 3000 }) }),
          {
            maxLength: 6,
          },
        ),
        fc.array(
          fc.record({ x: fc.integer({ min: -3000, max: 3000 }), y: fc.integer({ min: -3000, max: 3000 }) }),
          {
            maxLength: 30,
          },
        ),
        fc.integer({ min: 1, max: 2000 }),
        (cands, pts, radius) => {
          const got = setsOf(straightLineCoverageSets(cands, pts, radius, 1.3 / 1.2));
          const expected = cands.map((c) =>
            pts
              .map((p, i): [number, number, number] => [i, Math.hypot(p.x - c.x, p.y - c.y), 0])
              .filter(([, dist]) => dist <= radius)
              .map(([i, dist]): [number, number] => [i, Math.ceil(dist * (1.3 / 1.2))]),
          );
          expect(got).toEqual(expected);
        },
      ),
    );
  });
});

describe('generated candidates', () => {
  const points = [
    { x: 0, y: 0, weight: 10 },
    { x: 100, y: 0, weight: 30 },
    { x: 1000, y: 1000, weight: 5 },
    { x: 1010, y: 1000, weight: 0 },
  ];
  it('places a township candidate at its people-weighted centre', () => {
    const c = townshipCentres(points, (i) => (i < 2 ? 'A' : i === 2 ? 'B' : null));
    expect(c).toEqual([
      { key: 'A', x: 75, y: 0, population: 40 },
      { key: 'B', x: 1000, y: 1000, population: 5 },
    ]);
  });
  it('makes one candidate per populated grid cell', () => {
    const c = gridCandidates(points, 500);
    expect(c.map((x) => x.key)).toEqual(['0,0', '2,2']);
    expect(c[0]).toMatchObject({ x: 75, population: 40 });
  });
});
