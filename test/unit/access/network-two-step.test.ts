/**
 * Network 2SFCA / E2SFCA (src/domain/access/network-two-step.ts): by arithmetic on a small grid, and
 * against a brute-force reading of the method over Floyd–Warshall times on random small graphs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/domain/access/graph.ts';
import { networkTwoStep, zoneTable } from '../../../src/domain/access/network-two-step.ts';
import type { DemandPoints } from '../../../src/domain/access/network-two-step.ts';
import { binaryZones, e2sfcaZones } from '../../../src/domain/access/two-step.ts';
import type { DecayZone } from '../../../src/domain/access/two-step.ts';
import { floydWarshall, gridGraph, smallGraph } from './brute-force.ts';

const points = (nodes: number[], offsets: number[], demand: number[]): DemandPoints => ({
  nodes: new Uint32Array(nodes),
  offsets: new Uint32Array(offsets),
  demand: new Float64Array(demand),
});

describe('networkTwoStep', () => {
  it('divides supply by the demand within walking time, then sums what each point reaches', () => {
    // A line of 4 nodes, 100 s apart. One facility of 10 places at node 0, catchment 250 s.
    const { nodes, edges } = gridGraph(4, 1, 100);
    const graph = buildGraph(nodes, edges);
    const r = networkTwoStep(
      graph,
      [{ node: 0 }],
      new Float64Array([10]),
      // Node 1 (100 s), node 2 (200 s + 40 s offset = 240 s), node 2 with 60 s offset (260 s: out), node 3.
      points([1, 2, 2, 3], [0, 40, 60, 0], [20, 20, 7, 50]),
      binaryZones(250),
    );
    expect(Array.from(r.ratio)).toEqual([0.25]);
    expect(Array.from(r.accessibility)).toEqual([0.25, 0.25, 0, 0]);
  });

  it('weights by zones and counts the facility offset (E2SFCA)', () => {
    const { nodes, edges } = gridGraph(4, 1, 100);
    const graph = buildGraph(nodes, edges);
    // Facility 50 s from node 0; catchment 900 s in zones 300 / 600 / 900.
    const r = networkTwoStep(
      graph,
      [{ node: 0, offsetSeconds: 50 }],
      new Float64Array([6.8]),
      points([0, 3], [0, 500], [10, 10]),
      e2sfcaZones(900),
    );
    // Times 50 s (weight 1) and 50 + 300 + 500 = 850 s (weight 0.22): demand 12.2.
    expect(r.ratio[0]).toBeCloseTo(6.8 / 12.2, 12);
    expect(r.accessibility[0]).toBeCloseTo(6.8 / 12.2, 12);
    expect(r.accessibility[1]).toBeCloseTo((0.22 * 6.8) / 12.2, 12);
  });

  it('gives ratio 0 to a facility without demand and handles empty inputs', () => {
    const { nodes, edges } = gridGraph(2, 1, 10);
    const graph = buildGraph(nodes, edges);
    const r = networkTwoStep(
      graph,
      [{ node: 0 }],
      new Float64Array([5]),
      points([1], [0], [0]),
      binaryZones(60),
    );
    expect(Array.from(r.ratio)).toEqual([0]);
    expect(Array.from(r.accessibility)).toEqual([0]);
    const empty = networkTwoStep(graph, [], new Float64Array(0), points([1], [0], [3]), binaryZones(60));
    expect(empty.ratio.length).toBe(0);
    expect(Array.from(empty.accessibility)).toEqual([0]);
  });

  it('rejects inputs that do not fit', () => {
    const { nodes, edges } = gridGraph(2, 1, 10);
    const graph = buildGraph(nodes, edges);
    const pts = points([1], [0], [1]);
    expect(() => networkTwoStep(graph, [{ node: 0 }], new Float64Array(2), pts, binaryZones(60))).toThrow(
      /supply/,
    );
    expect(() => networkTwoStep(graph, [{ node: 5 }], new Float64Array(1), pts, binaryZones(60))).toThrow(
      /node/,
    );
    expect(() =>
      networkTwoStep(graph, [{ node: 0 }], new Float64Array(1), points([9], [0], [1]), binaryZones(60)),
    ).toThrow(/points\.nodes\[0\]/);
    expect(() =>
      networkTwoStep(graph, [{ node: 0 }], new Float64Array(1), points([1], [0], [-1]), binaryZones(60)),
    ).toThrow(/points\.demand\[0\]/);
    expect(() =>
      networkTwoStep(graph, [{ node: 0 }], new Float64Array(1), pts, [{ upTo: 60, weight: -1 }]),
    ).toThrow(/weight/);
  });

  it('maps each second to the first zone that holds it', () => {
    const { zoneOf, reach } = zoneTable(e2sfcaZones(9));
    expect(reach).toBe(9);
    expect(Array.from(zoneOf)).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it('equals brute force over Floyd–Warshall times, for 2SFCA and E2SFCA', () => {
    const scenario = smallGraph.chain((g) =>
      fc.tuple(
        fc.constant(g),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: g.nodeCount - 1 }),
            fc.integer({ min: 0, max: 15 }),
            fc.integer({ min: 0, max: 100 }),
          ),
          { maxLength: 6 },
        ),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: g.nodeCount - 1 }),
            fc.integer({ min: 0, max: 15 }),
            fc.integer({ min: 0, max: 100 }),
          ),
          { maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(scenario, ([g, facs, pts, catchment, enhanced]) => {
        const zones: DecayZone[] = enhanced ? e2sfcaZones(catchment) : binaryZones(catchment);
        const w = (t: number) => zones.find((z) => t <= z.upTo)?.weight ?? 0;
        const d = floydWarshall(g.nodeCount, g.edges);
        const r = networkTwoStep(
          g.graph,
          facs.map(([node, offsetSeconds]) => ({ node, offsetSeconds })),
          new Float64Array(facs.map((f) => f[2])),
          points(
            pts.map((p) => p[0]),
            pts.map((p) => p[1]),
            pts.map((p) => p[2]),
          ),
          zones,
        );
        const time = (j: number, i: number) => facs[j]![1] + d[facs[j]![0]]![pts[i]![0]]! + pts[i]![1];
        const ratios = facs.map((f, j) => {
          const demand = pts.reduce((s, p, i) => s + w(time(j, i)) * p[2], 0);
          return demand > 0 ? f[2] / demand : 0;
        });
        expect(r.ratio.length).toBe(facs.length);
        expect(r.accessibility.length).toBe(pts.length);
        ratios.forEach((x, j) => expect(r.ratio[j]).toBeCloseTo(x, 9));
        pts.forEach((_, i) => {
          const a = facs.reduce((s, _f, j) => s + w(time(j, i)) * ratios[j]!, 0);
          expect(r.accessibility[i]).toBeCloseTo(a, 9);
        });
      }),
      { numRuns: 300 },
    );
  });
});
