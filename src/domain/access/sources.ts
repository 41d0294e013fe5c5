/**
 * Sources of a search (facilities snapped to the network) and the shared constants of the searches.
 */
import { invalidField } from '../shared/errors.ts';
import { MAX_ARC_SECONDS } from './graph.ts';

/** Time of a node no source reaches (within the cutoff): the largest Uint32. */
export const UNREACHABLE = 0xffff_ffff;

/**
 * A facility on the network: its node, and the seconds already walked to reach that node (the
 * snapping distance from the facility's door to the nearest network point), 0 by default.
 */
export interface Source {
  node: number;
  offsetSeconds?: number;
}

/** Sources in the flat form the searches use, with the spread of their offsets (sizes the ring). */
export interface SourceArrays {
  nodes: Uint32Array;
  offsets: Uint32Array;
  minOffset: number;
  maxOffset: number;
}

/** Validates sources against a graph of `nodeCount` nodes and flattens them. */
export function toSourceArrays(sources: readonly Source[] | Uint32Array, nodeCount: number): SourceArrays {
  const count = sources.length;
  const nodes = new Uint32Array(count);
  const offsets = new Uint32Array(count);
  let minOffset = Infinity;
  let maxOffset = 0;
  for (let i = 0; i < count; i++) {
    const s = sources[i]!;
    const node = typeof s === 'number' ? s : s.node;
    const off = typeof s === 'number' ? 0 : (s.offsetSeconds ?? 0);
    if (!Number.isInteger(node) || node < 0 || node >= nodeCount) {
      throw invalidField(
        `sources[${i}].node`,
        `节点编号必须是 0 到 ${nodeCount - 1} 之间的整数，实际为 ${node}`,
        `node id must be an integer from 0 to ${nodeCount - 1}, got ${node}`,
      );
    }
    // Offsets share the ring with arc costs, so they obey the same bound.
    if (!Number.isInteger(off) || off < 0 || off > MAX_ARC_SECONDS) {
      throw invalidField(
        `sources[${i}].offsetSeconds`,
        `接入时间必须是 0 到 ${MAX_ARC_SECONDS} 之间的整数秒，实际为 ${off}`,
        `offset must be whole seconds from 0 to ${MAX_ARC_SECONDS}, got ${off}`,
      );
    }
    nodes[i] = node;
    offsets[i] = off;
    if (off < minOffset) minOffset = off;
    if (off > maxOffset) maxOffset = off;
  }
  return { nodes, offsets, minOffset: count === 0 ? 0 : minOffset, maxOffset };
}

/**
 * Validates an optional cutoff and returns the largest time a search may record: the cutoff, or
 * UNREACHABLE - 1 without one (times never collide with the sentinel).
 */
export function toCutoff(cutoffSeconds: number | undefined): number {
  if (cutoffSeconds === undefined) return UNREACHABLE - 1;
  if (!Number.isInteger(cutoffSeconds) || cutoffSeconds < 0 || cutoffSeconds >= UNREACHABLE) {
    throw invalidField(
      'cutoffSeconds',
      `截止时间必须是非负整数秒，实际为 ${cutoffSeconds}`,
      `cutoff must be a non-negative whole number of seconds, got ${cutoffSeconds}`,
    );
  }
  return cutoffSeconds;
}

/**
 * Indices from..to-1 ordered by their node (ties by index). Why: on a graph in Hilbert order,
 * consecutive searches then cover overlapping ground, still in cache from the search before:
 * 5,000 catchments on the 1,000,000-node bench network took 0.26 s in this order against 0.41 s in
 * the facilities' own (random) order.
 */
export function byNode(nodes: Uint32Array, from: number, to: number): Uint32Array {
  const order = new Uint32Array(Math.max(0, to - from));
  for (let k = 0; k < order.length; k++) order[k] = from + k;
  return order.sort((a, b) => nodes[a]! - nodes[b]! || a - b);
}
