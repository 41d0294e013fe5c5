/**
 * Local metric geometry for city-sized areas. An equirectangular projection around a reference
 * point is exact enough within a city (east–west scale error ≈ 1 − cos φ/cos φ0: about 0.2% at
 * 20 km north or south of the reference at Chengdu's latitude; none north–south) and far cheaper
 * than a real projection, which matters in loops over thousands of vertices and points.
 */
import type { LonLat } from './china-coordinates.ts';

/** Mean Earth radius (IUGG, metres); 1° of latitude is then 111,195 m. */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** A projection between lon/lat degrees and metres east (x) and north (y) of an origin. */
export interface LocalProjection {
  readonly origin: LonLat;
  /** Degrees → metres: x = R·Δlon·cos φ0, y = R·Δlat (Δ in radians). */
  toMetres(p: LonLat): [xM: number, yM: number];
  /** Metres → degrees, the exact inverse of `toMetres`. */
  toLonLat(xy: readonly [number, number]): LonLat;
}

/** Creates an equirectangular projection centred on `origin` (use a point inside the area of interest). */
export function createLocalProjection(origin: LonLat): LocalProjection {
  const [lon0, lat0] = origin;
  const kx = EARTH_RADIUS_M * Math.cos(lat0 * RAD) * RAD;
  const ky = EARTH_RADIUS_M * RAD;
  return {
    origin: [lon0, lat0],
    toMetres: ([lon, lat]) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: ([x, y]) => [lon0 + x / kx, lat0 + y / ky],
  };
}

/** Great-circle distance in metres on the sphere of radius `EARTH_RADIUS_M` (haversine). */
export function haversineMetres(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
