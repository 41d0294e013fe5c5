/**
 * Walking time from each residential point to its nearest facility over the walking network: the
 * facilities are snapped to their nearest edges and searched from all at once; each point is snapped
 * too and takes the better of its edge's two ends, plus the time along the edge and the snapping
 * distance at walking speed.
 */
import type { WalkGraph } from './graph.ts';
import { nearestSources, UNREACHABLE } from './nearest.ts';
import type { EdgeIndex } from '../osm/snap.ts';
import { snapPoint, snapSources } from '../osm/snap.ts';

/** Seconds per point (Infinity when no facility is within `cutoffSeconds`). */
export function networkReachSeconds(
  graph: WalkGraph,
  index: EdgeIndex,
  facilities: readonly (readonly [number, number])[],
  points: readonly (readonly [number, number])[],
  speedMps: number,
  cutoffSeconds: number,
  /** When given: the index of each point's nearest facility (-1 when none within the cutoff). */
  nearestOut?: Int32Array,
): Float64Array {
  nearestOut?.fill(-1);
  const out = new Float64Array(points.length).fill(Infinity);
  if (facilities.length === 0 || graph.nodeCount === 0) return out;
  const { sources, pointOf } = snapSources(graph, facilities, speedMps, index);
  const { times, source } = nearestSources(graph, sources, { cutoffSeconds });
  points.forEach(([x, y], i) => {
    const s = snapPoint(index, x, y, speedMps);
    const viaU = times[s.u] === UNREACHABLE ? Infinity : (times[s.u] as number) + s.secondsToU;
    const viaV = times[s.v] === UNREACHABLE ? Infinity : (times[s.v] as number) + s.secondsToV;
    out[i] = Math.min(viaU, viaV) + s.snapSeconds;
    if (nearestOut && Number.isFinite(out[i])) {
      const via = viaU <= viaV ? s.u : s.v;
      nearestOut[i] = pointOf[source[via] as number] as number;
    }
  });
  return out;
}
