/**
 * Scenario bench (issue 4 §2, "changing one facility updates the figures quickly"): `tsx bench/scenario.ts`.
 *
 * A seeded synthetic city in metres: residential points clustered around town centres in a 60 km
 * square, facilities of one type among them, the 15-minute straight-line circle (900 s × 1.2 m/s ÷
 * detour 1.3 ≈ 831 m; nearest searched within three circles, as the coverage use case does). For one
 * change to a scenario — a facility added, or one removed — in the same run:
 *  - incremental (src/domain/scenarios/incremental-nearest.ts): copy the kept baseline (two arrays of
 *    the points) and update it — one radius query around the added facility, or a new search only for
 *    the points whose nearest the removed one was;
 *  - full: nearestStraightLine over every point and the changed facility list, as a recomputation would.
 * Both then sum people covered by district. Their per-point distances must be identical (the bench
 * exits otherwise). The same for a facility added to and one removed from a 300,000-node synthetic
 * walking network (below; a removal searches again only the nodes the removed facility was nearest
 * to), and E2SFCA over such a network for one facility added or resized (below). Medians of
 * BENCH_REPS (default 15) changes at seeded places, written with the machine and the commit to
 * bench/results/scenario.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { XY } from '../src/domain/access/straight-line.ts';
import { nearestStraightLine } from '../src/domain/access/straight-line.ts';
import { networkReachSeconds } from '../src/domain/access/network-reach.ts';
import { networkTwoStep } from '../src/domain/access/network-two-step.ts';
import { e2sfcaZones } from '../src/domain/access/two-step.ts';
import { IncrementalNetworkTwoStep } from '../src/domain/scenarios/incremental-network-two-step.ts';
import { generateSyntheticNetwork } from '../src/domain/access/synthetic-network.ts';
import { buildEdgeIndex } from '../src/domain/osm/snap.ts';
import { IncrementalNearest } from '../src/domain/scenarios/incremental-nearest.ts';
import { IncrementalNetworkReach } from '../src/domain/scenarios/incremental-network.ts';
import { createRandom } from '../src/domain/shared/random.ts';
import { check, median, sameArrays } from './lib.ts';
import { commit, machine } from './provenance.ts';

const SEED = 20261129;
const REPS = Number(process.env.BENCH_REPS ?? 15);
const LIMIT_M = (900 * 1.2) / 1.3;
const SEARCH_M = LIMIT_M * 3;
const SIDE_M = 60_000;

function cityOf(points: number, facilities: number) {
  const rnd = createRandom(SEED + points);
  const centres = Array.from({ length: 40 }, () => ({
    x: rnd() * SIDE_M,
    y: rnd() * SIDE_M,
    r: 1000 + rnd() * 5000,
  }));
  const near = (): XY => {
    const c = centres[Math.floor(rnd() * centres.length)]!;
    const a = rnd() * 2 * Math.PI;
    const d = c.r * Math.sqrt(rnd());
    return { x: c.x + d * Math.cos(a), y: c.y + d * Math.sin(a) };
  };
  const pts = Array.from({ length: points }, near);
  const people = Float64Array.from({ length: points }, () => 50 + Math.floor(rnd() * 2000));
  const district = Int32Array.from(pts, (p) => Math.floor(p.x / 15_000) * 4 + Math.floor(p.y / 15_000));
  return { pts, people, district, facilities: Array.from({ length: facilities }, near), rnd, near };
}

function coveredByDistrict(reach: Float64Array, people: Float64Array, district: Int32Array): Float64Array {
  const out = new Float64Array(16);
  for (let i = 0; i < reach.length; i++) if (reach[i]! <= LIMIT_M) out[district[i]!]! += people[i]!;
  return out;
}

function runCase(points: number, facilities: number) {
  const city = cityOf(points, facilities);
  const base = new IncrementalNearest(city.pts, city.facilities, SEARCH_M);
  const times = {
    addIncremental: [] as number[],
    addFull: [] as number[],
    removeIncremental: [] as number[],
    removeFull: [] as number[],
  };
  let touchedAdd = 0;
  let touchedRemove = 0;
  for (let rep = 0; rep < REPS; rep++) {
    // Add one facility at a seeded place among the people.
    const site = city.near();
    let t = performance.now();
    const s = base.copy();
    touchedAdd += s.add(site).changed.length;
    const incCovered = coveredByDistrict(s.reach, city.people, city.district);
    times.addIncremental.push(performance.now() - t);
    t = performance.now();
    const full = nearestStraightLine(city.pts, [...city.facilities, site], SEARCH_M);
    const fullCovered = coveredByDistrict(full, city.people, city.district);
    times.addFull.push(performance.now() - t);
    sameArrays(s.reach, full, `add ${rep}: incremental vs full distances`);
    sameArrays(incCovered, fullCovered, `add ${rep}: covered by district`);

    // Remove one existing facility.
    const j = Math.floor(city.rnd() * facilities);
    t = performance.now();
    const r = base.copy();
    touchedRemove += r.remove(j).length;
    const incR = coveredByDistrict(r.reach, city.people, city.district);
    times.removeIncremental.push(performance.now() - t);
    t = performance.now();
    const fullR = nearestStraightLine(
      city.pts,
      city.facilities.filter((_, k) => k !== j),
      SEARCH_M,
    );
    const fullRc = coveredByDistrict(fullR, city.people, city.district);
    times.removeFull.push(performance.now() - t);
    sameArrays(r.reach, fullR, `remove ${rep}: incremental vs full distances`);
    sameArrays(incR, fullRc, `remove ${rep}: covered by district`);
  }
  check(touchedAdd + touchedRemove > 0, 'the changes touched no point: the bench measures nothing');
  const m = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 1000) / 1000]),
  );
  return {
    points,
    facilities,
    reps: REPS,
    medianMs: m,
    ratio: {
      add: Math.round((m.addFull! / m.addIncremental!) * 10) / 10,
      remove: Math.round((m.removeFull! / m.removeIncremental!) * 10) / 10,
    },
    pointsTouchedPerChange: {
      add: Math.round(touchedAdd / REPS),
      remove: Math.round(touchedRemove / REPS),
    },
  };
}

/**
 * Over a walking network: the seeded synthetic network of the access bench, points and facilities at
 * random places on it, the 15-minute circle searched to three circles (2,700 s) as the coverage use
 * case does; one facility added incrementally (a bounded search from each end of its edge, then every
 * point read from the node times), and one removed (the nodes it labelled searched again from their
 * boundary), each against networkReachSeconds over the changed facility list.
 */
function runNetworkCase(nodeCount: number, points: number, facilities: number) {
  const graph = generateSyntheticNetwork({ nodeCount, seed: SEED }).graph;
  const index = buildEdgeIndex(graph);
  const rnd = createRandom(SEED + nodeCount);
  let maxX = 0;
  let maxY = 0;
  for (let i = 0; i < graph.nodeCount; i++) {
    maxX = Math.max(maxX, graph.x[i]!);
    maxY = Math.max(maxY, graph.y[i]!);
  }
  const at = (): [number, number] => [rnd() * maxX, rnd() * maxY];
  const pts = Array.from({ length: points }, at);
  const fac = Array.from({ length: facilities }, at);
  const cutoff = 2700;
  const base = new IncrementalNetworkReach(graph, index, fac, pts, 1.2, cutoff);
  const inc: number[] = [];
  const full: number[] = [];
  const removeInc: number[] = [];
  const removeFull: number[] = [];
  let invalidated = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const site = at();
    let t = performance.now();
    const s = base.copy();
    s.add(site);
    const a = s.reachSeconds();
    inc.push(performance.now() - t);
    t = performance.now();
    const b = networkReachSeconds(graph, index, [...fac, site], pts, 1.2, cutoff);
    full.push(performance.now() - t);
    sameArrays(a, b, `network add ${rep}: incremental vs full seconds`);

    // Remove one existing facility: only the nodes it was nearest to are searched again.
    const j = Math.floor(rnd() * facilities);
    t = performance.now();
    const r = base.copy();
    invalidated += r.remove(j);
    const ra = r.reachSeconds();
    removeInc.push(performance.now() - t);
    t = performance.now();
    const rb = networkReachSeconds(
      graph,
      index,
      fac.filter((_, k) => k !== j),
      pts,
      1.2,
      cutoff,
    );
    removeFull.push(performance.now() - t);
    sameArrays(ra, rb, `network remove ${rep}: incremental vs full seconds`);
  }
  check(invalidated > 0, 'the removals invalidated no node: the bench measures nothing');
  const ms = (v: number[]) => Math.round(median(v) * 1000) / 1000;
  const m = {
    addIncremental: ms(inc),
    addFull: ms(full),
    removeIncremental: ms(removeInc),
    removeFull: ms(removeFull),
  };
  return {
    nodes: nodeCount,
    points,
    facilities,
    reps: REPS,
    medianMs: m,
    ratio: {
      add: Math.round((m.addFull / m.addIncremental) * 10) / 10,
      remove: Math.round((m.removeFull / m.removeIncremental) * 10) / 10,
    },
    nodesInvalidatedPerRemoval: Math.round(invalidated / REPS),
  };
}

const cases = [runCase(21_000, 400), runCase(21_000, 5_000), runCase(200_000, 5_000)];
for (const c of cases) {
  console.log(
    `${c.points} points, ${c.facilities} facilities: add ${c.medianMs.addIncremental} ms vs full ${c.medianMs.addFull} ms (${c.ratio.add}×), remove ${c.medianMs.removeIncremental} ms vs full ${c.medianMs.removeFull} ms (${c.ratio.remove}×)`,
  );
}
/**
 * E2SFCA over the same kind of network (zones 300/600/900 s weighted 1/0.68/0.22, demand on points at
 * random nodes): one facility added and one resized, incrementally (one bounded search for the added
 * one, then only the points of the changed catchment summed again) against networkTwoStep over the
 * changed facility list.
 */
function runTwoStepCase(nodeCount: number, points: number, facilities: number) {
  const graph = generateSyntheticNetwork({ nodeCount, seed: SEED }).graph;
  const rnd = createRandom(SEED + nodeCount + 1);
  const node = () => Math.floor(rnd() * graph.nodeCount);
  const pts = {
    nodes: Uint32Array.from({ length: points }, node),
    offsets: Uint32Array.from({ length: points }, () => Math.floor(rnd() * 60)),
  };
  const demand = Float64Array.from({ length: points }, () => 5 + Math.floor(rnd() * 200));
  const fac = Array.from({ length: facilities }, () => ({
    node: node(),
    offsetSeconds: Math.floor(rnd() * 60),
  }));
  const supply = Float64Array.from({ length: facilities }, () => 20 + Math.floor(rnd() * 100));
  const zones = e2sfcaZones(900);
  const base = new IncrementalNetworkTwoStep(graph, pts, demand, fac, supply, zones);
  const times = {
    addIncremental: [] as number[],
    addFull: [] as number[],
    resizeIncremental: [] as number[],
    resizeFull: [] as number[],
  };
  for (let rep = 0; rep < REPS; rep++) {
    const site = { node: node(), offsetSeconds: Math.floor(rnd() * 60) };
    let t = performance.now();
    const s = base.copy();
    s.add(site, 60);
    times.addIncremental.push(performance.now() - t);
    t = performance.now();
    const full = networkTwoStep(
      graph,
      [...fac, site],
      Float64Array.from([...supply, 60]),
      { ...pts, demand },
      zones,
    );
    times.addFull.push(performance.now() - t);
    sameArrays(s.accessibility, full.accessibility, `E2SFCA add ${rep}: incremental vs full`);

    const j = Math.floor(rnd() * facilities);
    t = performance.now();
    const r = base.copy();
    r.resize(j, 500);
    times.resizeIncremental.push(performance.now() - t);
    const resized = supply.slice();
    resized[j] = 500;
    t = performance.now();
    const fullR = networkTwoStep(graph, fac, resized, { ...pts, demand }, zones);
    times.resizeFull.push(performance.now() - t);
    sameArrays(r.accessibility, fullR.accessibility, `E2SFCA resize ${rep}: incremental vs full`);
  }
  const m = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 1000) / 1000]),
  );
  return {
    nodes: nodeCount,
    points,
    facilities,
    reps: REPS,
    medianMs: m,
    ratio: {
      add: Math.round((m.addFull! / m.addIncremental!) * 10) / 10,
      resize: Math.round((m.resizeFull! / m.resizeIncremental!) * 10) / 10,
    },
  };
}

const networkCases = [runNetworkCase(300_000, 21_000, 400)];
for (const c of networkCases) {
  console.log(
    `network ${c.nodes} nodes, ${c.points} points, ${c.facilities} facilities: add ${c.medianMs.addIncremental} ms vs full ${c.medianMs.addFull} ms (${c.ratio.add}×), remove ${c.medianMs.removeIncremental} ms vs full ${c.medianMs.removeFull} ms (${c.ratio.remove}×, ${c.nodesInvalidatedPerRemoval} nodes searched again)`,
  );
}
const twoStepCases = [runTwoStepCase(300_000, 21_000, 400)];
for (const c of twoStepCases) {
  console.log(
    `E2SFCA over ${c.nodes} nodes, ${c.points} points, ${c.facilities} facilities: add ${c.medianMs.addIncremental} ms vs full ${c.medianMs.addFull} ms (${c.ratio.add}×), resize ${c.medianMs.resizeIncremental} ms vs full ${c.medianMs.resizeFull} ms (${c.ratio.resize}×)`,
  );
}
const out = {
  bench: 'scenario',
  what: 'one facility added to or removed from a scenario: per-point nearest distance (straight line, 15-minute circle, search within three circles) and people covered by district, per-point walking seconds over a synthetic walking network (added or removed facility), and per-point E2SFCA over that network (added or resized facility), incremental from the kept baseline vs full recomputation; identical results checked',
  baseline: 'full recomputation (nearestStraightLine over all points and the changed facility list)',
  machine: machine(),
  commit: commit(),
  cases,
  networkCases,
  twoStepCases,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/scenario.json', `${JSON.stringify(out, null, 2)}\n`);
