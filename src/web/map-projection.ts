/**
 * District boundaries (GeoJSON, WGS84 lon/lat) to SVG paths. An equirectangular projection with
 * longitude scaled by cos(mean latitude) keeps shapes true at a city's scale (Chengdu spans about
 * 2° of latitude, where the distortion of this projection stays under 2%). Output units are SVG
 * user units with y pointing down.
 */

type Position = [number, number] | number[];
type Ring = Position[];

export interface BoundaryFeature {
  type: 'Feature';
  properties: { code: string; name: string; nameEn?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}

export interface ProjectedArea {
  code: string;
  name: string;
  nameEn: string;
  /** SVG path data; draw with fill-rule evenodd so holes stay holes. */
  d: string;
}

export interface ProjectedMap {
  width: number;
  height: number;
  areas: ProjectedArea[];
}

function polygonsOf(f: BoundaryFeature): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Project every feature into a box `width` wide (height follows the shape), with `padding` inside. */
export function projectBoundaries(collection: BoundaryCollection, width: number, padding = 8): ProjectedMap {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const f of collection.features) {
    for (const polygon of polygonsOf(f)) {
      for (const ring of polygon) {
        for (const p of ring) {
          const lon = p[0] as number;
          const lat = p[1] as number;
          if (lon < minLon) minLon = lon;
          if (lon > maxLon) maxLon = lon;
          if (lat < minLat) minLat = lat;
          if (lat > maxLat) maxLat = lat;
        }
      }
    }
  }
  if (!Number.isFinite(minLon)) return { width, height: 0, areas: [] };
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * k || 1;
  const spanY = maxLat - minLat || 1;
  const scale = (width - 2 * padding) / spanX;
  const height = Math.ceil(spanY * scale + 2 * padding);
  const px = (lon: number) => padding + (lon - minLon) * k * scale;
  const py = (lat: number) => padding + (maxLat - lat) * scale;

  const areas = collection.features.map((f) => {
    const parts: string[] = [];
    for (const polygon of polygonsOf(f)) {
      for (const ring of polygon) {
        if (ring.length < 3) continue;
        const pts = ring.map((p) => `${px(p[0] as number).toFixed(1)},${py(p[1] as number).toFixed(1)}`);
        parts.push(`M${pts.join('L')}Z`);
      }
    }
    return {
      code: String(f.properties.code),
      name: f.properties.name,
      nameEn: f.properties.nameEn ?? f.properties.name,
      d: parts.join(''),
    };
  });
  return { width, height, areas };
}
