/**
 * Incremental 2SFCA/E2SFCA over the walking network (only the changed facility's catchment, or the
 * catchments holding changed demand, computed again) equals networkTwoStep over the live facilities
 * and the current demand, exactly: on small random graphs (zero-cost arcs, disconnected parts) and on
 * a seeded synthetic network, for random sequences of additions, removals, resizes and demand changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WalkGraph } from '../../../src/domain/access/graph.ts';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { networkTwoStep } from '../../../src/domain/access/network-two-step.ts';
import type { Source } from '../../../src/domain/access/sources.ts';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';
import { binaryZones, e2sfcaZones } from '../../../src/domain/access/two-step.ts';
import type { DecayZone } from '../../../src/domain/access/two-step.ts';
import { IncrementalNetworkTwoStep } from '../../../src/domain/scenarios/incremental-network-two-step.ts';

const amount = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true }));
type Step =
  | { add: number; offset: number; supply: number }
  | { remove: number }
  | { resize: number; supply: number }
  | { demand: Array<[number, number]> };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ add: fc.nat(), offset: fc.integer({ min: 0, max: 120 }), supply: amount }),
  fc.record({ remove: fc.nat() }),
  fc.record({ resize: fc.nat(), supply: amount }),
  fc.record({ demand: fc.array(fc.tuple(fc.nat(), amount), { minLength: 1, maxLength: 5 }) }),
);

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
  points: { nodes: Uint32Array; offsets: Uint32Array },
  demand0: number[],
  base: Array<{ source: Source; supply: number }>,
  steps: readonly Step[],
  zones: DecayZone[],
) {
  const demand = Float64Array.from(demand0);
  const facilities: Array<{ source: Source; supply: number } | null> = base.map((f) => ({ ...f }));
  const full = () => {
    const live = facilities.filter((f): f is { source: Source; supply: number } => f !== null);
    return Array.from(
      networkTwoStep(
        graph,
        live.map((f) => f.source),
        Float64Array.from(live, (f) => f.supply),
        { ...points, demand: demand.slice() },
        zones,
      ).accessibility,
    );
  };
  const inc = new IncrementalNetworkTwoStep(
    graph,
    points,
    demand,
    base.map((f) => f.source),
    base.map((f) => f.supply),
    zones,
  );
  const today = full();
  expect(Array.from(inc.accessibility)).toEqual(today);
  const s = inc.copy();
  for (const st of steps) {
    if ('add' in st) {
      const source = { node: st.add % graph.nodeCount, offsetSeconds: st.offset };
      expect(s.add(source, st.supply)).toBe(facilities.length);
      facilities.push({ source, supply: st.supply });
    } else if ('remove' in st) {
      if (facilities.length === 0) continue;
      const j = st.remove % facilities.length;
      s.remove(j);
      facilities[j] = null;
    } else if ('resize' in st) {
      if (facilities.length === 0) continue;
      const j = st.resize % facilities.length;
      s.resize(j, st.supply);
      const f = facilities[j];
      if (f) f.supply = st.supply;
    } else {
      const m = new Map(st.demand.map(([i, d]) => [i % demand.length, d]));
      s.setDemand(m);
      for (const [i, d] of m) demand[i] = d;
    }
    expect(Array.from(s.accessibility)).toEqual(full());
  }
  expect(Array.from(inc.accessibility)).toEqual(today);
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
          const points = {
            nodes: Uint32Array.from(pts, ([v]) => v % g.nodeCount),
            offsets: Uint32Array.from(pts, ([, o]) => o),
          };
          checkSequence(
            g,
            points,
            demand.slice(0, pts.length),
            base.map(([v, o, supply]) => ({ source: { node: v % g.nodeCount, offsetSeconds: o }, supply })),
            steps,
            zones,
          );
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
          const points = {
            nodes: Uint32Array.from(pts, ([v]) => v % graph.nodeCount),
            offsets: Uint32Array.from(pts, ([, o]) => o),
          };
          checkSequence(
            graph,
            points,
            pts.map((_, i) => (i * 37) % 101),
            base.map(([v, o, supply]) => ({
              source: { node: v % graph.nodeCount, offsetSeconds: o },
              supply,
            })),
            steps,
            e2sfcaZones(900),
          );
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});
