/** The straight-line fallback against brute force, and the coverage report by arithmetic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageReport } from '../../../src/domain/access/coverage-report.ts';
import {
  kNearestStraightLine,
  nearestStraightLine,
  straightLineMinutes,
} from '../../../src/domain/access/straight-line.ts';
import type { BandCounts } from '../../../src/domain/people/age-bands.ts';

const xy = fc.record({
  x: fc.double({ min: -5000, max: 5000, noNaN: true }),
  y: fc.double({ min: -5000, max: 5000, noNaN: true }),
});

describe('nearestStraightLine', () => {
  it('equals brute force within the limit and Infinity beyond', () => {
    fc.assert(
      fc.property(
        fc.array(xy, { maxLength: 40 }),
        fc.array(xy, { maxLength: 40 }),
        fc.double({ min: 10, max: 3000, noNaN: true }),
        (points, facilities, max) => {
          const got = nearestStraightLine(points, facilities, max);
          points.forEach((p, i) => {
            const best = Math.min(Infinity, ...facilities.map((f) => Math.hypot(f.x - p.x, f.y - p.y)));
            if (best <= max) expect(got[i]).toBeCloseTo(best, 9);
            else expect(got[i]).toBe(Infinity);
          });
        },
      ),
    );
  });

  it('turns 1,080 m at detour 1 and 1.2 m/s into 15 minutes', () => {
    expect(straightLineMinutes(1080, 1, 1.2)).toBeCloseTo(15, 12);
    expect(straightLineMinutes(1080, 1.3, 1.2)).toBeCloseTo(19.5, 12);
  });
});

describe('coverageReport', () => {
  const bands = (n: number): BandCounts => ({
    '0-2': n,
    '3-5': 0,
    '6-14': 0,
    '15-59': n,
    '60-64': 0,
    '65-79': 0,
    '80+': n,
  });
  const point = (id: string, districtCode: string, n: number) => ({
    id,
    districtCode,
    lon: 0,
    lat: 0,
    population: bands(n),
    total: 3 * n,
  });

  it('sums covered people by district and band and lists the uncovered, largest first', () => {
    const points = [point('a', 'D1', 10), point('b', 'D1', 30), point('c', 'D2', 20)];
    const r = coverageReport(points, Float64Array.from([100, 900, Infinity]), 500);
    expect(r.all).toEqual({ population: 180, covered: 30, share: 30 / 180 });
    expect(r.byDistrict).toEqual([
      { districtCode: 'D1', population: 120, covered: 30, share: 0.25 },
      { districtCode: 'D2', population: 60, covered: 0, share: 0 },
    ]);
    expect(r.byBand['80+']).toEqual({ population: 60, covered: 10, share: 10 / 60 });
    expect(r.byBand['3-5']).toEqual({ population: 0, covered: 0, share: null });
    expect(r.uncovered.map((u) => [u.id, u.distanceMetres])).toEqual([
      ['b', 900],
      ['c', null],
    ]);
  });
});

describe('k nearest in a straight line', () => {
  it('gives the k smallest distances within the limit, ascending, Infinity beyond', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }),
          {
            maxLength: 12,
          },
        ),
        fc.array(
          fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }),
          {
            maxLength: 12,
          },
        ),
        fc.integer({ min: 1, max: 1500 }),
        fc.integer({ min: 1, max: 4 }),
        (points, facilities, max, k) => {
          const got = kNearestStraightLine(points, facilities, max, k);
          points.forEach((p, i) => {
            const all = facilities
              .map((f) => Math.hypot(f.x - p.x, f.y - p.y))
              .filter((d) => d <= max)
              .sort((a, b) => a - b);
            for (let q = 0; q < k; q++) expect(got[i * k + q]).toBe(all[q] ?? Infinity);
          });
        },
      ),
    );
  });
});
