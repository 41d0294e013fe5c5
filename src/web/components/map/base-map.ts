/**
 * A Leaflet map without tiles (fuwu runs without internet): the plan pack's district boundaries are
 * the base layer, fitted to the view, and the map follows its container's size. Shared by the
 * coverage map and the siting map.
 */
import * as L from 'leaflet';
import type { BoundaryCollection } from '../../map-projection.ts';

export const NEUTRAL_FILL = '#eef0f3';

export function createBaseMap(
  el: HTMLElement,
  boundaries: BoundaryCollection,
): { map: L.Map; districts: L.GeoJSON; dispose: () => void } {
  const map = L.map(el, { attributionControl: false, zoomSnap: 0.25, minZoom: 7, maxZoom: 18 });
  const districts = L.geoJSON(boundaries as unknown as Parameters<typeof L.geoJSON>[0], {
    interactive: false,
    style: () => ({ color: '#56606d', weight: 1, fillColor: NEUTRAL_FILL, fillOpacity: 0.6 }),
  }).addTo(map);
  const bounds = districts.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
  else map.setView([30.66, 104.07], 9);
  // The container gets its final size after layout.
  const resize = new ResizeObserver(() => map.invalidateSize());
  resize.observe(el);
  return {
    map,
    districts,
    dispose: () => {
      resize.disconnect();
      map.remove();
    },
  };
}
