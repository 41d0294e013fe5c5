/**
 * Incremental 2SFCA/E2SFCA over the walking network (only the changed facility's catchment, or the
 * catchments holding changed demand, computed again) equals networkTwoStep over the live facilities
 * and the current demand, exactly: on small random graphs (zero-cost arcs, disconnected parts) and on
 * a seeded synthetic network, for random sequences of additions, removals, resizes and demand changes.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { WalkGraph } from '../../../src/domain/access/graph.ts';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { networkTwoStep } from '../../../src/domain/access/network-two-step.ts';
import type { Source } from '../../../src/domain/access/sources.ts';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';
import { binaryZones, e2sfcaZones } from '../../../src/domain/access/two-step.ts';
import type { DecayZone } from '../../../src/domain/access/two-step.ts';
import { IncrementalNetworkTwoStep } from '../../../src/domain/scenarios/incremental-network-two-step.ts';
import type { Step } from '../../support/incremental-steps.ts';
import { amount, checkSteps, stepArbitrary } from '../../support/incremental-steps.ts';

/** A facility's place before it is fitted to a graph: any node number (taken modulo the node count). */
const source = fc.record({ node: fc.nat(), offsetSeconds: fc.integer({ min: 0, max: 120 }) });
const step = stepArbitrary(source);

const smallGraph = fc
  .record({
    n: fc.integer({ min: 2, max: 40 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 200 })), {
      minLength: 1,
      maxLength: 90,
    }),
  })
  .map(({ n, edges }) => {
    const list = edges
      .map(([a, b, s]) => ({ from: a % n, to: b % n, seconds: s }))
      .filter((e) => e.from !== e.to);
    if (list.length === 0) list.push({ from: 0, to: 1, seconds: 10 });
    return buildGraph(
      Array.from({ length: n }, (_, i) => ({ x: i, y: 0 })),
      list,
    );
  });

function checkSequence(
  graph: WalkGraph,
  pts: Array<[number, number]>,
  demand0: number[],
  base: Array<[number, number, number]>,
  steps: ReadonlyArray<Step<Source>>,
  zones: DecayZone[],
) {
  const points = {
    nodes: Uint32Array.from(pts, ([v]) => v % graph.nodeCount),
    offsets: Uint32Array.from(pts, ([, o]) => o),
  };
  const onGraph = (s: Source): Source => ({ ...s, node: s.node % graph.nodeCount });
  checkSteps({
    base: base.map(([node, offsetSeconds, supply]) => ({ at: onGraph({ node, offsetSeconds }), supply })),
    demand0,
    steps,
    placeOf: onGraph,
    create: (facilities, supply, demand) =>
      new IncrementalNetworkTwoStep(graph, points, demand, facilities, supply, zones),
    full: (live, demand) =>
      networkTwoStep(
        graph,
        live.map((f) => f.at),
        Float64Array.from(live, (f) => f.supply),
        { ...points, demand },
        zones,
      ).accessibility,
  });
}

describe('IncrementalNetworkTwoStep', () => {
  it('equals networkTwoStep on small random graphs after random sequences of changes', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 30 }),
            fc.array(amount, { minLength: 30, maxLength: 30 }),
            fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 120 }), amount), { maxLength: 8 }),
            fc.array(step, { minLength: 1, maxLength: 10 }),
            fc.constantFrom(binaryZones(300), e2sfcaZones(600), binaryZones(0)),
          ),
        ),
        ([g, pts, demand, base, steps, zones]) => {
          checkSequence(g, pts, demand.slice(0, pts.length), base, steps, zones);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals networkTwoStep on a synthetic network after random changes', () => {
    const graph = generateSyntheticNetwork({ nodeCount: 2500, seed: 11 }).graph;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 60 }), amount), { maxLength: 12 }),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        (pts, base, steps) => {
          checkSequence(
            graph,
            pts,
            pts.map((_, i) => (i * 37) % 101),
            base,
            steps,
            e2sfcaZones(900),
          );
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});
