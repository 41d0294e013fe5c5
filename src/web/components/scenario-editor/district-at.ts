/**
 * The district a clicked point lies in, from the plan pack's boundaries (the domain's point-in-polygon
 * test). Only districts count: a functional zone's boundary overlaps the districts it lies across.
 */
import type { LonLat } from '../../../domain/geo/china-coordinates.ts';
import type { AreaGeometry } from '../../../domain/geo/polygon.ts';
import { pointInGeometry } from '../../../domain/geo/polygon.ts';
import type { BoundaryCollection } from '../../map-projection.ts';

export function districtAt(
  boundaries: BoundaryCollection,
  districtCodes: ReadonlySet<string>,
  lon: number,
  lat: number,
): string | null {
  for (const f of boundaries.features) {
    if (!districtCodes.has(f.properties.code)) continue;
    if (pointInGeometry([lon, lat] as LonLat, f.geometry as AreaGeometry)) return f.properties.code;
  }
  return null;
}
