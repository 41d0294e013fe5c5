/**
 * A small map to place a project: a click sets the longitude and latitude inputs next to it (the
 * inputs stay the way to enter a location by keyboard; the map is an aid for the eye). The district
 * boundaries are the base layer (no tiles), and the current location is drawn as a circle. The drawn
 * location is written to `data-marker` for tests.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useBoundaries } from './district-map.tsx';
import { createBaseMap } from './map/base-map.ts';

/** Six decimals of a degree are about 0.1 m: finer than any site plan. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function ProjectLocationMap(props: {
  lon: string;
  lat: string;
  onPick: (lon: number, lat: number) => void;
}) {
  const { t } = useApp();
  const boundaries = useBoundaries();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;

  useEffect(() => {
    const el = container.current;
    if (!el || !boundaries.data) return;
    const { map: m, dispose } = createBaseMap(el, boundaries.data);
    m.on('click', (e: L.LeafletMouseEvent) => pick.current(round6(e.latlng.lng), round6(e.latlng.lat)));
    map.current = m;
    return () => {
      dispose();
      map.current = null;
      marker.current = null;
    };
  }, [boundaries.data]);

  useEffect(() => {
    const m = map.current;
    const el = container.current;
    if (!m || !el) return;
    const lon = Number(props.lon);
    const lat = Number(props.lat);
    const valid = props.lon.trim() !== '' && props.lat.trim() !== '' && Number.isFinite(lon + lat);
    marker.current?.remove();
    marker.current = null;
    if (valid) {
      marker.current = L.circleMarker([lat, lon], {
        radius: 8,
        color: '#5b1a8c',
        weight: 2,
        fillColor: '#9b59d0',
        fillOpacity: 0.8,
      }).addTo(m);
    }
    el.dataset.marker = valid ? `${lon},${lat}` : '';
  }, [props.lon, props.lat, boundaries.data]);

  if (boundaries.failed) return null;
  return (
    <div
      ref={container}
      class="coverage-leaflet project-location-map"
      style={{ height: '18rem' }}
      role="img"
      aria-label={t('projLocationMap')}
      data-testid="project-location-map"
    />
  );
}
