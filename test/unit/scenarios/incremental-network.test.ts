/**
 * Facilities added and removed over the walking network incrementally (a bounded search per end of an
 * added facility's edge; a removal searching again only the nodes its facility labelled, seeded from
 * their boundary) give exactly the per-point times of the full multi-source computation
 * (networkReachSeconds) over the live facilities: on a seeded synthetic network and on small random
 * graphs (zero-cost arcs, ties, disconnected parts), for random baselines and random sequences of
 * additions and removals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WalkGraph } from '../../../src/domain/access/graph.ts';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { UNREACHABLE } from '../../../src/domain/access/nearest.ts';
import { networkReachSeconds } from '../../../src/domain/access/network-reach.ts';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';
import type { EdgeIndex } from '../../../src/domain/osm/snap.ts';
import { buildEdgeIndex } from '../../../src/domain/osm/snap.ts';
import { IncrementalNetworkReach } from '../../../src/domain/scenarios/incremental-network.ts';

type XY = readonly [number, number];

const net = generateSyntheticNetwork({ nodeCount: 2500, seed: 7 });
const graph = net.graph;
const index = buildEdgeIndex(graph);

function boxOf(g: WalkGraph) {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < g.nodeCount; i++) {
    minX = Math.min(minX, g.x[i]!);
    maxX = Math.max(maxX, g.x[i]!);
    minY = Math.min(minY, g.y[i]!);
    maxY = Math.max(maxY, g.y[i]!);
  }
  return { minX, maxX, minY, maxY };
}
const placeIn = (b: ReturnType<typeof boxOf>) =>
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([a, c]) => [b.minX + a * (b.maxX - b.minX), b.minY + c * (b.maxY - b.minY)] as const);
const place = placeIn(boxOf(graph));
const SPEED = 1.2;
const CUTOFF = 600;

/** A small random graph on a 1 km square: random edges, some of zero cost, often disconnected. */
const smallGraph = fc
  .record({
    nodes: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true })),
      { minLength: 2, maxLength: 40 },
    ),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 120 })), {
      minLength: 1,
      maxLength: 90,
    }),
  })
  .map(({ nodes, edges }) => {
    const n = nodes.length;
    const list = edges
      .map(([a, b, s]) => ({ from: a % n, to: b % n, seconds: s }))
      .filter((e) => e.from !== e.to);
    if (list.length === 0) list.push({ from: 0, to: 1, seconds: 10 });
    return buildGraph(
      nodes.map(([x, y]) => ({ x, y })),
      list,
    );
  });

/** A step of a scenario: add a facility at a place, or remove the facility in a slot (mod the slots so far). */
type Step = { add: XY } | { remove: number };
const stepsOver = (at: fc.Arbitrary<XY>) =>
  fc.array(
    fc.oneof(
      at.map((p): Step => ({ add: p })),
      fc.nat().map((k): Step => ({ remove: k })),
    ),
    { minLength: 1, maxLength: 10 },
  );

/** Applies the steps to a copy, checking after each one against a full computation over the live facilities. */
function checkSequence(
  g: WalkGraph,
  idx: EdgeIndex,
  base: readonly XY[],
  steps: readonly Step[],
  points: readonly XY[],
  cutoff: number,
) {
  const inc = new IncrementalNetworkReach(g, idx, base, points, SPEED, cutoff);
  const before = Array.from(inc.reachSeconds());
  expect(before).toEqual(Array.from(networkReachSeconds(g, idx, base, points, SPEED, cutoff)));
  const s = inc.copy();
  const facilities: Array<XY | null> = base.slice();
  for (const step of steps) {
    if ('add' in step) {
      const { slot } = s.add(step.add);
      expect(slot).toBe(facilities.length);
      facilities.push(step.add);
    } else if (facilities.length > 0) {
      const slot = step.remove % facilities.length;
      s.remove(slot);
      facilities[slot] = null;
    }
    const live = facilities.filter((f): f is XY => f !== null);
    expect(Array.from(s.reachSeconds())).toEqual(
      Array.from(networkReachSeconds(g, idx, live, points, SPEED, cutoff)),
    );
    // Every label names a live facility, exactly where a node is reached (one check over all nodes).
    const wrong = Array.from(s.labels).findIndex((l, v) =>
      s.times[v] === UNREACHABLE ? l !== -1 : facilities[l] === null || facilities[l] === undefined,
    );
    expect(wrong).toBe(-1);
  }
  // The baseline is untouched.
  expect(Array.from(inc.reachSeconds())).toEqual(before);
}

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

  it('equals the full network computation after random sequences of additions and removals', () => {
    fc.assert(
      fc.property(
        fc.array(place, { maxLength: 8 }),
        stepsOver(place),
        fc.array(place, { minLength: 1, maxLength: 60 }),
        (base, steps, points) => checkSequence(graph, index, base, steps, points, CUTOFF),
      ),
      { numRuns: 40 },
    );
    // Each run recomputes the 2,500-node network in full after every step: about 3 s alone, more on a busy machine.
  }, 60_000);

  it('equals the full computation on small random graphs with zero-cost arcs, ties and short cutoffs', () => {
    fc.assert(
      fc.property(
        smallGraph.chain((g) => {
          const at = placeIn(boxOf(g));
          return fc.tuple(
            fc.constant(g),
            fc.array(at, { maxLength: 6 }),
            stepsOver(at),
            fc.array(at, { minLength: 1, maxLength: 20 }),
            fc.integer({ min: 0, max: 900 }),
          );
        }),
        ([g, base, steps, points, cutoff]) =>
          checkSequence(g, buildEdgeIndex(g), base, steps, points, cutoff),
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('searches again only the nodes the removed facility labelled', () => {
    const base: XY[] = [
      [2000, 2000],
      [2600, 2000],
      [2000, 2600],
    ];
    const inc = new IncrementalNetworkReach(graph, index, base, [[2300, 2300]], SPEED, CUTOFF);
    const own = Array.from(inc.labels).filter((l) => l === 1).length;
    const s = inc.copy();
    expect(s.remove(1)).toBe(own);
    expect(own).toBeGreaterThan(0);
    // Removing it again, or a slot that never was, changes nothing.
    const times = s.times.slice();
    expect(s.remove(1)).toBe(0);
    expect(s.remove(99)).toBe(0);
    expect(Array.from(s.times)).toEqual(Array.from(times));
  });
});
