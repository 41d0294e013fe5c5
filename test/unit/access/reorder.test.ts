/**
 * Hilbert reordering (src/domain/access/reorder.ts): it is a permutation, and every shortest time
 * computed on the reordered graph, mapped back through it, equals the time on the original.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestSources } from '../../../src/domain/access/nearest.ts';
import {
  hilbertIndex,
  hilbertKeys,
  hilbertOrder,
  reorderForLocality,
} from '../../../src/domain/access/reorder.ts';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';
import { floydWarshall, smallGraph } from './brute-force.ts';

describe('reorderForLocality', () => {
  it('preserves all shortest-path times and coordinates through the permutation', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const { graph, oldToNew, newToOld } = reorderForLocality(g.graph);
        const n = g.nodeCount;
        expect([...newToOld].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        for (let i = 0; i < n; i++) {
          expect(oldToNew[newToOld[i]!]).toBe(i);
          expect(graph.x[i]).toBe(g.graph.x[newToOld[i]!]);
          expect(graph.y[i]).toBe(g.graph.y[newToOld[i]!]);
        }
        const before = floydWarshall(n, g.edges);
        for (let a = 0; a < n; a++) {
          const { times } = nearestSources(graph, new Uint32Array([oldToNew[a]!]));
          for (let b = 0; b < n; b++) {
            const t = times[oldToNew[b]!]!;
            expect(t === 0xffffffff ? Infinity : t).toBe(before[a]![b]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('turns a shuffled synthetic network back into one whose arcs mostly stay near in id', () => {
    const net = generateSyntheticNetwork({ nodeCount: 10_000, seed: 3, shuffleIds: true });
    const spread = (g: typeof net.graph) => {
      let far = 0;
      for (let u = 0; u < g.nodeCount; u++)
        for (let a = g.offsets[u]!; a < g.offsets[u + 1]!; a++) if (Math.abs(g.targets[a]! - u) > 1000) far++;
      return far / g.targets.length;
    };
    expect(spread(net.graph)).toBeGreaterThan(0.8);
    expect(spread(reorderForLocality(net.graph).graph)).toBeLessThan(0.1);
  });

  it('hilbertIndex visits the 4 × 4 grid cell by cell (each step moves to a side neighbour)', () => {
    const cells: [number, number][] = [];
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) cells[hilbertIndex(2, x, y)] = [x, y];
    expect(cells.filter(Boolean)).toHaveLength(16);
    for (let i = 1; i < 16; i++) {
      const [ax, ay] = cells[i - 1]!;
      const [bx, by] = cells[i]!;
      expect(Math.abs(ax - bx) + Math.abs(ay - by)).toBe(1);
    }
  });
});

describe('hilbertKeys and the reordering of an ordered graph', () => {
  it('hilbertKeys equals hilbertIndex of order 16 on the cells of the bounding box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -5000, max: 5000 })), {
          minLength: 1,
          maxLength: 50,
        }),
        (pts) => {
          const x = new Float64Array(pts.map((p) => p[0]));
          const y = new Float64Array(pts.map((p) => p[1]));
          const minX = Math.min(...x);
          const maxX = Math.max(...x);
          const minY = Math.min(...y);
          const maxY = Math.max(...y);
          const sx = maxX > minX ? 65535 / (maxX - minX) : 0;
          const sy = maxY > minY ? 65535 / (maxY - minY) : 0;
          const keys = hilbertKeys(x, y);
          pts.forEach((_, i) => {
            const cx = Math.floor((x[i]! - minX) * sx);
            const cy = Math.floor((y[i]! - minY) * sy);
            expect(keys[i]).toBe(hilbertIndex(16, cx, cy));
          });
        },
      ),
    );
  });

  it('orders by curve index, ties by old id, and leaves an already ordered graph as it is', () => {
    const net = generateSyntheticNetwork({ nodeCount: 3000, seed: 5, shuffleIds: true });
    const once = reorderForLocality(net.graph);
    const keys = hilbertKeys(net.graph.x, net.graph.y);
    for (let i = 1; i < 3000; i++) {
      const a = once.newToOld[i - 1]!;
      const b = once.newToOld[i]!;
      expect(keys[a]! < keys[b]! || (keys[a] === keys[b] && a < b)).toBe(true);
    }
    const twice = reorderForLocality(once.graph);
    expect(twice.graph).toBe(once.graph);
    expect(Array.from(twice.newToOld)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(Array.from(hilbertOrder(once.graph.x, once.graph.y))).toEqual(Array.from(twice.newToOld));
  });
});
