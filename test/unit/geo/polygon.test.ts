/** Point in polygon (holes, multipolygons, real districts), bounding box, area and seeded sampling. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../../src/domain/geo/china-coordinates.ts';
import type { MultiPolygonGeometry, PolygonGeometry } from '../../../src/domain/geo/polygon.ts';
import { areaM2, boundingBox, pointInGeometry, randomPointIn } from '../../../src/domain/geo/polygon.ts';
import { createRandom } from '../../../src/domain/shared/random.ts';
import { chengduDistricts, district } from './boundaries.ts';

const square = (x0: number, y0: number, s: number) => [
  [x0, y0],
  [x0 + s, y0],
  [x0 + s, y0 + s],
  [x0, y0 + s],
  [x0, y0],
];
/** 0..10 square with a 4..6 hole; the hole is wound the same way on purpose (even-odd ignores winding). */
const holed: PolygonGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
/** Two parts: the holed square and a 20..21 island. */
const multi: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [holed.coordinates, [square(20, 20, 1)]],
};

describe('pointInGeometry', () => {
  it('tells inside from outside a square', () => {
    const g: PolygonGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
    expect(pointInGeometry([0.5, 0.5], g)).toBe(true);
    expect(pointInGeometry([1.5, 0.5], g)).toBe(false);
    expect(pointInGeometry([0.5, -0.1], g)).toBe(false);
  });

  it('excludes holes', () => {
    expect(pointInGeometry([2, 2], holed)).toBe(true);
    expect(pointInGeometry([5, 5], holed)).toBe(false);
    expect(pointInGeometry([6.5, 5], holed)).toBe(true);
  });

  it('includes every part of a multipolygon and excludes the gaps', () => {
    expect(pointInGeometry([20.5, 20.5], multi)).toBe(true);
    expect(pointInGeometry([2, 2], multi)).toBe(true);
    expect(pointInGeometry([5, 5], multi)).toBe(false);
    expect(pointInGeometry([15, 15], multi)).toBe(false);
  });

  it('places known Chengdu landmarks in exactly their district', () => {
    const where = (p: LonLat) =>
      chengduDistricts.filter((d) => pointInGeometry(p, d.geometry)).map((d) => d.properties.name);
    expect(where([104.0806, 30.6545])).toEqual(['锦江区']); // 春熙路
    expect(where([104.053, 30.669])).toEqual(['青羊区']); // 宽窄巷子
    expect(where([104.047, 30.646])).toEqual(['武侯区']); // 武侯祠
    expect(where([106.55, 29.56])).toEqual([]); // 重庆, outside the city
  });
});

describe('boundingBox and areaM2', () => {
  it('bounds every part', () => {
    expect(boundingBox(multi)).toEqual({ minLon: 0, minLat: 0, maxLon: 21, maxLat: 21 });
  });

  it('measures a 0.01° square on the equator as (1,111.95 m)², minus its hole', () => {
    const side = (6371008.8 * Math.PI) / 180 / 100;
    const g: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 0.01), square(0.004, 0.004, 0.002)],
    };
    expect(areaM2(g) / (side * side * (1 - 0.04))).toBeCloseTo(1, 6);
  });

  it('matches the geodesic area of every Chengdu district within 0.1%', () => {
    for (const d of chengduDistricts) {
      const km2 = areaM2(d.geometry) / 1e6;
      expect(Math.abs(km2 / d.properties.areaKm2 - 1), d.properties.name).toBeLessThan(0.001);
    }
  });
});

describe('randomPointIn', () => {
  it('puts every sampled point inside 锦江区, reproducibly', () => {
    const g = district('锦江区').geometry;
    const sample = (seed: number) => {
      const rnd = createRandom(seed);
      return Array.from({ length: 500 }, () => randomPointIn(g, rnd));
    };
    const points = sample(7);
    for (const p of points) expect(pointInGeometry(p, g)).toBe(true);
    expect(sample(7)).toEqual(points);
    expect(sample(8)).not.toEqual(points);
  });

  it('never lands in a hole and covers both sides of it', () => {
    const rnd = createRandom(1);
    const points = Array.from({ length: 2000 }, () => randomPointIn(holed, rnd));
    expect(points.every((p) => pointInGeometry(p, holed))).toBe(true);
    expect(points.some((p) => p[0] < 4)).toBe(true);
    expect(points.some((p) => p[0] > 6)).toBe(true);
  });

  it('fails with a clear error on an empty geometry', () => {
    const flat: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ],
      ],
    };
    expect(() => randomPointIn(flat, createRandom(1), 100)).toThrow(/bounding box/);
  });

  it('property: every sampled point lies inside its Chengdu district', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: chengduDistricts.length - 1 }), fc.integer(), (i, seed) => {
        const g = chengduDistricts[i]!.geometry;
        const rnd = createRandom(seed);
        for (let k = 0; k < 20; k++) expect(pointInGeometry(randomPointIn(g, rnd), g)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
