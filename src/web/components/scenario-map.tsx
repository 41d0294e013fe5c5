/**
 * Gain and loss of a scenario on a map without tiles: the residential points whose walking time to
 * the type changed, green where people come within the circle (gain) and red where they fall out of it
 * (loss); lighter where the time changed without crossing the circle. A legend says it in words with
 * the counts, so colour is never the only cue. `data-drawn-points` holds the number drawn, for tests.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { PointChange } from '../../domain/scenarios/comparison-view.ts';
import type { BoundaryCollection } from '../map-projection.ts';
import { createBaseMap } from './map/base-map.ts';

export type ChangeClass = 'gain' | 'loss' | 'closer' | 'farther';

export const CHANGE_COLOURS: Record<ChangeClass, string> = {
  gain: '#1a7f37',
  loss: '#c62828',
  closer: '#8fd19e',
  farther: '#f4a3a3',
};

export function classOf(p: PointChange): ChangeClass {
  const [, , , , , ca, cb, direction] = p;
  if (cb > ca) return 'gain';
  if (ca > cb) return 'loss';
  return direction < 0 ? 'closer' : 'farther';
}

export function ScenarioMap({
  boundaries,
  points,
  label,
}: {
  boundaries: BoundaryCollection;
  points: readonly PointChange[];
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { map, dispose } = createBaseMap(el, boundaries);
    layer.current = L.layerGroup().addTo(map);
    return dispose;
    // The boundaries do not change while the page is open.
  }, []);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    const renderer = L.canvas();
    for (const p of points) {
      const c = classOf(p);
      L.circleMarker([p[1], p[0]], {
        renderer,
        radius: c === 'gain' || c === 'loss' ? 5 : 3,
        color: CHANGE_COLOURS[c],
        weight: 1,
        fillColor: CHANGE_COLOURS[c],
        fillOpacity: 0.8,
      }).addTo(group);
    }
    if (container.current) container.current.dataset.drawnPoints = String(points.length);
  }, [points]);

  return (
    <div
      ref={container}
      class="coverage-leaflet scenario-map"
      role="img"
      aria-label={label}
      data-testid="scenario-map"
    />
  );
}
