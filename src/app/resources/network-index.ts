/** The edge index of a loaded network, built once per graph (coverage and isochrones both snap to it). */
import type { WalkGraph } from '../../domain/access/graph.ts';
import type { EdgeIndex } from '../../domain/osm/snap.ts';
import { buildEdgeIndex } from '../../domain/osm/snap.ts';

const indexes = new WeakMap<WalkGraph, EdgeIndex>();

export function edgeIndexOf(graph: WalkGraph): EdgeIndex {
  let index = indexes.get(graph);
  if (!index) {
    index = buildEdgeIndex(graph);
    indexes.set(graph, index);
  }
  return index;
}
