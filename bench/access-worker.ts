/**
 * Worker host for the access bench's two-thread catchments (issue 3 §4): it runs the domain kernel
 * `facilityCatchmentsInto` on its share of the facilities, over a graph, population and outputs that
 * live in SharedArrayBuffers, so the threads share one copy of the network and write disjoint
 * ranges of the same result arrays. Messages: { from, to, budget } in, { scannedArcs } out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { facilityCatchmentsInto } from '../src/domain/access/facility-catchments.ts';
import type { WalkGraph } from '../src/domain/access/graph.ts';
import { createIsochroneWorkspace } from '../src/domain/access/isochrone.ts';

export interface SharedCatchmentData {
  nodeCount: number;
  x: Float64Array;
  y: Float64Array;
  offsets: Uint32Array;
  targets: Uint32Array;
  costs: Uint32Array;
  population: Float64Array;
  facilityNodes: Uint32Array;
  facilityOffsets: Uint32Array;
  reachedOut: Uint32Array;
  populationOut: Float64Array;
}

const data = workerData as SharedCatchmentData;
const graph: WalkGraph = {
  nodeCount: data.nodeCount,
  x: data.x,
  y: data.y,
  offsets: data.offsets,
  targets: data.targets,
  costs: data.costs,
};
const ws = createIsochroneWorkspace(graph);
parentPort!.on('message', (msg: { from: number; to: number; budget: number } | 'exit') => {
  if (msg === 'exit') {
    parentPort!.close();
    return;
  }
  const scannedArcs = facilityCatchmentsInto(
    ws,
    data.facilityNodes,
    data.facilityOffsets,
    msg.budget,
    data.population,
    msg.from,
    msg.to,
    data.reachedOut,
    data.populationOut,
  );
  parentPort!.postMessage({ scannedArcs });
});
parentPort!.postMessage('ready');
