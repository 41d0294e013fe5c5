/**
 * City-scale bench (issue 7 §4, "Scale"): the 21,000,000-person population and a 3,000,000-node
 * walking network on one machine, with time and memory per stage. `npm run bench:city`.
 *
 * Everything runs through the real code paths, nothing re-implemented:
 *  - network: the seeded synthetic generator (synthetic-network.ts), Hilbert reordering (as an import
 *    does), saved with the installation's network store (network-store.ts → network-file.ts) to a
 *    temporary directory and loaded back through it (hash checked); the kernels run on the loaded graph;
 *  - people on nodes: a seeded synthetic split of the city's population over the nodes (largest
 *    remainder, so it sums exactly), and seeded facilities over the 15 facility types, as many per
 *    node as bench/access.ts puts on its 1,000,000-node network (5,000 there, so 15,000 here);
 *  - coverage of all 15 types with the 900 s circle (nearestSources + coverage), and E2SFCA end to end
 *    (networkTwoStep, zones 300 / 600 / 900 s weighted 1 / 0.68 / 0.22, one demand point per node);
 *  - proactive matching: buildPopulation (generatePopulation + receipts + content hash) over the
 *    Chengdu pack's districts and catalog, then matchPopulation of every service in force, as
 *    bench/entitlements.ts does.
 * The same stages run first at 1,000,000 nodes / 1,000,000 people in the same process (the baseline),
 * and the city's time per node / per person is reported against it: does it scale linearly?
 *
 * Memory: process.memoryUsage() after each stage (after a full collection, so it is what the stage
 * keeps) and the peak RSS so far (process.resourceUsage().maxRSS, which only grows). At each scale the
 * loaded network and the population on its nodes stay in memory while the matching runs: the city in
 * one process, as a server holding both would be.
 *
 * Checksums are checked as the run goes (covered population within the total, matching counts adding
 * up, E2SFCA's supply balance…) and any inconsistency ends the run with exit code 1; the checkers are
 * themselves tried first on small real runs with a deliberately broken figure, and the bench stops if
 * they miss it. All data here is synthetic (示例). Writes bench/results/city-scale.json.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  buildPopulation,
  districtsOf,
  trackedServices,
} from '../src/app/entitlements/matching-population.ts';
import { coverage } from '../src/domain/access/coverage.ts';
import type { WalkGraph } from '../src/domain/access/graph.ts';
import { createSearchWorkspace, nearestSources } from '../src/domain/access/nearest.ts';
import { createTwoStepWorkspace, networkTwoStep } from '../src/domain/access/network-two-step.ts';
import { reorderForLocality } from '../src/domain/access/reorder.ts';
import { generateSyntheticNetwork } from '../src/domain/access/synthetic-network.ts';
import { e2sfcaZones } from '../src/domain/access/two-step.ts';
import type { Parameter, Service } from '../src/domain/entitlements/catalog.schema.ts';
import { ruleInForce } from '../src/domain/entitlements/evaluate.ts';
import type { MatchResult } from '../src/domain/entitlements/match-batch.ts';
import { matchPopulation } from '../src/domain/entitlements/match-batch.ts';
import { indexParameters } from '../src/domain/entitlements/parameters.ts';
import { MAX_POPULATION_SIZE } from '../src/domain/entitlements/synthetic-population.ts';
import type { PopulationDistrict } from '../src/domain/entitlements/synthetic-population.ts';
import { createLocalProjection } from '../src/domain/geo/projection.ts';
import type { WalkNetwork } from '../src/domain/osm/build-walk-network.ts';
import { DEFAULT_WALK_SPEED_MPS } from '../src/domain/osm/build-walk-network.ts';
import { EXCLUSION_REASONS } from '../src/domain/osm/walkable.ts';
import { apportionLargestRemainder } from '../src/domain/people/apportion.ts';
import { FACILITY_TYPES } from '../src/domain/resources/facility.ts';
import { createRandom } from '../src/domain/shared/random.ts';
import { loadNetwork, saveNetwork } from '../src/store/network/network-store.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../src/store/pack/pack-loader.ts';
import { median } from './lib.ts';
import { commit, loadAverageSince, machine } from './provenance.ts';

const CUTOFF_S = 900;
const ZONES = e2sfcaZones(CUTOFF_S);
const TYPES = FACILITY_TYPES.length;
/** bench/access.ts's density: 5,000 facilities on 1,000,000 nodes. */
const FACILITIES_PER_NODE = 5000 / 1_000_000;
const NETWORK_SEED = 20260101; // bench/access.ts's network
const PEOPLE_SEED = 20250630; // bench/entitlements.ts's population
const DATE = '2025-06-30';
// The sizes can be changed for a quick try (BENCH_BASE_NODES, BENCH_CITY_PEOPLE…); the recorded run uses these.
const BASE = {
  nodes: Number(process.env.BENCH_BASE_NODES ?? 1_000_000),
  people: Number(process.env.BENCH_BASE_PEOPLE ?? 1_000_000),
};
const CITY = {
  nodes: Number(process.env.BENCH_CITY_NODES ?? 3_000_000),
  people: Number(process.env.BENCH_CITY_PEOPLE ?? MAX_POPULATION_SIZE),
};
/** Timed runs of each kernel after one warm-up run (median reported). */
const KERNEL_REPS = Number(process.env.BENCH_REPS ?? 3);
/** Timed matching runs after one warm-up run: a run over 21,000,000 people takes tens of seconds. */
const MATCH_REPS = Number(process.env.BENCH_MATCH_REPS ?? 2);
/** Per-unit time at city scale within this factor of the baseline's counts as linear (runs on this shared machine move by 10–30%). */
const LINEAR_WITHIN = 1.25;

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

// A full collection before each memory reading, so it shows what a stage keeps, not its garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Memory {
  rssMiB: number;
  heapUsedMiB: number;
  arrayBuffersMiB: number;
  /** Peak RSS of the process so far (it only grows). */
  peakRssMiB: number;
}

function memory(): Memory {
  gc();
  const m = process.memoryUsage();
  return {
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    arrayBuffersMiB: mib(m.arrayBuffers),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

interface Stage {
  stage: string;
  ms: number;
  memory: Memory;
  [more: string]: unknown;
}

/** Runs one stage, timed, then reads memory; `extra` adds figures of the stage's result to its record. */
function stage<T>(
  stages: Stage[],
  name: string,
  fn: () => T,
  extra?: (r: T, ms: number) => Record<string, unknown>,
): T {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  const s: Stage = { stage: name, ms: round(ms), ...extra?.(r, ms), memory: memory() };
  stages.push(s);
  console.log(`  ${name}: ${JSON.stringify(s)}`);
  return r;
}

/** Runs `fn` once to warm up, then `reps` times; the median and each run's time. */
function timed<T>(reps: number, fn: () => T): { medianMs: number; runsMs: number[]; result: T } {
  let result = fn();
  const runsMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = fn();
    runsMs.push(round(performance.now() - t0));
  }
  return { medianMs: median(runsMs), runsMs, result };
}

// ---- checksum consistency: pure checks returning the problems found (none: consistent) ----------

interface TypeCoverage {
  type: string;
  facilities: number;
  totalPopulation: number;
  coveredPopulation: number;
  share: number;
}

function coverageProblems(perType: readonly TypeCoverage[], people: number, facilities: number): string[] {
  const p: string[] = [];
  if (perType.length !== TYPES) p.push(`coverage: ${perType.length} types, expected ${TYPES}`);
  const placed = perType.reduce((s, t) => s + t.facilities, 0);
  if (placed !== facilities) p.push(`coverage: facilities over the types ${placed} ≠ ${facilities}`);
  for (const t of perType) {
    if (t.totalPopulation !== people) p.push(`coverage ${t.type}: total ${t.totalPopulation} ≠ ${people}`);
    if (!(t.coveredPopulation >= 0 && t.coveredPopulation <= t.totalPopulation))
      p.push(`coverage ${t.type}: covered ${t.coveredPopulation} outside 0..${t.totalPopulation}`);
    if (!Number.isInteger(t.coveredPopulation))
      p.push(`coverage ${t.type}: covered ${t.coveredPopulation} not whole`);
    if (Math.abs(t.share - t.coveredPopulation / t.totalPopulation) > 1e-12)
      p.push(`coverage ${t.type}: share ${t.share} ≠ covered / total`);
  }
  return p;
}

/**
 * E2SFCA's balance: Σ_points accessibility × demand = Σ_facilities ratio × weighted demand = the
 * supply of the facilities that reach any demand (those with a ratio above 0).
 */
function e2sfcaProblems(
  r: { accessibility: Float64Array; ratio: Float64Array },
  demand: Float64Array,
  supply: Float64Array,
): string[] {
  const p: string[] = [];
  let served = 0;
  for (let i = 0; i < r.accessibility.length; i++) {
    const a = r.accessibility[i]!;
    if (!(a >= 0) || !Number.isFinite(a)) {
      p.push(`E2SFCA: accessibility[${i}] = ${a}`);
      break;
    }
    served += a * demand[i]!;
  }
  let supplied = 0;
  let allSupply = 0;
  for (let j = 0; j < r.ratio.length; j++) {
    const x = r.ratio[j]!;
    if (!(x >= 0) || !Number.isFinite(x)) p.push(`E2SFCA: ratio[${j}] = ${x}`);
    if (x > 0) supplied += supply[j]!;
    allSupply += supply[j]!;
  }
  if (Math.abs(served - supplied) > 1e-9 * Math.max(1, allSupply))
    p.push(`E2SFCA: Σ accessibility × demand ${served} ≠ supply reaching demand ${supplied}`);
  return p;
}

function matchingProblems(r: MatchResult, people: number): string[] {
  const p: string[] = [];
  const S = r.services.length;
  if (r.outcomeTotals.length !== S) p.push(`matching: ${r.outcomeTotals.length} totals for ${S} services`);
  const sums = Array.from({ length: S }, () => new Float64Array(8));
  for (const c of r.counts) {
    const s = sums[c.service];
    if (!s) {
      p.push(`matching: count for unknown service ${c.service}`);
      continue;
    }
    [
      c.population,
      c.eligible,
      c.notEligible,
      c.cannotDecide,
      c.receiving,
      c.receivingEligible,
      c.gap,
      c.recheck,
    ].forEach((x, k) => (s[k]! += x));
    if (c.eligible + c.notEligible + c.cannotDecide !== c.population)
      p.push(`matching: district ${c.district} service ${c.service}: outcomes do not add up to its people`);
    if (c.receivingEligible > c.receiving || c.receiving > c.population)
      p.push(`matching: district ${c.district} service ${c.service}: receiving figures out of order`);
    if (c.gap > c.eligible || c.recheck > c.notEligible)
      p.push(`matching: district ${c.district} service ${c.service}: work list above its outcome`);
  }
  let gap = 0;
  let recheck = 0;
  r.outcomeTotals.forEach(([e, n, u], k) => {
    const s = sums[k]!;
    if (e + n + u !== people) p.push(`matching ${r.services[k]!.code}: ${e} + ${n} + ${u} ≠ ${people}`);
    if (s[0] !== people)
      p.push(`matching ${r.services[k]!.code}: districts hold ${s[0]} people, not ${people}`);
    if (s[1] !== e || s[2] !== n || s[3] !== u)
      p.push(`matching ${r.services[k]!.code}: district counts differ from the service's totals`);
    gap += s[6]!;
    recheck += s[7]!;
  });
  let gapItems = 0;
  for (let k = 0; k < r.items.length; k++) if (r.items.kind[k] === 0) gapItems++;
  if (gap + recheck !== r.items.length)
    p.push(`matching: gap ${gap} + re-check ${recheck} ≠ ${r.items.length} work-list items`);
  if (gapItems !== gap) p.push(`matching: ${gapItems} gap items ≠ ${gap} counted`);
  return p;
}

function failOn(problems: readonly string[]): void {
  if (problems.length === 0) return;
  for (const x of problems) console.error(`INCONSISTENT: ${x}`);
  process.exit(1);
}

// ---- the stages ---------------------------------------------------------------------------------

interface Catalog {
  services: readonly Service[];
  parameters: readonly Parameter[];
}

/** Facilities (node, type, supply) and the people on nodes: seeded, synthetic. */
function placeOnNodes(nodeCount: number, people: number) {
  const rand = createRandom(NETWORK_SEED + 1);
  const count = Math.round(nodeCount * FACILITIES_PER_NODE);
  const facilities = new Uint32Array(count);
  for (let i = 0; i < count; i++) facilities[i] = Math.floor(rand() * nodeCount);
  const weights = new Array<number>(nodeCount);
  for (let i = 0; i < nodeCount; i++) weights[i] = Math.floor(rand() * 50);
  const population = Float64Array.from(apportionLargestRemainder(people, weights));
  const split = createRandom(NETWORK_SEED + 2);
  const types = new Uint8Array(count);
  const supply = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    types[i] = Math.floor(split() * TYPES);
    supply[i] = 10 + Math.floor(split() * 190);
  }
  const byType = Array.from({ length: TYPES }, (_, t) => facilities.filter((_, i) => types[i] === t));
  return { facilities, byType, population, supply };
}
type Placement = ReturnType<typeof placeOnNodes>;

function coverageAllTypes(graph: WalkGraph, pl: Placement, ws: ReturnType<typeof createSearchWorkspace>) {
  const into = { times: new Uint32Array(graph.nodeCount), source: new Int32Array(graph.nodeCount) };
  return FACILITY_TYPES.map((type, t): TypeCoverage => {
    const nodes = pl.byType[t]!;
    const near = nearestSources(graph, nodes, { cutoffSeconds: CUTOFF_S, workspace: ws, into });
    const c = coverage(pl.population, near.times, CUTOFF_S);
    return { type, facilities: nodes.length, ...c };
  });
}

function e2sfca(graph: WalkGraph, pl: Placement, ws: ReturnType<typeof createTwoStepWorkspace>) {
  const n = graph.nodeCount;
  const nodes = new Uint32Array(n);
  for (let i = 0; i < n; i++) nodes[i] = i;
  const points = { nodes, offsets: new Uint32Array(n), demand: pl.population };
  const sources = Array.from(pl.facilities, (node) => ({ node }));
  return networkTwoStep(graph, sources, pl.supply, points, ZONES, ws);
}

/** The synthetic network as an import would leave it, so that the real store saves it. */
function asWalkNetwork(graph: WalkGraph): WalkNetwork {
  let length = 0;
  for (let u = 0; u < graph.nodeCount; u++)
    for (let a = graph.offsets[u]!; a < graph.offsets[u + 1]!; a++) {
      const v = graph.targets[a]!;
      length += Math.hypot(graph.x[v]! - graph.x[u]!, graph.y[v]! - graph.y[u]!);
    }
  return {
    graph,
    osmNodeIds: new Float64Array(0), // not stored by the network store
    projection: createLocalProjection([104.07, 30.67]), // Chengdu, Tianfu Square
    stats: {
      ways: 0,
      walkableWays: 0,
      inputNodes: graph.nodeCount,
      nodes: graph.nodeCount,
      edges: graph.targets.length / 2,
      totalLengthMetres: Math.round(length / 2),
      excludedByTag: Object.fromEntries(
        EXCLUSION_REASONS.map((r) => [r, 0]),
      ) as WalkNetwork['stats']['excludedByTag'],
      missingNodeRefs: 0,
    },
  };
}

interface NetworkFigures {
  nodes: number;
  arcs: number;
  people: number;
  facilities: number;
  fileBytes: number;
  generateMs: number;
  writeMs: number;
  loadMs: number;
  placeMs: number;
  coverageMs: number;
  coverageRunsMs: number[];
  e2sfcaMs: number;
  e2sfcaRunsMs: number[];
  coverage: TypeCoverage[];
  e2sfca: { nodesWithAccess: number; accessTimesDemand: number; supplyReachingDemand: number };
}

/** Network stages at one size; returns the loaded graph and the people on it (kept by the caller). */
function networkStages(nodeCount: number, people: number, stages: Stage[]) {
  // Wrapped with the statistics an import records beside the graph, untimed (the generator stands in
  // for the import); no other reference to the generated arrays is kept.
  let walk: WalkNetwork | null = asWalkNetwork(
    stage(
      stages,
      'network: generate + Hilbert reorder',
      () => reorderForLocality(generateSyntheticNetwork({ nodeCount, seed: NETWORK_SEED }).graph).graph,
      (g) => ({ arcs: g.targets.length }),
    ),
  );
  const generateMs = stages.at(-1)!.ms;
  const arcs = walk.graph.targets.length;
  const dir = mkdtempSync(join(tmpdir(), 'fuwu-city-'));
  const meta = stage(
    stages,
    'network: write (network store)',
    () =>
      saveNetwork(
        dir,
        walk!,
        `synthetic (示例) network, seed ${NETWORK_SEED}`,
        DEFAULT_WALK_SPEED_MPS,
        new Date(),
      ),
    () => ({ fileBytes: statSync(join(dir, 'walk.fwnet')).size }),
  );
  const writeMs = stages.at(-1)!.ms;
  const fileBytes = statSync(join(dir, 'walk.fwnet')).size;
  // The generated arrays are let go before the load: the kernels run on the loaded graph alone.
  walk = null;
  const loaded = stage(stages, 'network: load (network store, hash checked)', () => loadNetwork(dir));
  const loadMs = stages.at(-1)!.ms;
  rmSync(dir, { recursive: true, force: true });
  const problems: string[] = [];
  if (!loaded) problems.push('network: nothing loaded');
  else {
    if (loaded.meta.sha256 !== meta.sha256)
      problems.push('network: loaded hash differs from the written one');
    if (loaded.graph.nodeCount !== nodeCount || loaded.graph.targets.length !== arcs)
      problems.push('network: loaded node or arc count differs');
  }
  failOn(problems);
  const graph = loaded!.graph;

  const pl = stage(
    stages,
    'people and facilities on nodes (synthetic)',
    () => placeOnNodes(nodeCount, people),
    (p) => ({
      facilities: p.facilities.length,
    }),
  );
  const placeMs = stages.at(-1)!.ms;
  let onNodes = 0;
  for (let i = 0; i < nodeCount; i++) onNodes += pl.population[i]!;
  failOn(onNodes === people ? [] : [`people on nodes ${onNodes} ≠ ${people}`]);

  const sws = createSearchWorkspace(graph);
  const cov = stage(
    stages,
    `coverage of all ${TYPES} types, ${CUTOFF_S} s (warm-up + ${KERNEL_REPS} runs)`,
    () => timed(KERNEL_REPS, () => coverageAllTypes(graph, pl, sws)),
    (r) => ({ medianMs: r.medianMs, runsMs: r.runsMs }),
  );
  failOn(coverageProblems(cov.result, people, pl.facilities.length));

  const tws = createTwoStepWorkspace(graph);
  const e2 = stage(
    stages,
    `E2SFCA end to end (warm-up + ${KERNEL_REPS} runs)`,
    () => timed(KERNEL_REPS, () => e2sfca(graph, pl, tws)),
    (r) => ({ medianMs: r.medianMs, runsMs: r.runsMs }),
  );
  failOn(e2sfcaProblems(e2.result, pl.population, pl.supply));
  let served = 0;
  let withAccess = 0;
  let supplied = 0;
  e2.result.accessibility.forEach((a, i) => {
    served += a * pl.population[i]!;
    if (a > 0) withAccess++;
  });
  e2.result.ratio.forEach((x, j) => (supplied += x > 0 ? pl.supply[j]! : 0));

  const figures: NetworkFigures = {
    nodes: nodeCount,
    arcs,
    people,
    facilities: pl.facilities.length,
    fileBytes,
    generateMs,
    writeMs,
    loadMs,
    placeMs,
    coverageMs: cov.medianMs,
    coverageRunsMs: cov.runsMs,
    e2sfcaMs: e2.medianMs,
    e2sfcaRunsMs: e2.runsMs,
    coverage: cov.result,
    e2sfca: {
      nodesWithAccess: withAccess,
      accessTimesDemand: round(served, 6),
      supplyReachingDemand: supplied,
    },
  };
  return { figures, keep: { graph, population: pl.population } };
}

interface MatchingFigures {
  countsAre: string;
  people: number;
  households: number;
  services: number;
  buildMs: number;
  matchMs: number;
  matchRunsMs: number[];
  eligible: number;
  notEligible: number;
  cannotDecide: number;
  receiving: number;
  /** 应享未享: eligible, not receiving (tracked services). */
  notServed: number;
  /** 应退未退: receiving, no longer eligible. */
  recheck: number;
  workListItems: number;
}

function matchingStages(
  people: number,
  districts: readonly PopulationDistrict[],
  catalog: Catalog,
  stages: Stage[],
): MatchingFigures {
  const built = stage(
    stages,
    `matching: build ${people.toLocaleString('en')} synthetic people (generate + receipts + hash)`,
    () => buildPopulation({ seed: PEOPLE_SEED, size: people, date: DATE }, districts, catalog),
    (b) => ({ households: b.pop.households }),
  );
  const { pop } = built;
  failOn(
    pop.size === people && pop.synthetic ? [] : [`population: size ${pop.size}, synthetic ${pop.synthetic}`],
  );
  const params = indexParameters(catalog.parameters);
  const run = stage(
    stages,
    `matching: every service in force (warm-up + ${MATCH_REPS} runs)`,
    () =>
      timed(MATCH_REPS, () =>
        matchPopulation(pop, catalog.services, params, DATE, {
          tracked: (s) => trackedServices([s]).length > 0,
        }),
      ),
    (r) => ({ medianMs: r.medianMs, runsMs: r.runsMs }),
  );
  const r = run.result;
  failOn(matchingProblems(r, people));
  const total = (k: 0 | 1 | 2) => r.outcomeTotals.reduce((s, t) => s + t[k], 0);
  const sum = (f: (c: MatchResult['counts'][number]) => number) => r.counts.reduce((s, c) => s + f(c), 0);
  return {
    countsAre: `person × service pairs summed over the ${r.services.length} services (a person eligible for 5 services counts 5); receiving, not served and re-check only where receipt is tracked`,
    people,
    households: pop.households,
    services: r.services.length,
    buildMs: stages.at(-2)!.ms,
    matchMs: run.medianMs,
    matchRunsMs: run.runsMs,
    eligible: total(0),
    notEligible: total(1),
    cannotDecide: total(2),
    receiving: sum((c) => c.receiving),
    notServed: sum((c) => c.gap),
    recheck: sum((c) => c.recheck),
    workListItems: r.items.length,
  };
}

/** One scale: the network stages, then the matching with the network and its people still held. */
function scale(nodes: number, people: number, districts: readonly PopulationDistrict[], catalog: Catalog) {
  console.log(`\n== ${nodes.toLocaleString('en')} nodes, ${people.toLocaleString('en')} people ==`);
  const stages: Stage[] = [];
  const t0 = performance.now();
  const net = networkStages(nodes, people, stages);
  const matching = matchingStages(people, districts, catalog, stages);
  const totalMs = performance.now() - t0;
  const held = memory();
  // Still referenced here so that the matching's memory readings include the network it runs beside.
  const heldNetwork = { nodes: net.keep.graph.nodeCount, people: net.keep.population.length };
  return { network: net.figures, matching, stages, totalMs: round(totalMs), memoryAtEnd: held, heldNetwork };
}

/** The checkers must catch a broken figure on a small real run, or the bench proves nothing. */
function selfCheck(districts: readonly PopulationDistrict[], catalog: Catalog): void {
  const stages: Stage[] = [];
  const quiet = console.log;
  console.log = () => {};
  const small = networkStages(2_000, 20_000, stages);
  const { pop } = buildPopulation({ seed: PEOPLE_SEED, size: 3_000, date: DATE }, districts, catalog);
  const m = matchPopulation(pop, catalog.services, indexParameters(catalog.parameters), DATE);
  console.log = quiet;
  const cov = small.figures.coverage;
  const e2Demand = small.keep.population;
  const misses: string[] = [];
  const expect = (problems: string[], broken: boolean, what: string) => {
    if (broken !== problems.length > 0)
      misses.push(`${what}: ${broken ? 'not caught' : problems.join('; ')}`);
  };
  expect(coverageProblems(cov, 20_000, small.figures.facilities), false, 'coverage, as computed');
  expect(
    coverageProblems(
      cov.map((t, i) =>
        i === 0 ? { ...t, coveredPopulation: t.totalPopulation + 1, share: 1 + 1 / t.totalPopulation } : t,
      ),
      20_000,
      small.figures.facilities,
    ),
    true,
    'coverage above the total',
  );
  const graph = small.keep.graph;
  const pl = placeOnNodes(graph.nodeCount, 20_000);
  const e2 = e2sfca(graph, pl, createTwoStepWorkspace(graph));
  expect(e2sfcaProblems(e2, e2Demand, pl.supply), false, 'E2SFCA, as computed');
  const skewed = { ratio: e2.ratio, accessibility: e2.accessibility.map((a, i) => (i === 0 ? a + 1 : a)) };
  expect(e2sfcaProblems(skewed, e2Demand, pl.supply), true, 'E2SFCA off balance');
  expect(matchingProblems(m, 3_000), false, 'matching, as computed');
  const off = {
    ...m,
    outcomeTotals: m.outcomeTotals.map((t, k) => (k === 0 ? ([t[0] + 1, t[1], t[2]] as typeof t) : t)),
  };
  expect(matchingProblems(off, 3_000), true, 'matching totals not adding up');
  const lost = { ...m, items: { ...m.items, length: m.items.length - 1 } };
  expect(matchingProblems(lost, 3_000), true, 'matching work list one short');
  if (misses.length > 0) {
    for (const x of misses) console.error(`CHECKER BROKEN: ${x}`);
    process.exit(1);
  }
  console.log('checkers: consistent small runs pass, each broken figure is caught');
}

// ---- the run ------------------------------------------------------------------------------------

const loadBefore = loadavg();
const tRun = performance.now();
const tPack = performance.now();
const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
const catalog: Catalog = { services: pack.services, parameters: pack.parameters };
const districts = districtsOf(pack.areas);
const packMs = performance.now() - tPack;
const servicesInForce = catalog.services.filter((s) => ruleInForce(s, DATE) !== null).length;
console.log(
  `pack loaded in ${Math.round(packMs)} ms: ${districts.length} districts, ${servicesInForce} services in force`,
);
selfCheck(districts, catalog);
const memoryAtStart = memory();

const baseline = scale(BASE.nodes, BASE.people, districts, catalog);
const city = scale(CITY.nodes, CITY.people, districts, catalog);

const nsPer = (ms: number, units: number) => round((ms * 1e6) / units, 1);
/** A stage's nanoseconds per unit at both sizes, and the city's over the baseline's: 1 is linear. */
const perUnit = (cityMs: number, cityUnits: number, baseMs: number, baseUnits: number) => {
  const ratio = cityMs / cityUnits / (baseMs / baseUnits);
  return {
    baseline: nsPer(baseMs, baseUnits),
    city: nsPer(cityMs, cityUnits),
    ratio: round(ratio, 2),
    linear: ratio <= LINEAR_WITHIN,
  };
};
const bn = baseline.network;
const cn = city.network;
const bm = baseline.matching;
const cm = city.matching;
const scaling = {
  note: `time per node (network) or per person (matching) at ${CITY.nodes.toLocaleString('en')} nodes / ${CITY.people.toLocaleString('en')} people over the same at ${BASE.nodes.toLocaleString('en')} / ${BASE.people.toLocaleString('en')}, same process; "linear" when the ratio is at most ${LINEAR_WITHIN} (this shared machine's timings move by 10–30% between runs). Coverage, E2SFCA and matching: medians of timed runs after a warm-up; generating, writing, loading and building: one run each (noisier). Facilities grow with the nodes (same density), so E2SFCA's work per node is the same at both sizes; people per node grow 7×, which costs the network kernels nothing.`,
  generateNsPerNode: perUnit(cn.generateMs, cn.nodes, bn.generateMs, bn.nodes),
  writeNsPerByte: perUnit(cn.writeMs, cn.fileBytes, bn.writeMs, bn.fileBytes),
  loadNsPerByte: perUnit(cn.loadMs, cn.fileBytes, bn.loadMs, bn.fileBytes),
  coverageNsPerNode: perUnit(cn.coverageMs, cn.nodes, bn.coverageMs, bn.nodes),
  e2sfcaNsPerNode: perUnit(cn.e2sfcaMs, cn.nodes, bn.e2sfcaMs, bn.nodes),
  buildNsPerPerson: perUnit(cm.buildMs, cm.people, bm.buildMs, bm.people),
  matchNsPerPerson: perUnit(cm.matchMs, cm.people, bm.matchMs, bm.people),
};
console.log('\nscaling:', JSON.stringify(scaling, null, 1));

const totalMs = performance.now() - tRun;
const result = {
  bench: 'city-scale',
  what: `issue 7 §4: a ${CITY.nodes.toLocaleString('en')}-node synthetic walking network (written and loaded through the network store) with ${CITY.people.toLocaleString('en')} synthetic people on its nodes and ${cn.facilities.toLocaleString('en')} synthetic facilities over the ${TYPES} types: coverage of all types (${CUTOFF_S} s) and E2SFCA end to end; proactive matching of every service in force on ${DATE} over ${CITY.people.toLocaleString('en')} synthetic people (示例, seed ${PEOPLE_SEED}); time and memory per stage`,
  synthetic:
    'all data is synthetic (示例): seeded network, people on nodes, facilities and the matching population',
  baseline: `the same stages at ${BASE.nodes.toLocaleString('en')} nodes / ${BASE.people.toLocaleString('en')} people, run first in the same process`,
  machine: machine(),
  commit: commit(),
  loadAverage: loadAverageSince(loadBefore),
  loadAverageNote:
    'the machine is shared with a CI run: the 1/5/15-minute load average before and after the run (2 cores)',
  nodeOptions: process.env.NODE_OPTIONS ?? null,
  seeds: { network: NETWORK_SEED, people: PEOPLE_SEED },
  cutoffSeconds: CUTOFF_S,
  e2sfcaZones: ZONES,
  kernelReps: KERNEL_REPS,
  matchReps: MATCH_REPS,
  packLoadMs: Math.round(packMs),
  servicesInForce,
  checksConsistent: true,
  scaling,
  city,
  baselineRun: baseline,
  memoryNote:
    "each stage's memory is read after a full collection (what the stage keeps), with the process's peak RSS so far (it only grows: a stage's transient peak shows there); at each scale the loaded network and the people on its nodes stay held while the matching runs; the network store's one-entry cache holds the baseline's network until the city's load replaces it",
  memoryAtStart,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  totalMs: Math.round(totalMs),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/city-scale.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `\ncity: ${cn.nodes.toLocaleString('en')} nodes (file ${mib(cn.fileBytes)} MiB, write ${cn.writeMs} ms, load ${cn.loadMs} ms), coverage of ${TYPES} types ${cn.coverageMs} ms, E2SFCA ${cn.e2sfcaMs} ms; ${cm.people.toLocaleString('en')} people built in ${Math.round(cm.buildMs)} ms, matched in ${Math.round(cm.matchMs)} ms; peak RSS ${result.peakRssMiB} MiB; total ${Math.round(totalMs / 1000)} s; wrote bench/results/city-scale.json`,
);
