/**
 * Where an added facility goes: a map without tiles (the district boundaries), today's open
 * facilities of the type as grey dots, and a click that places the new one (a purple marker). The
 * map is a pointer aid: the longitude and latitude fields beside it say the same and can be typed.
 * Choosing a district zooms to it. The dots are SVG paths with the class `facility-<id>` (a few
 * thousand at most per type), and `data-drawn-facilities`, `data-placed` and `data-focus` (the district
 * zoomed to) are written, for tests.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { FacilityView } from '../../../domain/resources/views.ts';
import type { BoundaryCollection } from '../../map-projection.ts';
import { createBaseMap } from '../map/base-map.ts';

export function PlacementMap({
  boundaries,
  facilities,
  placed,
  onPlace,
  focusDistrict,
  label,
}: {
  boundaries: BoundaryCollection;
  /** Today's facilities of the type (drawn for orientation, not clickable). */
  facilities: readonly FacilityView[];
  placed: { lon: number; lat: number } | null;
  onPlace: (lon: number, lat: number) => void;
  /** A district code to zoom to ('' keeps the view). */
  focusDistrict: string;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const existing = useRef<L.LayerGroup | null>(null);
  const marker = useRef<L.LayerGroup | null>(null);
  const mapRef = useRef<{ map: L.Map; districts: L.GeoJSON } | null>(null);
  // The latest handler, read by the click listener that is bound once.
  const place = useRef(onPlace);
  place.current = onPlace;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { map, districts, dispose } = createBaseMap(el, boundaries);
    mapRef.current = { map, districts };
    existing.current = L.layerGroup().addTo(map);
    marker.current = L.layerGroup().addTo(map);
    map.getContainer().style.cursor = 'crosshair';
    map.on('click', (e: L.LeafletMouseEvent) => place.current(e.latlng.lng, e.latlng.lat));
    return dispose;
    // The boundaries do not change while the page is open.
  }, []);

  useEffect(() => {
    const group = existing.current;
    if (!group) return;
    group.clearLayers();
    for (const f of facilities) {
      L.circleMarker([f.lat, f.lon], {
        className: `existing-facility facility-${f.id}`,
        radius: 3,
        color: '#56606d',
        weight: 1,
        fillColor: '#8a939e',
        fillOpacity: 0.8,
        interactive: false,
      }).addTo(group);
    }
    if (container.current) container.current.dataset.drawnFacilities = String(facilities.length);
  }, [facilities]);

  useEffect(() => {
    const group = marker.current;
    if (!group) return;
    group.clearLayers();
    if (placed) {
      L.circleMarker([placed.lat, placed.lon], {
        radius: 8,
        color: '#5b1a8c',
        weight: 3,
        fillColor: '#9b59d0',
        fillOpacity: 0.9,
        interactive: false,
      }).addTo(group);
    }
    if (container.current) container.current.dataset.placed = placed ? 'true' : 'false';
  }, [placed?.lon, placed?.lat]);

  useEffect(() => {
    const m = mapRef.current;
    if (!m || !focusDistrict) return;
    m.districts.eachLayer((layer) => {
      const code = (layer as L.GeoJSON & { feature?: { properties?: { code?: string } } }).feature?.properties
        ?.code;
      if (code === focusDistrict)
        m.map.fitBounds((layer as L.Polygon).getBounds(), { padding: [8, 8], animate: false });
    });
    if (container.current) container.current.dataset.focus = focusDistrict;
  }, [focusDistrict]);

  return (
    <div
      ref={container}
      class="coverage-leaflet placement-map"
      role="application"
      aria-label={label}
      data-testid="placement-map"
    />
  );
}
