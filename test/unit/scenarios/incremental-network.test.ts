/**
 * Facilities added over the walking network incrementally (one bounded search per end of the added
 * facility's edge) give exactly the per-point times of the full multi-source computation
 * (networkReachSeconds) over all facilities, on a seeded synthetic network, for random baselines and
 * random additions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkReachSeconds } from '../../../src/domain/access/network-reach.ts';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';
import { buildEdgeIndex } from '../../../src/domain/osm/snap.ts';
import { IncrementalNetworkReach } from '../../../src/domain/scenarios/incremental-network.ts';

const net = generateSyntheticNetwork({ nodeCount: 2500, seed: 7 });
const graph = net.graph;
const index = buildEdgeIndex(graph);
let minX = Infinity;
let maxX = -Infinity;
let minY = Infinity;
let maxY = -Infinity;
for (let i = 0; i < graph.nodeCount; i++) {
  minX = Math.min(minX, graph.x[i]!);
  maxX = Math.max(maxX, graph.x[i]!);
  minY = Math.min(minY, graph.y[i]!);
  maxY = Math.max(maxY, graph.y[i]!);
}
const place = fc
  .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([a, b]) => [minX + a * (maxX - minX), minY + b * (maxY - minY)] as const);
const SPEED = 1.2;
const CUTOFF = 600;

describe('IncrementalNetworkReach', () => {
  it('equals the full network computation after random additions', () => {
    fc.assert(
      fc.property(
        fc.array(place, { maxLength: 6 }),
        fc.array(place, { minLength: 1, maxLength: 4 }),
        fc.array(place, { minLength: 1, maxLength: 60 }),
        (base, added, points) => {
          const inc = new IncrementalNetworkReach(graph, index, base, points, SPEED, CUTOFF);
          const before = inc.reachSeconds();
          expect(Array.from(before)).toEqual(
            Array.from(networkReachSeconds(graph, index, base, points, SPEED, CUTOFF)),
          );
          const s = inc.copy();
          for (const f of added) s.add(f);
          const want = networkReachSeconds(graph, index, [...base, ...added], points, SPEED, CUTOFF);
          expect(Array.from(s.reachSeconds())).toEqual(Array.from(want));
          // The baseline is untouched, and no time grew.
          expect(Array.from(inc.reachSeconds())).toEqual(Array.from(before));
          s.reachSeconds().forEach((t, i) => expect(t).toBeLessThanOrEqual(before[i]!));
        },
      ),
      { numRuns: 40 },
    );
  });
});
