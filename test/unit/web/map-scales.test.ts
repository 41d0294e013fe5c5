/**
 * The coverage map's pure helpers: classes of walking time (inclusive bounds, none in reach), their
 * labels and counts, coverage-share and norm-gap classes, facility colours, the convex hull that
 * outlines an isochrone (checked against brute force on random points) and catchment counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catchmentOf,
  classCounts,
  convexHull,
  facilityColour,
  gapClassOf,
  MINUTE_CLASSES,
  MINUTE_COLOURS,
  minuteClass,
  minuteClassLabel,
  NONE_CLASS,
  shareClassOf,
} from '../../../src/web/components/map/map-scales.ts';

describe('walking-time classes', () => {
  it('puts each time in the first class whose bound it does not exceed', () => {
    expect(minuteClass(0)).toBe(0);
    expect(minuteClass(300)).toBe(0); // exactly 5 minutes
    expect(minuteClass(300.1)).toBe(1);
    expect(minuteClass(600)).toBe(1);
    expect(minuteClass(900)).toBe(2);
    expect(minuteClass(901)).toBe(3);
    expect(minuteClass(1800)).toBe(3);
    expect(minuteClass(1801)).toBe(4);
    expect(minuteClass(null)).toBe(NONE_CLASS);
    expect(minuteClass(Infinity)).toBe(NONE_CLASS);
    expect(MINUTE_CLASSES).toBe(MINUTE_COLOURS.length);
  });

  it('is monotone in time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(minuteClass(lo)).toBeLessThanOrEqual(minuteClass(hi));
        },
      ),
    );
  });

  it('labels the classes in both languages, the last with the search limit', () => {
    expect(minuteClassLabel(0, 45)).toEqual({ zh: '≤ 5 分钟', en: '≤ 5 min' });
    expect(minuteClassLabel(3, 45)).toEqual({ zh: '≤ 30 分钟', en: '≤ 30 min' });
    expect(minuteClassLabel(4, 45)).toEqual({ zh: '> 30 分钟', en: '> 30 min' });
    expect(minuteClassLabel(5, 45)).toEqual({ zh: '45 分钟内无设施', en: 'none within 45 min' });
  });

  it('counts points and people per class', () => {
    const classes = [0, 0, 2, 5, 5, 5];
    const population = [10, 20, 5, 1, 2, 3];
    expect(classCounts(classes, population, MINUTE_CLASSES)).toEqual([
      { points: 2, population: 30 },
      { points: 0, population: 0 },
      { points: 1, population: 5 },
      { points: 0, population: 0 },
      { points: 0, population: 0 },
      { points: 3, population: 6 },
    ]);
  });
});

describe('district classes', () => {
  it('shares in five equal classes, none without a share', () => {
    expect(shareClassOf(0)).toBe(0);
    expect(shareClassOf(0.2)).toBe(1);
    expect(shareClassOf(0.999)).toBe(4);
    expect(shareClassOf(1)).toBe(4);
    expect(shareClassOf(null)).toBe(-1);
    expect(shareClassOf(undefined)).toBe(-1);
  });

  it('gaps by the share of the requirement missing, none when not computable', () => {
    const row = (required: number | null, gap: number | null, computable = true) => ({
      computable,
      required,
      gap,
    });
    expect(gapClassOf(row(100, 0))).toBe(0);
    expect(gapClassOf(row(100, 25))).toBe(1);
    expect(gapClassOf(row(100, 25.1))).toBe(2);
    expect(gapClassOf(row(100, 50))).toBe(2);
    expect(gapClassOf(row(100, 75))).toBe(3);
    expect(gapClassOf(row(100, 100))).toBe(4);
    expect(gapClassOf(row(0, 0))).toBe(0);
    expect(gapClassOf(row(null, null, false))).toBe(-1);
    expect(gapClassOf(row(100, 10, false))).toBe(-1);
  });
});

describe('facility colours', () => {
  it('gives neighbouring facilities different colours and grey to none', () => {
    expect(facilityColour(-1)).toBe('#9a9a9a');
    const colours = Array.from({ length: 50 }, (_, i) => facilityColour(i));
    for (let i = 1; i < colours.length; i++) expect(colours[i]).not.toBe(colours[i - 1]);
    expect(new Set(colours).size).toBe(50);
    expect(colours[0]).toMatch(/^hsl\(\d+ 70% \d+%\)$/);
  });
});

describe('convex hull', () => {
  it('outlines a square with an inner point, closed and counter-clockwise', () => {
    const hull = convexHull([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0.5, 0.5],
      [0.5, 0],
    ]);
    expect(hull).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('returns what there is for fewer than three distinct points', () => {
    expect(convexHull([])).toEqual([]);
    expect(
      convexHull([
        [1, 2],
        [1, 2],
      ]),
    ).toEqual([[1, 2]]);
  });

  it('contains every point, and every hull vertex is an input point (brute force)', () => {
    const point = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 40 }), (pts) => {
        const hull = convexHull(pts as Array<[number, number]>);
        if (hull.length < 4) return; // collinear input
        expect(hull[0]).toEqual(hull[hull.length - 1]);
        for (const v of hull) expect(pts.some((p) => p[0] === v[0] && p[1] === v[1])).toBe(true);
        // Every point lies on the left of (or on) each counter-clockwise edge.
        for (let k = 0; k + 1 < hull.length; k++) {
          const a = hull[k] as [number, number];
          const b = hull[k + 1] as [number, number];
          for (const p of pts) {
            const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
            expect(cross).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });
});

describe('catchments', () => {
  it('counts the points and people whose nearest facility is the one chosen', () => {
    expect(catchmentOf([0, 1, 1, -1, 1], [5, 6, 7, 8, 9], 1)).toEqual({ points: 3, population: 22 });
    expect(catchmentOf([0, 1], [5, 6], 2)).toEqual({ points: 0, population: 0 });
  });
});
