/**
 * The coverage map in Leaflet, without any tiles (fuwu runs without internet): the district
 * boundaries are the base layer (SVG, optionally shaded by coverage share or norm gap), the ~21,000
 * residential points are circle markers on one canvas (coloured by minutes to the nearest facility or
 * by that facility), the facilities are clickable circle markers on a canvas above them, and the last
 * isochrone is an outline in its own pane. Leaflet objects live in refs and are updated in place; the
 * page owns all state. What was drawn is written to data attributes (`data-drawn-points`,
 * `data-drawn-facilities`, `data-highlighted-points`) so that tests can compare it with the API.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BoundaryCollection } from '../../map-projection.ts';
import { NEUTRAL_FILL, createBaseMap } from './base-map.ts';
import type { CoveragePointsView, IsochroneView } from './map-scales.ts';
import { convexHull, facilityColour, markerRadii, minuteClass, MINUTE_COLOURS } from './map-scales.ts';

export type ColourBy = 'minutes' | 'facility';

export interface CoverageLeafletMapProps {
  boundaries: BoundaryCollection;
  data: CoveragePointsView;
  colourBy: ColourBy;
  /** Fill colour and CSS class of each district for the active district layer; none: outlines only. */
  districtStyle: ReadonlyMap<string, { colour: string; cls: string }> | null;
  selectedFacility: number | null;
  onSelectFacility: (index: number | null) => void;
  /** A click on the map (not on a facility): the isochrone of that place. */
  onPick: (lon: number, lat: number) => void;
  isochrone: { lon: number; lat: number; view: IsochroneView | null } | null;
  /** Accessible name and the id of the text summary that describes the map. */
  label: string;
  describedBy: string;
  /** Filled with the Leaflet map, for controls outside it (e.g. "isochrone of the map centre"). */
  mapRef?: MutableRef<L.Map | null>;
}

export function CoverageLeafletMap(props: CoverageLeafletMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const districts = useRef<L.GeoJSON | null>(null);
  const pointLayer = useRef<L.LayerGroup | null>(null);
  const pointMarkers = useRef<L.CircleMarker[]>([]);
  const facilityLayer = useRef<L.LayerGroup | null>(null);
  const facilityMarkers = useRef<L.CircleMarker[]>([]);
  const isoLayer = useRef<L.LayerGroup | null>(null);
  const renderers = useRef<{ points: L.Canvas; facilities: L.Canvas; iso: L.SVG } | null>(null);
  // Callbacks change with every render of the page; Leaflet handlers read the latest through a ref.
  const [zoom, setZoom] = useState(10);
  const callbacks = useRef({ onPick: props.onPick, onSelectFacility: props.onSelectFacility });
  callbacks.current = { onPick: props.onPick, onSelectFacility: props.onSelectFacility };

  // The map and its base layer, once.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { map: m, districts: base, dispose } = createBaseMap(el, props.boundaries);
    // The default (SVG) renderer draws the ~20 districts; points and facilities use canvases.
    m.createPane('points').style.zIndex = '410';
    m.createPane('isochrone').style.zIndex = '420';
    m.createPane('facilities').style.zIndex = '430';
    renderers.current = {
      points: L.canvas({ pane: 'points', padding: 0.2 }),
      facilities: L.canvas({ pane: 'facilities', padding: 0.2 }),
      iso: L.svg({ pane: 'isochrone' }),
    };
    districts.current = base;
    m.on('click', (e: L.LeafletMouseEvent) => callbacks.current.onPick(e.latlng.lng, e.latlng.lat));
    m.on('zoomend', () => setZoom(m.getZoom()));
    setZoom(m.getZoom());
    map.current = m;
    if (props.mapRef) props.mapRef.current = m;
    return () => {
      dispose();
      map.current = null;
      if (props.mapRef) props.mapRef.current = null;
    };
    // The boundaries do not change while the page is open: the map is made once.
  }, []);

  // District shading for the active layer.
  useEffect(() => {
    const layer = districts.current;
    if (!layer) return;
    const style = props.districtStyle;
    layer.eachLayer((l) => {
      const path = l as L.Path & { feature?: { properties?: { code?: string } } };
      const code = String(path.feature?.properties?.code ?? '');
      const s = style?.get(code);
      path.setStyle({ fillColor: s?.colour ?? NEUTRAL_FILL, fillOpacity: s ? 0.55 : 0.6 });
      const el = (path as unknown as { getElement?: () => Element | undefined }).getElement?.();
      if (el) {
        el.setAttribute('class', `district-shape ${s?.cls ?? 'district-plain'}`);
        el.setAttribute('data-code', code);
      }
    });
    if (container.current) container.current.dataset.districtLayer = style ? 'shaded' : 'none';
  }, [props.districtStyle]);

  // Points and facilities, whenever the data (the facility type) changes.
  useEffect(() => {
    const m = map.current;
    const r = renderers.current;
    if (!m || !r) return;
    pointLayer.current?.remove();
    facilityLayer.current?.remove();
    const { points, facilities } = props.data;
    const markers: L.CircleMarker[] = new Array(points.lon.length);
    for (let i = 0; i < points.lon.length; i++) {
      markers[i] = L.circleMarker([points.lat[i] as number, points.lon[i] as number], {
        renderer: r.points,
        interactive: false,
        radius: 2,
        weight: 0,
        color: '#3a3a3a',
        fillOpacity: 0.85,
      });
    }
    pointMarkers.current = markers;
    pointLayer.current = L.layerGroup(markers).addTo(m);
    const fMarkers = facilities.map((f, j) => {
      const marker = L.circleMarker([f.lat, f.lon], {
        renderer: r.facilities,
        radius: 5,
        weight: 1.5,
        color: '#111',
        fillColor: '#fff',
        fillOpacity: 1,
      });
      marker.bindTooltip(f.name);
      marker.on('click', (e: L.LeafletMouseEvent) => {
        L.DomEvent.stopPropagation(e);
        callbacks.current.onSelectFacility(j);
      });
      return marker;
    });
    facilityMarkers.current = fMarkers;
    facilityLayer.current = L.layerGroup(fMarkers).addTo(m);
    if (container.current) {
      container.current.dataset.drawnPoints = String(markers.length);
      container.current.dataset.drawnFacilities = String(fMarkers.length);
      container.current.dataset.type = props.data.type;
    }
  }, [props.data]);

  // Colours: by walking time or by facility, with the selected facility's catchment highlighted.
  useEffect(() => {
    const { points } = props.data;
    const markers = pointMarkers.current;
    if (markers.length !== points.lon.length) return;
    const sel = props.selectedFacility;
    const radii = markerRadii(zoom);
    let highlighted = 0;
    for (let i = 0; i < markers.length; i++) {
      const f = points.facility[i] as number;
      const colour =
        props.colourBy === 'facility'
          ? facilityColour(f)
          : MINUTE_COLOURS[minuteClass(points.seconds[i] ?? null)];
      const inCatchment = sel !== null && f === sel;
      if (inCatchment) highlighted += 1;
      (markers[i] as L.CircleMarker).setStyle({
        fillColor: colour,
        radius: inCatchment ? radii.point + 1 : radii.point,
        fillOpacity: sel === null || inCatchment ? 0.85 : 0.15,
        opacity: sel === null || inCatchment ? 1 : 0.2,
        weight: inCatchment ? 1.5 : radii.stroke,
        stroke: inCatchment || radii.stroke > 0,
        color: inCatchment ? '#000' : '#3a3a3a',
      });
    }
    facilityMarkers.current.forEach((marker, j) => {
      const selected = j === sel;
      marker.setStyle({
        radius: selected ? radii.facility + 4 : radii.facility,
        fillColor: selected ? '#e07b00' : props.colourBy === 'facility' ? facilityColour(j) : '#fff',
        weight: selected ? 3 : 1.5,
      });
      if (selected) marker.bringToFront();
    });
    if (container.current) container.current.dataset.highlightedPoints = String(highlighted);
  }, [props.data, props.colourBy, props.selectedFacility, zoom]);

  // A chosen facility: show its whole catchment.
  useEffect(() => {
    const m = map.current;
    const sel = props.selectedFacility;
    const f = sel === null ? undefined : props.data.facilities[sel];
    if (!m || sel === null || !f) return;
    const { points } = props.data;
    const bounds = L.latLngBounds([[f.lat, f.lon]]);
    for (let i = 0; i < points.facility.length; i++) {
      if (points.facility[i] === sel) bounds.extend([points.lat[i] as number, points.lon[i] as number]);
    }
    m.fitBounds(bounds, { maxZoom: 14, padding: [32, 32] });
  }, [props.data, props.selectedFacility]);

  // The isochrone: its reached area (the polygon, or the hull of the reached nodes) and the origin.
  useEffect(() => {
    const m = map.current;
    const r = renderers.current;
    if (!m || !r) return;
    isoLayer.current?.remove();
    isoLayer.current = null;
    const iso = props.isochrone;
    if (!iso) return;
    const group = L.layerGroup();
    const style = { renderer: r.iso, interactive: false, color: '#0b5cad', weight: 2.5, dashArray: '6 4' };
    const view = iso.view;
    if (view) {
      const ring =
        view.geometry.type === 'Polygon'
          ? (view.geometry.coordinates[0] ?? [])
          : convexHull(view.geometry.coordinates);
      if (ring.length >= 3) {
        group.addLayer(
          L.polygon(
            ring.map(([lon, lat]) => [lat, lon] as [number, number]),
            { ...style, fillColor: '#0b5cad', fillOpacity: 0.08, className: 'isochrone-area' },
          ),
        );
      }
    }
    group.addLayer(
      L.circleMarker([iso.lat, iso.lon], {
        renderer: r.iso,
        interactive: false,
        radius: 6,
        color: '#fff',
        weight: 2,
        fillColor: '#0b5cad',
        fillOpacity: 1,
      }),
    );
    isoLayer.current = group.addTo(m);
  }, [props.isochrone]);

  return (
    <div
      ref={container}
      class="coverage-leaflet"
      role="region"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      data-testid="coverage-leaflet"
    />
  );
}
