/** Local equirectangular projection and haversine: scale, inverse, agreement near Chengdu. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../../src/domain/geo/china-coordinates.ts';
import { createLocalProjection, haversineMetres } from '../../../src/domain/geo/projection.ts';

const TIANFU: LonLat = [104.0657, 30.657];

describe('createLocalProjection', () => {
  it('maps 1° of latitude to ≈ 111.2 km (R·π/180 = 111,195 m)', () => {
    const p = createLocalProjection(TIANFU);
    const [x, y] = p.toMetres([TIANFU[0], TIANFU[1] + 1]);
    expect(x).toBe(0);
    expect(y).toBeCloseTo(111_195, 0);
    // 1° of longitude shrinks by cos 30.657° ≈ 0.8602: ≈ 95.65 km.
    expect(p.toMetres([TIANFU[0] + 1, TIANFU[1]])[0]).toBeCloseTo(
      111_195 * Math.cos((30.657 * Math.PI) / 180),
      0,
    );
  });

  it('puts the origin at (0, 0) and round-trips any point', () => {
    const p = createLocalProjection(TIANFU);
    expect(p.toMetres(TIANFU)).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.double({ min: 102.9, max: 104.9, noNaN: true }),
        fc.double({ min: 30.0, max: 31.5, noNaN: true }),
        (lon, lat) => {
          const [lon2, lat2] = p.toLonLat(p.toMetres([lon, lat]));
          expect(Math.abs(lon2 - lon)).toBeLessThan(1e-9);
          expect(Math.abs(lat2 - lat)).toBeLessThan(1e-9);
        },
      ),
    );
  });
});

describe('haversineMetres', () => {
  it('gives 111.2 km for 1° of latitude and 0 for the same point', () => {
    expect(haversineMetres([104, 30], [104, 31])).toBeCloseTo(111_195, 0);
    expect(haversineMetres(TIANFU, TIANFU)).toBe(0);
  });

  it('agrees with projected distance within 0.5% over 20 km near Chengdu', () => {
    const p = createLocalProjection(TIANFU);
    // Offsets within ±0.1° lat / ±0.12° lon of Tianfu Square: up to ~11 km each way, ~22 km apart.
    const near = fc.tuple(
      fc.double({ min: -0.12, max: 0.12, noNaN: true }),
      fc.double({ min: -0.1, max: 0.1, noNaN: true }),
    );
    fc.assert(
      fc.property(near, near, ([dx1, dy1], [dx2, dy2]) => {
        const a: LonLat = [TIANFU[0] + dx1, TIANFU[1] + dy1];
        const b: LonLat = [TIANFU[0] + dx2, TIANFU[1] + dy2];
        const h = haversineMetres(a, b);
        fc.pre(h > 100 && h <= 20_000);
        const [ax, ay] = p.toMetres(a);
        const [bx, by] = p.toMetres(b);
        expect(Math.abs(Math.hypot(bx - ax, by - ay) - h) / h).toBeLessThan(0.005);
      }),
    );
  });
});
