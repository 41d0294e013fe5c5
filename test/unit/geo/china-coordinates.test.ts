/** GCJ-02 / BD-09 ↔ WGS84: known offsets at Chengdu, exact round trips, identity outside China. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../../src/domain/geo/china-coordinates.ts';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  isOutsideChina,
  toWgs84,
  wgs84ToGcj02,
} from '../../../src/domain/geo/china-coordinates.ts';
import { haversineMetres } from '../../../src/domain/geo/projection.ts';

/** Tianfu Square, Chengdu (WGS84). */
const TIANFU: LonLat = [104.0657, 30.657];

const maxDiff = (a: LonLat, b: LonLat) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
const chengdu = fc.tuple(
  fc.double({ min: 102.9, max: 104.9, noNaN: true }),
  fc.double({ min: 30.0, max: 31.5, noNaN: true }),
);

describe('GCJ-02', () => {
  it('shifts a Chengdu point by a few hundred metres, east and south', () => {
    const gcj = wgs84ToGcj02(TIANFU);
    const m = haversineMetres(TIANFU, gcj);
    expect(m).toBeGreaterThan(100);
    expect(m).toBeLessThan(800);
    // The pack's boundaries.geojson notes the same direction: ~+200..300 m E, ~-300 m N.
    expect(gcj[0]).toBeGreaterThan(TIANFU[0]);
    expect(gcj[1]).toBeLessThan(TIANFU[1]);
  });

  it('inverts the forward shift to better than 1e-7°', () => {
    expect(maxDiff(gcj02ToWgs84(wgs84ToGcj02(TIANFU)), TIANFU)).toBeLessThan(1e-7);
  });

  it('leaves points outside China unchanged', () => {
    const paris: LonLat = [2.3522, 48.8566];
    expect(isOutsideChina(...paris)).toBe(true);
    expect(wgs84ToGcj02(paris)).toEqual(paris);
    expect(gcj02ToWgs84(paris)).toEqual(paris);
    expect(isOutsideChina(...TIANFU)).toBe(false);
  });

  it('round-trips anywhere in the Chengdu box within 1e-6° (both directions)', () => {
    fc.assert(
      fc.property(chengdu, ([lon, lat]) => {
        const p: LonLat = [lon, lat];
        expect(maxDiff(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(1e-6);
        expect(maxDiff(wgs84ToGcj02(gcj02ToWgs84(p)), p)).toBeLessThan(1e-6);
      }),
    );
  });
});

describe('BD-09', () => {
  it('lies further from WGS84 than GCJ-02 does (~1 km at Chengdu)', () => {
    const bd = gcj02ToBd09(wgs84ToGcj02(TIANFU));
    const m = haversineMetres(TIANFU, bd);
    expect(m).toBeGreaterThan(500);
    expect(m).toBeLessThan(2000);
    expect(maxDiff(bd09ToWgs84(bd), TIANFU)).toBeLessThan(1e-7);
  });

  it('round-trips anywhere in the Chengdu box within 1e-6°', () => {
    fc.assert(
      fc.property(chengdu, ([lon, lat]) => {
        const p: LonLat = [lon, lat];
        expect(maxDiff(bd09ToGcj02(gcj02ToBd09(p)), p)).toBeLessThan(1e-6);
        expect(maxDiff(bd09ToWgs84(gcj02ToBd09(wgs84ToGcj02(p))), p)).toBeLessThan(1e-6);
      }),
    );
  });
});

describe('toWgs84', () => {
  it('converts by the declared system and copies WGS84 as is', () => {
    const gcj = wgs84ToGcj02(TIANFU);
    const bd = gcj02ToBd09(gcj);
    expect(toWgs84(TIANFU, 'wgs84')).toEqual(TIANFU);
    expect(maxDiff(toWgs84(gcj, 'gcj02'), TIANFU)).toBeLessThan(1e-7);
    expect(maxDiff(toWgs84(bd, 'bd09'), TIANFU)).toBeLessThan(1e-7);
  });
});
