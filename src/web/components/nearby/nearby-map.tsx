/**
 * The nearby-services map (Leaflet, no tiles, as elsewhere): district outlines as the base, the
 * chosen point, the walking reach (the outline of the reached network, or the approximation's
 * circle) and the facilities in reach, each with its name and minutes as a tooltip. A click sets the
 * point. The map is an extra: the list beside it says the same, and the place search works without
 * it. What was drawn goes to `data-drawn-facilities` for tests.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { NearbyServicesView } from '../../../domain/resources/nearby-view.ts';
import type { BoundaryCollection } from '../../map-projection.ts';
import { createBaseMap } from '../map/base-map.ts';

export function NearbyMap(props: {
  boundaries: BoundaryCollection;
  point: { lon: number; lat: number } | null;
  view: NearbyServicesView | null;
  onPick: (lon: number, lat: number) => void;
  /** Tooltip of a facility. */
  describe: (name: string, minutes: number) => string;
  label: string;
  describedBy: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  // Leaflet's click handler reads the latest callback through a ref (the page re-renders often).
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { map: m, dispose } = createBaseMap(el, props.boundaries);
    m.on('click', (e: L.LeafletMouseEvent) => onPick.current(e.latlng.lng, e.latlng.lat));
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      dispose();
      map.current = null;
    };
    // The boundaries do not change while the page is open: the map is made once.
  }, []);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    const view = props.view;
    const ring = view?.reach.coordinates[0] ?? [];
    if (ring.length >= 3) {
      const reach = L.polygon(
        ring.map(([lon, lat]) => [lat, lon] as [number, number]),
        {
          interactive: false,
          color: '#0b5cad',
          weight: 2,
          dashArray: view?.method === 'straightLine' ? '6 4' : undefined,
          fillColor: '#0b5cad',
          fillOpacity: 0.1,
          className: 'nearby-reach',
        },
      ).addTo(group);
      m.fitBounds(reach.getBounds(), { padding: [16, 16], maxZoom: 17 });
    } else if (props.point) {
      m.setView([props.point.lat, props.point.lon], Math.max(m.getZoom(), 14));
    }
    let drawn = 0;
    for (const g of view?.groups ?? []) {
      for (const f of g.facilities) {
        L.circleMarker([f.lat, f.lon], {
          radius: 6,
          color: '#1c2430',
          weight: 1.5,
          fillColor: '#e07b00',
          fillOpacity: 0.9,
        })
          .bindTooltip(props.describe(f.name, f.minutes))
          .addTo(group);
        drawn += 1;
      }
    }
    if (props.point) {
      L.circleMarker([props.point.lat, props.point.lon], {
        interactive: false,
        radius: 8,
        color: '#ffffff',
        weight: 3,
        fillColor: '#0b5cad',
        fillOpacity: 1,
      }).addTo(group);
    }
    if (container.current) container.current.dataset.drawnFacilities = String(drawn);
  }, [props.view, props.point]);

  return (
    <div
      ref={container}
      class="nearby-map"
      role="region"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      data-testid="nearby-map"
    />
  );
}
