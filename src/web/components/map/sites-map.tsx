/**
 * Proposed sites on a map without tiles: the district boundaries as the base, each site a circle
 * sized by the people it newly covers, numbered by rank in its tooltip. The number of sites drawn is
 * written to `data-drawn-sites` for tests.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { ProposedSite } from '../../../domain/siting/siting-view.ts';
import type { BoundaryCollection } from '../../map-projection.ts';
import { createBaseMap } from './base-map.ts';

export function SitesMap({
  boundaries,
  sites,
  label,
  describe,
}: {
  boundaries: BoundaryCollection;
  sites: readonly ProposedSite[];
  label: string;
  /** Tooltip text of a site. */
  describe: (site: ProposedSite) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { map: m, dispose } = createBaseMap(el, boundaries);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      dispose();
      map.current = null;
    };
    // The boundaries do not change while the page is open.
  }, []);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    const most = Math.max(1, ...sites.map((s) => s.gain));
    for (const s of sites) {
      L.circleMarker([s.lat, s.lon], {
        radius: 5 + 10 * Math.sqrt(s.gain / most),
        color: '#5b1a8c',
        weight: 2,
        fillColor: '#9b59d0',
        fillOpacity: 0.7,
      })
        .bindTooltip(describe(s))
        .addTo(group);
    }
    if (container.current) container.current.dataset.drawnSites = String(sites.length);
  }, [sites]);

  return (
    <div
      ref={container}
      class="coverage-leaflet sites-map"
      role="img"
      aria-label={label}
      data-testid="sites-map"
    />
  );
}
