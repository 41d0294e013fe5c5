/** The seeded synthetic city network (src/domain/access/synthetic-network.ts). */
import { describe, expect, it } from 'vitest';
import type { WalkGraph } from '../../../src/domain/access/graph.ts';
import { checkGraphShape } from '../../../src/domain/access/graph.ts';
import { isochrone, createIsochroneWorkspace } from '../../../src/domain/access/isochrone.ts';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';

function componentCount(g: WalkGraph): number {
  const seen = new Uint8Array(g.nodeCount);
  let count = 0;
  const stack: number[] = [];
  for (let s = 0; s < g.nodeCount; s++) {
    if (seen[s]) continue;
    count++;
    seen[s] = 1;
    stack.push(s);
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let a = g.offsets[u]!; a < g.offsets[u + 1]!; a++) {
        const v = g.targets[a]!;
        if (!seen[v]) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
  }
  return count;
}

describe('generateSyntheticNetwork', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = generateSyntheticNetwork({ nodeCount: 5000, seed: 42 }).graph;
    const b = generateSyntheticNetwork({ nodeCount: 5000, seed: 42 }).graph;
    const c = generateSyntheticNetwork({ nodeCount: 5000, seed: 43 }).graph;
    expect(b).toEqual(a);
    expect(c.x).not.toEqual(a.x);
  });

  it.each([1, 2, 3, 7, 100, 999, 20_000])('has exactly %i nodes, a valid shape and one component', (n) => {
    const net = generateSyntheticNetwork({ nodeCount: n, seed: 7, removedShare: 0.5 });
    expect(net.graph.nodeCount).toBe(n);
    checkGraphShape(net.graph);
    expect(componentCount(net.graph)).toBe(1);
  });

  it('removes about the requested share, has bridges and costs of length / 1.2 m/s', () => {
    const net = generateSyntheticNetwork({ nodeCount: 40_000, seed: 1, removedShare: 0.2 });
    const gridSegments = 2 * 200 * 199;
    expect(net.removedSegments / gridSegments).toBeGreaterThan(0.17);
    expect(net.removedSegments / gridSegments).toBeLessThan(0.21);
    expect(net.bridgeCount).toBeGreaterThanOrEqual(2);
    const g = net.graph;
    for (let u = 0; u < 1000; u++)
      for (let a = g.offsets[u]!; a < g.offsets[u + 1]!; a++) {
        const v = g.targets[a]!;
        const metres = Math.hypot(g.x[u]! - g.x[v]!, g.y[u]! - g.y[v]!);
        expect(g.costs[a]).toBe(Math.max(1, Math.round(metres / 1.2)));
      }
  });

  it('with shuffled ids is the same network: same coordinates and times, other ids', () => {
    const plain = generateSyntheticNetwork({ nodeCount: 2000, seed: 5 }).graph;
    const shuffled = generateSyntheticNetwork({ nodeCount: 2000, seed: 5, shuffleIds: true }).graph;
    expect(shuffled.x).not.toEqual(plain.x);
    expect([...shuffled.x].sort()).toEqual([...plain.x].sort());
    expect([...shuffled.costs].sort()).toEqual([...plain.costs].sort());
    // Match nodes by coordinates and compare an isochrone from the same place.
    const key = (g: WalkGraph, i: number) => `${g.x[i]},${g.y[i]}`;
    const where = new Map<string, number>();
    for (let i = 0; i < 2000; i++) where.set(key(shuffled, i), i);
    const a = isochrone(createIsochroneWorkspace(plain), 1000, 600);
    const b = isochrone(createIsochroneWorkspace(shuffled), where.get(key(plain, 1000))!, 600);
    expect(b.count).toBe(a.count);
    expect([...b.seconds].sort()).toEqual([...a.seconds].sort());
  });

  it('rejects a bad node count', () => {
    expect(() => generateSyntheticNetwork({ nodeCount: 0, seed: 1 })).toThrow(/node count/);
  });
});
