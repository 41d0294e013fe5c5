/** 2SFCA and E2SFCA against a brute-force reading of the method, and by arithmetic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryZones, e2sfcaZones, twoStepFloatingCatchment } from '../../../src/domain/access/two-step.ts';

const xy = fc.record({
  x: fc.double({ min: 0, max: 3000, noNaN: true }),
  y: fc.double({ min: 0, max: 3000, noNaN: true }),
});

describe('twoStepFloatingCatchment', () => {
  it('divides supply by the demand it serves, then sums what each point reaches', () => {
    // One facility of 10 places serving two points of 20 children each within 500 m: 0.25 places per child.
    const r = twoStepFloatingCatchment(
      [
        { x: 0, y: 100 },
        { x: 0, y: 400 },
        { x: 0, y: 5000 },
      ],
      [20, 20, 50],
      [{ x: 0, y: 0 }],
      [10],
      binaryZones(500),
    );
    expect(Array.from(r.ratios)).toEqual([0.25]);
    expect(Array.from(r.accessibility)).toEqual([0.25, 0.25, 0]);
  });

  it('weights demand and access by distance zones in E2SFCA', () => {
    const r = twoStepFloatingCatchment(
      [
        { x: 0, y: 100 },
        { x: 0, y: 800 },
      ],
      [10, 10],
      [{ x: 0, y: 0 }],
      [6.8],
      e2sfcaZones(900),
    );
    // Weighted demand 10 × 1 + 10 × 0.22 = 12.2; ratio 6.8 / 12.2.
    expect(r.ratios[0]).toBeCloseTo(6.8 / 12.2, 12);
    expect(r.accessibility[0]).toBeCloseTo(6.8 / 12.2, 12);
    expect(r.accessibility[1]).toBeCloseTo((0.22 * 6.8) / 12.2, 12);
  });

  it('equals brute force, and total accessibility × demand equals the supply reached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(xy, fc.nat(100)), { maxLength: 30 }),
        fc.array(fc.tuple(xy, fc.nat(100)), { maxLength: 10 }),
        fc.constantFrom(300, 900),
        fc.boolean(),
        (pts, facs, catchment, enhanced) => {
          const zones = enhanced ? e2sfcaZones(catchment) : binaryZones(catchment);
          const w = (d: number) => zones.find((z) => d <= z.upTo)?.weight ?? 0;
          const r = twoStepFloatingCatchment(
            pts.map((p) => p[0]),
            pts.map((p) => p[1]),
            facs.map((f) => f[0]),
            facs.map((f) => f[1]),
            zones,
          );
          const dist = (a: { x: number; y: number }, b: { x: number; y: number }) =>
            Math.hypot(a.x - b.x, a.y - b.y);
          const ratios = facs.map(([f, s]) => {
            const d = pts.reduce((sum, [p, n]) => sum + w(dist(p, f)) * n, 0);
            return d > 0 ? s / d : 0;
          });
          ratios.forEach((x, j) => expect(r.ratios[j]).toBeCloseTo(x, 9));
          pts.forEach(([p], i) => {
            const a = facs.reduce((sum, [f], j) => sum + w(dist(p, f)) * (ratios[j] as number), 0);
            expect(r.accessibility[i]).toBeCloseTo(a, 9);
          });
          // In plain 2SFCA the demand-weighted sum of accessibility is the supply of facilities with any demand.
          if (!enhanced) {
            const served = facs.reduce(
              (s, [f, sup]) => s + (pts.some(([p, n]) => n > 0 && dist(p, f) <= catchment) ? sup : 0),
              0,
            );
            const total = pts.reduce((s, [, n], i) => s + n * (r.accessibility[i] as number), 0);
            expect(total).toBeCloseTo(served, 6);
          }
        },
      ),
    );
  });
});
