/**
 * Accessibility engine bench: `npm run bench:access` (BENCH_FULL=1 adds the 1,000,000-node network).
 *
 * Each kernel runs the engine (src/domain/access) and a baseline written here — a plain per-source
 * binary-heap Dijkstra over the same CSR graph — in the same process, checks that both give exactly
 * the same answer (the bench fails otherwise), and reports medians, ns per scanned arc and ratios.
 *
 *  (a) coverage of one facility type within 900 s: the engine's one multi-source search (plus the
 *      coverage sum) against one cut-off Dijkstra per facility, keeping each node's minimum (ties to
 *      the lower facility index, the engine's rule); times, nearest facility and covered population
 *      must be equal.
 *  (b) 1,000 isochrones of 900 s from random nodes: engine against Dijkstra; the count and the sum of
 *      times of every isochrone must be equal.
 * Also timed, engine only: generating the network, loading it from its binary file and reordering it,
 * and (a)/(b) on the same network with shuffled node ids reordered on load (issue 3 §4: within 1.2×).
 * Results go to bench/results/access-<nodes>.json with the machine and the commit.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { coverage } from '../src/domain/access/coverage.ts';
import type { WalkGraph } from '../src/domain/access/graph.ts';
import { createIsochroneWorkspace, isochrone } from '../src/domain/access/isochrone.ts';
import { UNREACHABLE, createSearchWorkspace, nearestSources } from '../src/domain/access/nearest.ts';
import { reorderForLocality } from '../src/domain/access/reorder.ts';
import { generateSyntheticNetwork } from '../src/domain/access/synthetic-network.ts';
import { createRandom } from '../src/domain/shared/random.ts';
import { readNetworkFile, writeNetworkFile } from '../src/store/network/network-file.ts';
import { commit, machine } from './provenance.ts';

const CUTOFF_S = 900;
const FACILITIES = 5000;
const ISOCHRONES = 1000;
const SEED = 20260101;

/** Plain Dijkstra with a binary heap of (time, node) pairs and lazy deletion; resets touched nodes only. */
class HeapDijkstra {
  readonly dist: Uint32Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  scannedArcs = 0;
  private readonly heapKey: Uint32Array;
  private readonly heapNode: Uint32Array;

  constructor(private readonly g: WalkGraph) {
    this.dist = new Uint32Array(g.nodeCount).fill(UNREACHABLE);
    this.touched = new Uint32Array(g.nodeCount);
    this.heapKey = new Uint32Array(g.targets.length + 1);
    this.heapNode = new Uint32Array(g.targets.length + 1);
  }

  run(origin: number, cutoff: number): void {
    const { dist, touched, heapKey: hk, heapNode: hn } = this;
    // A local copy: under tsx an imported constant is read through a getter (slow in a hot loop).
    const NONE = UNREACHABLE;
    for (let i = 0; i < this.touchedCount; i++) dist[touched[i]!] = NONE;
    const { offsets, targets, costs } = this.g;
    let count = 0;
    let scanned = 0;
    dist[origin] = 0;
    touched[count++] = origin;
    hk[0] = 0;
    hn[0] = origin;
    let size = 1;
    while (size > 0) {
      const d: number = hk[0]!;
      const u: number = hn[0]!;
      size--;
      if (size > 0) {
        // Move the last entry to the root and sift it down.
        const k = hk[size]!;
        const nd = hn[size]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && hk[c + 1]! < hk[c]!) c++;
          if (hk[c]! >= k) break;
          hk[i] = hk[c]!;
          hn[i] = hn[c]!;
          i = c;
        }
        hk[i] = k;
        hn[i] = nd;
      }
      if (d > dist[u]!) continue; // stale entry
      const end: number = offsets[u + 1]!;
      const start: number = offsets[u]!;
      scanned += end - start;
      for (let a: number = start; a < end; a++) {
        const t = d + costs[a]!;
        if (t > cutoff) continue;
        const v = targets[a]!;
        const old = dist[v]!;
        if (t < old) {
          if (old === NONE) touched[count++] = v;
          dist[v] = t;
          let i = size++;
          while (i > 0) {
            const p = (i - 1) >> 1;
            if (hk[p]! <= t) break;
            hk[i] = hk[p]!;
            hn[i] = hn[p]!;
            i = p;
          }
          hk[i] = t;
          hn[i] = v;
        }
      }
    }
    this.touchedCount = count;
    this.scannedArcs += scanned;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** Runs fn `reps` times (after one warm-up run) and returns the times in ms and the last result. */
function measure<T>(reps: number, fn: () => T): { ms: number[]; medianMs: number; result: T } {
  let result = fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  return { ms, medianMs: median(ms), result };
}

function check(ok: boolean, what: string): void {
  if (!ok) {
    console.error(`MISMATCH: ${what}`);
    process.exit(1);
  }
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function benchNetwork(nodeCount: number) {
  console.log(`\n== ${nodeCount.toLocaleString('en')} nodes ==`);
  const tGen = performance.now();
  const net = generateSyntheticNetwork({ nodeCount, seed: SEED });
  const generateMs = performance.now() - tGen;
  const { graph } = reorderForLocality(net.graph);
  const arcs = graph.targets.length;
  console.log(`generated in ${round(generateMs)} ms: ${arcs} arcs, ${net.bridgeCount} bridges`);

  const rand = createRandom(SEED + 1);
  const facilities = new Uint32Array(FACILITIES);
  for (let i = 0; i < FACILITIES; i++) facilities[i] = Math.floor(rand() * nodeCount);
  const origins = new Uint32Array(ISOCHRONES);
  for (let i = 0; i < ISOCHRONES; i++) origins[i] = Math.floor(rand() * nodeCount);
  const population = new Float64Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) population[i] = Math.floor(rand() * 50);

  // (a) coverage of one facility type within 900 s.
  const ws = createSearchWorkspace(graph);
  const engineCov = measure(7, () => {
    const near = nearestSources(graph, facilities, { cutoffSeconds: CUTOFF_S, workspace: ws });
    return { near, cov: coverage(population, near.times, CUTOFF_S) };
  });
  const dj = new HeapDijkstra(graph);
  const baseCov = measure(2, () => {
    const best = new Uint32Array(nodeCount).fill(UNREACHABLE);
    const who = new Int32Array(nodeCount).fill(-1);
    dj.scannedArcs = 0;
    for (let f = 0; f < FACILITIES; f++) {
      dj.run(facilities[f]!, CUTOFF_S);
      for (let i = 0; i < dj.touchedCount; i++) {
        const v = dj.touched[i]!;
        // Strictly less: on ties the lower facility index, which came first, keeps the node.
        if (dj.dist[v]! < best[v]!) {
          best[v] = dj.dist[v]!;
          who[v] = f;
        }
      }
    }
    let covered = 0;
    const none = UNREACHABLE;
    for (let v = 0; v < nodeCount; v++) if (best[v] !== none) covered += population[v]!;
    return { best, who, covered, scannedArcs: dj.scannedArcs };
  });
  const e = engineCov.result;
  const b = baseCov.result;
  let timeSum = 0;
  let reached = 0;
  for (let v = 0; v < nodeCount; v++) {
    check(e.near.times[v] === b.best[v], `coverage time at node ${v}`);
    check(e.near.source[v] === b.who[v], `nearest facility at node ${v}`);
    if (b.best[v] !== UNREACHABLE) {
      reached++;
      timeSum += b.best[v]!;
    }
  }
  check(e.cov.coveredPopulation === b.covered, 'covered population');
  const coverageResult = {
    engineMedianMs: round(engineCov.medianMs),
    baselineMedianMs: round(baseCov.medianMs),
    ratio: round(baseCov.medianMs / engineCov.medianMs, 1),
    engineNsPerArc: round((engineCov.medianMs * 1e6) / e.near.scannedArcs),
    baselineNsPerArc: round((baseCov.medianMs * 1e6) / b.scannedArcs),
    engineScannedArcs: e.near.scannedArcs,
    baselineScannedArcs: b.scannedArcs,
    checksum: {
      nodesWithin: reached,
      sumOfSeconds: timeSum,
      coveredPopulation: b.covered,
      share: round(e.cov.share, 4),
    },
  };
  console.log('coverage (900 s, 5,000 facilities):', coverageResult);

  // (b) 1,000 isochrones of 900 s.
  const iws = createIsochroneWorkspace(graph);
  const perIsoMs: number[] = [];
  const engineIso = measure(7, () => {
    let count = 0;
    let sum = 0;
    let scanned = 0;
    perIsoMs.length = 0;
    for (let i = 0; i < ISOCHRONES; i++) {
      const t0 = performance.now();
      const iso = isochrone(iws, origins[i]!, CUTOFF_S);
      perIsoMs.push(performance.now() - t0);
      count += iso.count;
      scanned += iso.scannedArcs;
      for (let j = 0; j < iso.count; j++) sum += iso.seconds[j]!;
    }
    return { count, sum, scanned };
  });
  const baseIso = measure(3, () => {
    let count = 0;
    let sum = 0;
    dj.scannedArcs = 0;
    for (let i = 0; i < ISOCHRONES; i++) {
      dj.run(origins[i]!, CUTOFF_S);
      count += dj.touchedCount;
      for (let j = 0; j < dj.touchedCount; j++) sum += dj.dist[dj.touched[j]!]!;
    }
    return { count, sum, scanned: dj.scannedArcs };
  });
  check(engineIso.result.count === baseIso.result.count, 'isochrone node count');
  check(engineIso.result.sum === baseIso.result.sum, 'isochrone time sum');
  const isochroneResult = {
    engineMedianMs: round(engineIso.medianMs),
    baselineMedianMs: round(baseIso.medianMs),
    ratio: round(baseIso.medianMs / engineIso.medianMs, 1),
    engineOneIsochroneP50Ms: round(median(perIsoMs), 4),
    engineOneIsochroneP95Ms: round(percentile(perIsoMs, 0.95), 4),
    engineNsPerArc: round((engineIso.medianMs * 1e6) / engineIso.result.scanned),
    baselineNsPerArc: round((baseIso.medianMs * 1e6) / baseIso.result.scanned),
    checksum: {
      nodes: baseIso.result.count,
      sumOfSeconds: baseIso.result.sum,
      meanNodes: baseIso.result.count / ISOCHRONES,
    },
  };
  console.log('1,000 isochrones (900 s):', isochroneResult);

  // Shuffled ids (as raw OSM ids), from the binary file, reordered on load; engine only.
  const shuffled = generateSyntheticNetwork({ nodeCount, seed: SEED, shuffleIds: true }).graph;
  const dir = mkdtempSync(join(tmpdir(), 'fuwu-bench-'));
  const file = join(dir, 'shuffled.fuwunet');
  const written = writeNetworkFile(file, shuffled);
  const load = measure(3, () => reorderForLocality(readNetworkFile(file).graph));
  rmSync(dir, { recursive: true, force: true });
  const sg = load.result.graph;
  // The same physical facilities and origins: match nodes by their (exact, unique) coordinates.
  const at = new Map<string, number>();
  for (let i = 0; i < nodeCount; i++) at.set(`${sg.x[i]},${sg.y[i]}`, i);
  const mapNode = (v: number) => at.get(`${graph.x[v]},${graph.y[v]}`)!;
  const sFacilities = facilities.map(mapNode);
  const sOrigins = origins.map(mapNode);
  const sws = createSearchWorkspace(sg);
  const sCov = measure(7, () => nearestSources(sg, sFacilities, { cutoffSeconds: CUTOFF_S, workspace: sws }));
  let sSum = 0;
  for (let v = 0; v < nodeCount; v++) if (sCov.result.times[v] !== UNREACHABLE) sSum += sCov.result.times[v]!;
  check(sSum === timeSum, 'shuffled coverage time sum');
  const siws = createIsochroneWorkspace(sg);
  const sIso = measure(7, () => {
    let sum = 0;
    for (let i = 0; i < ISOCHRONES; i++) {
      const iso = isochrone(siws, sOrigins[i]!, CUTOFF_S);
      for (let j = 0; j < iso.count; j++) sum += iso.seconds[j]!;
    }
    return sum;
  });
  check(sIso.result === baseIso.result.sum, 'shuffled isochrone time sum');
  const shuffledResult = {
    fileBytes: written.bytes,
    loadAndReorderMedianMs: round(load.medianMs),
    coverageMedianMs: round(sCov.medianMs),
    coverageVsOrdered: round(sCov.medianMs / engineCov.medianMs, 2),
    isochronesMedianMs: round(sIso.medianMs),
    isochronesVsOrdered: round(sIso.medianMs / engineIso.medianMs, 2),
  };
  console.log('shuffled ids, loaded from file and reordered:', shuffledResult);

  const result = {
    bench: 'access',
    nodes: nodeCount,
    arcs,
    facilities: FACILITIES,
    cutoffSeconds: CUTOFF_S,
    seed: SEED,
    generateMs: round(generateMs),
    coverage: coverageResult,
    isochrones: isochroneResult,
    shuffled: shuffledResult,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    machine: machine(),
    commit: commit(),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/access-${nodeCount}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`peak RSS so far: ${result.peakRssMiB} MiB; wrote bench/results/access-${nodeCount}.json`);
}

const sizes = process.env.BENCH_FULL === '1' ? [300_000, 1_000_000] : [300_000];
for (const n of sizes) benchNetwork(n);
