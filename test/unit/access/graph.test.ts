/** Building the CSR walking graph (src/domain/access/graph.ts): arcs both ways, clear errors. */
import { describe, expect, it } from 'vitest';
import { buildGraph, checkGraphShape } from '../../../src/domain/access/graph.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

const nodes = [
  { x: 0, y: 0 },
  { x: 100, y: 0 },
  { x: 100, y: 100 },
];

describe('buildGraph', () => {
  it('stores every edge as two arcs in CSR order', () => {
    const g = buildGraph(nodes, [
      { from: 0, to: 1, seconds: 83 },
      { from: 1, to: 2, seconds: 90 },
    ]);
    expect(g.nodeCount).toBe(3);
    expect(Array.from(g.offsets)).toEqual([0, 1, 3, 4]);
    expect(Array.from(g.targets)).toEqual([1, 0, 2, 1]);
    expect(Array.from(g.costs)).toEqual([83, 83, 90, 90]);
    checkGraphShape(g);
  });

  it.each([
    [{ from: 0, to: 3, seconds: 1 }, 'edges[0].to'],
    [{ from: -1, to: 1, seconds: 1 }, 'edges[0].from'],
    [{ from: 1, to: 1, seconds: 1 }, 'self-loop'],
    [{ from: 0, to: 1, seconds: 1.5 }, 'edges[0].seconds'],
    [{ from: 0, to: 1, seconds: 70_000 }, 'edges[0].seconds'],
  ])('rejects %o naming %s', (edge, field) => {
    let err: unknown;
    try {
      buildGraph(nodes, [edge]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FuwuError);
    expect((err as FuwuError).message).toContain(field);
    expect((err as FuwuError).code).toBe('invalid_input');
  });

  it('rejects a non-finite coordinate', () => {
    expect(() => buildGraph([{ x: NaN, y: 0 }], [])).toThrow(/nodes\[0\]/);
  });
});
