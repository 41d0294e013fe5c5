/**
 * Places on the loaded walking network for the searches that take one node per place (two-step
 * catchments, n-th nearest, siting): the nearer end of each place's nearest edge and the whole
 * seconds walked to it (the snapping distance included). Choosing one end can add up to one
 * segment's walk against snapping to both ends; coverage, which needs exact times, snaps to both.
 */
import type { WalkGraph } from '../../domain/access/graph.ts';
import { MAX_ARC_SECONDS } from '../../domain/access/graph.ts';
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import { createLocalProjection } from '../../domain/geo/projection.ts';
import { snapPoint } from '../../domain/osm/snap.ts';
import type { NetworkMeta } from '../../store/network/network-store.ts';
import { WALKING_METRES_PER_SECOND } from './get-coverage.ts';
import { edgeIndexOf } from './network-index.ts';

export interface PlacesOnNetwork {
  nodes: Uint32Array;
  offsets: Uint32Array;
}

/** Places given in metres on the network's own projection. */
export function xyOnNetwork(
  graph: WalkGraph,
  places: ReadonlyArray<{ x: number; y: number }>,
): PlacesOnNetwork {
  const index = edgeIndexOf(graph);
  const nodes = new Uint32Array(places.length);
  const offsets = new Uint32Array(places.length);
  places.forEach((p, i) => {
    const s = snapPoint(index, p.x, p.y, WALKING_METRES_PER_SECOND);
    const viaU = s.secondsToU <= s.secondsToV;
    nodes[i] = viaU ? s.u : s.v;
    offsets[i] = Math.min(MAX_ARC_SECONDS, Math.round(s.snapSeconds + (viaU ? s.secondsToU : s.secondsToV)));
  });
  return { nodes, offsets };
}

/** Places given in WGS84 degrees. */
export function lonLatOnNetwork(
  network: { graph: WalkGraph; meta: NetworkMeta },
  places: ReadonlyArray<{ lon: number; lat: number }>,
): PlacesOnNetwork {
  const proj = createLocalProjection(network.meta.origin);
  return xyOnNetwork(
    network.graph,
    places.map((p) => {
      const [x, y] = proj.toMetres([p.lon, p.lat] as LonLat);
      return { x, y };
    }),
  );
}
