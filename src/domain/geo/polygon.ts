/**
 * Polygons as GeoJSON gives them (RFC 7946: rings of [lon, lat], first ring outer, the rest holes):
 * containment, bounding box, area and seeded sampling. District boundaries are small enough
 * (≤ ~1,500 vertices) that plain loops beat building an index.
 */
import type { LonLat } from './china-coordinates.ts';
import { createLocalProjection } from './projection.ts';
import { invalidField } from '../shared/errors.ts';

export type Ring = readonly (readonly number[])[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: readonly Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: readonly (readonly Ring[])[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The polygons of a geometry, each as its list of rings, so both types share one code path. */
function polygonsOf(g: AreaGeometry): readonly (readonly Ring[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Even-odd ray cast to the east: true when an odd number of ring edges cross the ray. */
function crossingsOdd(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    // Half-open test (yi > lat) !== (yj > lat) counts a vertex on the ray exactly once.
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * True when the point lies inside the geometry. Even-odd over all rings of each polygon, so holes
 * exclude without relying on ring orientation; a MultiPolygon contains what any part contains.
 * Points exactly on an edge may go either way.
 */
export function pointInGeometry([lon, lat]: LonLat, g: AreaGeometry): boolean {
  for (const rings of polygonsOf(g)) {
    let inside = false;
    for (const ring of rings) if (crossingsOdd(ring, lon, lat)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** The smallest lon/lat box holding every vertex. */
export function boundingBox(g: AreaGeometry): BoundingBox {
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const rings of polygonsOf(g))
    for (const ring of rings)
      for (const p of ring) {
        const lon = p[0]!;
        const lat = p[1]!;
        if (lon < b.minLon) b.minLon = lon;
        if (lon > b.maxLon) b.maxLon = lon;
        if (lat < b.minLat) b.minLat = lat;
        if (lat > b.maxLat) b.maxLat = lat;
      }
  return b;
}

/** Shoelace area of a ring in projected metres, unsigned. */
function ringAreaM2(ring: Ring, toMetres: (p: LonLat) => [number, number]): number {
  let twice = 0;
  let prev = toMetres([ring[ring.length - 1]![0]!, ring[ring.length - 1]![1]!]);
  for (const p of ring) {
    const cur = toMetres([p[0]!, p[1]!]);
    twice += prev[0] * cur[1] - cur[0] * prev[1];
    prev = cur;
  }
  return Math.abs(twice) / 2;
}

/**
 * Area in m²: outer rings minus holes, in a local equirectangular projection centred on the
 * bounding box (within ~0.1% of the geodesic area for a district; not meant for countries).
 */
export function areaM2(g: AreaGeometry): number {
  const b = boundingBox(g);
  const { toMetres } = createLocalProjection([(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2]);
  let total = 0;
  for (const rings of polygonsOf(g))
    rings.forEach((ring, i) => {
      total += i === 0 ? ringAreaM2(ring, toMetres) : -ringAreaM2(ring, toMetres);
    });
  return total;
}

/**
 * A uniformly random point inside the geometry (uniform in lon/lat degrees; area per square
 * degree varies with cos φ, under ±0.5% across Chengdu's largest district), by rejection in the
 * bounding box. Deterministic for a seeded `rnd` (see createRandom). Throws after `maxTries`
 * misses: the geometry is empty or a sliver.
 */
export function randomPointIn(g: AreaGeometry, rnd: () => number, maxTries = 100_000): LonLat {
  const b = boundingBox(g);
  for (let i = 0; i < maxTries; i++) {
    const p: LonLat = [b.minLon + rnd() * (b.maxLon - b.minLon), b.minLat + rnd() * (b.maxLat - b.minLat)];
    if (pointInGeometry(p, g)) return p;
  }
  throw invalidField(
    'geometry',
    `在外接矩形内随机取点 ${maxTries} 次均未落入区域，区域可能为空或过窄`,
    `no point fell inside the area in ${maxTries} tries in its bounding box; the area may be empty or a sliver`,
  );
}
