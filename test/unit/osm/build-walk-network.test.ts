import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WalkGraph } from '../../../src/domain/access/graph.ts';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { nearestSources } from '../../../src/domain/access/nearest.ts';
import {
  WalkNetworkBuilder,
  buildWalkNetwork,
  finishBuild,
} from '../../../src/domain/osm/build-walk-network.ts';
import { readOsmXml } from '../../../src/domain/osm/osm-xml.ts';
import { buildEdgeIndex, snapPoint, snapSources } from '../../../src/domain/osm/snap.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { readOsmNetworkFile } from '../../../src/store/network/osm-file.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/osm/small-grid.osm', import.meta.url));
const data = readOsmXml(readFileSync(FIXTURE, 'utf8'));
const net = buildWalkNetwork(data);
const node = (osmId: number) => {
  const k = net.osmNodeIds.indexOf(osmId);
  expect(k).toBeGreaterThanOrEqual(0);
  return k;
};
const arcSeconds = (g: WalkGraph, a: number, b: number) => {
  for (let p = g.offsets[a]!; p < g.offsets[a + 1]!; p++) if (g.targets[p] === b) return g.costs[p]!;
  return undefined;
};

/** Textbook Dijkstra with a linear scan for the minimum: shares no code with the bucket queue. */
function dijkstra(g: WalkGraph, seeds: { node: number; offsetSeconds?: number }[]): number[] {
  const dist = new Array<number>(g.nodeCount).fill(Infinity);
  const done = new Array<boolean>(g.nodeCount).fill(false);
  for (const s of seeds) dist[s.node] = Math.min(dist[s.node]!, s.offsetSeconds ?? 0);
  for (;;) {
    let u = -1;
    for (let k = 0; k < g.nodeCount; k++)
      if (!done[k] && dist[k]! < Infinity && (u < 0 || dist[k]! < dist[u]!)) u = k;
    if (u < 0) return dist;
    done[u] = true;
    for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++) {
      const v = g.targets[p]!;
      dist[v] = Math.min(dist[v]!, dist[u]! + g.costs[p]!);
    }
  }
}

// Hand arithmetic: 0.001° of longitude at 30.65° N is R·cos(30.65°)·0.001·π/180
// = 6,371,008.8 × 0.860259 × 1.745329e-5 ≈ 95.66 m → 95.66 / 1.2 = 79.7 → 80 s;
// 0.001° of latitude is 111.195 m → 92.66 → 93 s.
const EW_METRES = 6371008.8 * Math.cos((30.65 * Math.PI) / 180) * 0.001 * (Math.PI / 180);
const NS_METRES = 6371008.8 * 0.001 * (Math.PI / 180);

describe('buildWalkNetwork on the hand-made fixture', () => {
  it('counts ways, nodes and edges and the reasons for exclusion', () => {
    expect(data.nodes).toHaveLength(23);
    expect(net.stats).toMatchObject({
      ways: 16,
      walkableWays: 9,
      inputNodes: 23,
      // Nodes 1–10, 12–16 of the grid and 30–32 of the detached path; 11 only on excluded ways.
      nodes: 18,
      // 3+3+3+3 (rows 0, 1 and columns 0, 3) + 1 steps + 3 row 3 + 1 private-but-foot=yes + 1 cycleway + 2 path
      edges: 20,
      missingNodeRefs: 0,
      excludedByTag: {
        not_highway: 1,
        foot_no: 2,
        not_built: 1,
        platform: 0,
        motor_road: 1,
        not_walkable_highway: 0,
        access: 1,
        area: 1,
      },
    });
    expect(net.graph.nodeCount).toBe(18);
    expect(net.graph.targets.length).toBe(40);
    expect([...net.osmNodeIds].sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 30, 31, 32,
    ]);
  });

  it('takes edge seconds from the geometry', () => {
    expect(EW_METRES).toBeCloseTo(95.66, 2);
    expect(Math.round(EW_METRES / 1.2)).toBe(80);
    expect(Math.round(NS_METRES / 1.2)).toBe(93);
    const g = net.graph;
    expect(arcSeconds(g, node(1), node(2))).toBe(80);
    expect(arcSeconds(g, node(2), node(1))).toBe(80);
    expect(arcSeconds(g, node(1), node(5))).toBe(93);
    expect(arcSeconds(g, node(9), node(10))).toBe(80); // steps
    expect(arcSeconds(g, node(3), node(7))).toBe(93); // access=private, foot=yes
    expect(arcSeconds(g, node(2), node(6))).toBe(93); // cycleway
    expect(arcSeconds(g, node(6), node(10))).toBeUndefined(); // foot=no
    expect(arcSeconds(g, node(10), node(12))).toBeUndefined(); // motorway
    expect(arcSeconds(g, node(14), node(10))).toBeUndefined(); // cycleway foot=no
    // East–west: rows 0, 1, 3 (3 each), the steps and 30–31: 11; north–south: columns 0 and 3
    // (3 each), 3–7, 2–6 and 31–32: 9.
    expect(net.stats.totalLengthMetres).toBeCloseTo(11 * EW_METRES + 9 * NS_METRES, 0);
  });

  it('projects around the centre of the kept nodes', () => {
    expect(net.projection.origin[0]).toBeCloseTo(104.063, 9);
    expect(net.projection.origin[1]).toBeCloseTo(30.653, 9);
    const k = node(1);
    expect(net.graph.x[k]).toBeCloseTo(-3 * EW_METRES, 0);
    expect(net.graph.y[k]).toBeCloseTo(-3 * NS_METRES, 0);
  });

  it('gives hand-computed and brute-force times to the nearest facility', () => {
    const g = net.graph;
    const r = nearestSources(g, [{ node: node(1) }]);
    expect(r.times[node(10)]).toBe(93 + 93 + 80); // 1→5→9→10 by the steps
    expect(r.times[node(7)]).toBe(80 + 80 + 93); // 1→2→3→7 (or 1→5→6→7)
    expect(r.times[node(16)]).toBe(3 * 80 + 3 * 93);
    expect(r.times[node(30)]).toBe(0xffff_ffff); // the detached path
    const facilities = [
      { node: node(6) },
      { node: node(16), offsetSeconds: 20 },
      { node: node(31), offsetSeconds: 5 },
    ];
    const got = nearestSources(g, facilities);
    const want = dijkstra(g, facilities);
    for (let k = 0; k < g.nodeCount; k++)
      expect(got.times[k]).toBe(want[k] === Infinity ? 0xffff_ffff : want[k]);
  });

  it('reorders for locality and keeps the OSM ids with their nodes', () => {
    const re = buildWalkNetwork(data, { reorder: true });
    expect(re.graph.nodeCount).toBe(18);
    for (let k = 0; k < 18; k++) {
      const orig = node(re.osmNodeIds[k]!);
      expect(re.graph.x[k]).toBe(net.graph.x[orig]);
      expect(re.graph.y[k]).toBe(net.graph.y[orig]);
    }
  });

  it('uses the configured speed and splits ways at missing nodes', () => {
    const slow = buildWalkNetwork(data, { speedMps: 0.8 });
    const k1 = slow.osmNodeIds.indexOf(1);
    const k2 = slow.osmNodeIds.indexOf(2);
    expect(arcSeconds(slow.graph, k1, k2)).toBe(Math.round(EW_METRES / 0.8));
    const cut = buildWalkNetwork({
      nodes: data.nodes.filter((n) => n.id !== 2),
      ways: data.ways.filter((w) => w.id === 101),
    });
    // Way 1-2-3-4 without node 2: only 3-4 remains.
    expect(cut.stats).toMatchObject({ nodes: 2, edges: 1, missingNodeRefs: 1 });
    expect(() => buildWalkNetwork(data, { speedMps: 0 })).toThrow(FuwuError);
  });

  it('streams: ways, then only the nodes they use are kept; nodes before ways are refused', () => {
    const b = new WalkNetworkBuilder();
    for (const w of data.ways) b.addWay(w.id, Int32Array.from(w.refs), w.tags);
    expect(b.needs(1)).toBe(true);
    expect(b.needs(11)).toBe(false); // only on excluded ways
    expect(b.needs(20)).toBe(false); // on the area=yes outline
    for (const n of [...data.nodes].reverse()) b.addNode(n.id, n.lat, n.lon);
    const streamed = finishBuild(b);
    expect(streamed.stats).toEqual(net.stats);
    expect([...streamed.osmNodeIds].sort()).toEqual([...net.osmNodeIds].sort());
    expect(() => b.addWay(1, [1, 2], { highway: 'path' })).toThrow(/ways must come before nodes/);
  });

  it('reads the fixture from disk, streamed, to the same network', async () => {
    const fromFile = await readOsmNetworkFile(FIXTURE);
    expect(fromFile.stats).toEqual(net.stats);
    expect(fromFile.graph).toEqual(net.graph);
    expect(fromFile.osmNodeIds).toEqual(net.osmNodeIds);
  });
});

describe('snapping', () => {
  it('a point on an edge midpoint gets half the edge seconds to each end', () => {
    const g = net.graph;
    const a = node(1);
    const b = node(2);
    const mx = (g.x[a]! + g.x[b]!) / 2;
    const my = (g.y[a]! + g.y[b]!) / 2;
    const { sources, pointOf, snaps } = snapSources(g, [[mx, my]]);
    const s = snaps[0]!;
    expect(s.distanceMetres).toBeCloseTo(0, 9);
    expect(s.secondsToU).toBeCloseTo(40, 9);
    expect(s.secondsToV).toBeCloseTo(40, 9);
    expect(new Set([s.u, s.v])).toEqual(new Set([a, b]));
    expect(sources.map((x) => x.offsetSeconds)).toEqual([40, 40]);
    expect([...pointOf]).toEqual([0, 0]);
  });

  it('adds the snapping distance as walking time', () => {
    const g = net.graph;
    const a = node(1);
    const b = node(2);
    // 12 m south of the point a quarter of the way from node 1 to node 2.
    const px = g.x[a]! + 0.25 * (g.x[b]! - g.x[a]!);
    const py = g.y[a]! - 12;
    const s = snapPoint(buildEdgeIndex(g), px, py);
    expect(s.distanceMetres).toBeCloseTo(12, 6);
    expect(s.snapSeconds).toBeCloseTo(10, 6);
    const toA = s.u === a ? s.secondsToU : s.secondsToV;
    expect(toA).toBeCloseTo(20, 6);
    const { sources } = snapSources(g, [[px, py]]);
    const offsets = new Map(sources.map((x) => [x.node, x.offsetSeconds]));
    expect(offsets.get(a)).toBe(30); // 10 s to the street + 20 s along it
    expect(offsets.get(b)).toBe(70); // 10 + 60
  });

  it('finds the same distance as a scan of all edges, never farther than any node (property)', () => {
    const g = net.graph;
    const index = buildEdgeIndex(g, 37);
    const segDist = (px: number, py: number, u: number, v: number) => {
      const dx = g.x[v]! - g.x[u]!;
      const dy = g.y[v]! - g.y[u]!;
      const t = Math.max(0, Math.min(1, ((px - g.x[u]!) * dx + (py - g.y[u]!) * dy) / (dx * dx + dy * dy)));
      return Math.hypot(g.x[u]! + t * dx - px, g.y[u]! + t * dy - py);
    };
    fc.assert(
      fc.property(
        fc.double({ min: -800, max: 800, noNaN: true }),
        fc.double({ min: -800, max: 800, noNaN: true }),
        (px, py) => {
          const s = snapPoint(index, px, py);
          let brute = Infinity;
          for (let u = 0; u < g.nodeCount; u++) {
            expect(s.distanceMetres).toBeLessThanOrEqual(Math.hypot(g.x[u]! - px, g.y[u]! - py) + 1e-9);
            for (let p = g.offsets[u]!; p < g.offsets[u + 1]!; p++)
              brute = Math.min(brute, segDist(px, py, u, g.targets[p]!));
          }
          expect(s.distanceMetres).toBeCloseTo(brute, 9);
          expect(s.secondsToU + s.secondsToV).toBeCloseTo(index.seconds[s.edge]!, 9);
        },
      ),
    );
  });

  it('snapped facilities give brute-force times on random graphs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
          minLength: 2,
          maxLength: 10,
        }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (cells, pts) => {
          const nodes = [...new Set(cells.map(([i, j]) => `${i},${j}`))].map((s) => {
            const [i, j] = s.split(',').map(Number);
            return { x: i! * 50, y: j! * 50 };
          });
          if (nodes.length < 2) return;
          const edges = nodes.slice(1).map((nd, k) => ({
            from: k,
            to: k + 1,
            seconds: Math.round(Math.hypot(nd.x - nodes[k]!.x, nd.y - nodes[k]!.y) / 1.2),
          }));
          const g = buildGraph(nodes, edges);
          const { sources } = snapSources(
            g,
            pts.map(([i, j]) => [i * 37 + 3, j * 41 + 1] as const),
          );
          const got = nearestSources(g, sources);
          const want = dijkstra(g, sources);
          for (let k = 0; k < g.nodeCount; k++) expect(got.times[k]).toBe(want[k]);
        },
      ),
    );
  });

  it('rejects a graph without edges', () => {
    expect(() => buildEdgeIndex(buildGraph([{ x: 0, y: 0 }], []))).toThrow(FuwuError);
  });
});
