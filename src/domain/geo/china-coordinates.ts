/**
 * Chinese map coordinate systems to WGS84. Chinese web maps publish GCJ-02 (国测局, "Mars"
 * coordinates: WGS84 with a deliberate non-linear shift of a few hundred metres) or BD-09
 * (Baidu: GCJ-02 shifted again). fuwu stores WGS84, so imports flagged GCJ-02 or BD-09 are
 * converted here.
 *
 * Formulas: the widely published public ones (Krasovsky ellipsoid a = 6378245 m,
 * e² = 0.00669342162296594323; BD-09 with x_pi = π·3000/180). The forward WGS84 → GCJ-02 shift
 * is the reference; GCJ-02 → WGS84 has no closed form and is solved by fixed-point iteration.
 *
 * Contract: degrees in, degrees out, [lon, lat] order (as GeoJSON). Accuracy of the inverses:
 * iterated until the forward transform of the result reproduces the input within 1e-9° (≈ 0.1 mm),
 * always better than 1e-7° (≈ 1 cm) — far below the ~1 m the public GCJ-02 formula itself is
 * known to deviate from the official implementation. Points outside the rough China box
 * (`isOutsideChina`) are not shifted by GCJ-02 and come back unchanged.
 */

/** A position as [longitude, latitude] in degrees. */
export type LonLat = [lon: number, lat: number];

/** The coordinate systems an import may declare. */
export type CoordinateSystem = 'wgs84' | 'gcj02' | 'bd09';

const A_M = 6378245.0;
// The published value 0.00669342162296594323, rounded to the nearest double (lint flags lost digits).
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;
/** Iteration stops when the residual is below this (degrees); the contract promises 1e-7°. */
const TOLERANCE_DEG = 1e-9;
const MAX_ITERATIONS = 30;

/** True outside the box the public GCJ-02 formula treats as China (where it applies no shift). */
export function isOutsideChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS84 → GCJ-02 (the published forward formula; identity outside China). */
export function wgs84ToGcj02([lon, lat]: LonLat): LonLat {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  let dLat = shiftLat(lon - 105.0, lat - 35.0);
  let dLon = shiftLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A_M * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A_M / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/**
 * Inverts `forward` near the identity by fixed-point iteration: p ← p + (target − forward(p)).
 * Converges because both shifts vary slowly (their derivatives are ≪ 1).
 */
function invert(forward: (p: LonLat) => LonLat, target: LonLat, start: LonLat): LonLat {
  let p: LonLat = [start[0], start[1]];
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const f = forward(p);
    const dLon = target[0] - f[0];
    const dLat = target[1] - f[1];
    p = [p[0] + dLon, p[1] + dLat];
    if (Math.abs(dLon) < TOLERANCE_DEG && Math.abs(dLat) < TOLERANCE_DEG) break;
  }
  return p;
}

/** GCJ-02 → WGS84, by iteration on the forward formula (residual < 1e-7°; identity outside China). */
export function gcj02ToWgs84(gcj: LonLat): LonLat {
  if (isOutsideChina(gcj[0], gcj[1])) return [gcj[0], gcj[1]];
  return invert(wgs84ToGcj02, gcj, gcj);
}

/** GCJ-02 → BD-09 (the published Baidu formula). */
export function gcj02ToBd09([lon, lat]: LonLat): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/**
 * BD-09 → GCJ-02. The published reverse formula is only an approximate inverse (errors of
 * ~1e-6°), so its result seeds an iteration on `gcj02ToBd09`, making the two exact inverses.
 */
export function bd09ToGcj02(bd: LonLat): LonLat {
  const x = bd[0] - 0.0065;
  const y = bd[1] - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return invert(gcj02ToBd09, bd, [z * Math.cos(theta), z * Math.sin(theta)]);
}

/** BD-09 → WGS84 (via GCJ-02). */
export function bd09ToWgs84(bd: LonLat): LonLat {
  return gcj02ToWgs84(bd09ToGcj02(bd));
}

/** Converts a position in the declared system to WGS84, the system fuwu stores. */
export function toWgs84(p: LonLat, from: CoordinateSystem): LonLat {
  if (from === 'gcj02') return gcj02ToWgs84(p);
  if (from === 'bd09') return bd09ToWgs84(p);
  return [p[0], p[1]];
}
