/**
 * Mixed load test (issue 7 §5): the requests a working day brings, all at once, against `fuwu serve`
 * on PostgreSQL over loopback — planners' dashboard and indicator pages, map data (district boundaries
 * and capacity gaps), case workers' queues and residents' applications — at 50 and at 200 concurrent
 * clients. Each client goes round the same mix (MIX below), each request as a user of the right role.
 *
 * Baseline (named, measured in the same run): the same mix from 1 client; the ratios of 50 and 200
 * clients' throughput to it say how the server scales on this machine. The run must end with zero
 * errors: every answer 2xx, no socket error, no timeout — otherwise it exits non-zero and says which
 * request failed how. Latency per kind of request is measured by the load generator itself (the time
 * from sending to the full answer, pipelining 1), since autocannon's histogram mixes the kinds.
 *
 * Setup: a fresh database, the 示例 sample figures and facilities loaded by the admin, one planner,
 * one case worker per office, residents (one per 4 clients). Writes bench/results/mixed-load.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { officesOf } from '../src/domain/cases/offices.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../src/store/pack/pack-loader.ts';
import type { AcClient, AcRequest, AcResult, Server, Session } from './load-lib.ts';
import {
  ADMIN_PG_URL,
  adminCall,
  cpuMeter,
  createUser,
  freshDatabase,
  inBatches,
  percentile,
  runLoad,
  signIn,
  startServer,
  summary,
} from './load-lib.ts';
import { commit, loadAverageSince, machine } from './provenance.ts';

const LEVELS = (process.env.BENCH_MIXED_LEVELS ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 20);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const SERVICE = 'S-1-04';
const PASSWORD = 'bench-password-1';
const ADMIN_PASSWORD = 'bench-admin-password-1';

/** One round of a client: the kinds of request and how often each comes in ten. */
const MIX = [
  'dashboard',
  'indicator',
  'boundaries',
  'gaps',
  'queue',
  'apply',
  'dashboard',
  'indicator',
  'queue',
  'apply',
] as const;
type Kind = (typeof MIX)[number];

interface Actors {
  planner: Session;
  workers: Session[];
  residents: Array<{ session: Session; district: string; index: number }>;
  indicatorCodes: string[];
}

interface Tally {
  statuses: Map<string, number>;
  latencies: Map<Kind, number[]>;
  failures: Array<{ kind: Kind; status: number; body: string }>;
}

const newTally = (): Tally => ({ statuses: new Map(), latencies: new Map(), failures: [] });

let keySeq = 0;
let turn = 0;

/** The requests of one client: MIX in order, each with the session of a user of the right role. */
function clientRequests(a: Actors, tally: Tally): AcRequest[] {
  const me = turn++;
  const resident = a.residents[me % a.residents.length]!;
  const worker = a.workers[me % a.workers.length]!;
  const indicator = a.indicatorCodes[me % a.indicatorCodes.length]!;
  const get = (path: string, s: Session) => ({ method: 'GET', path, headers: { cookie: s.cookie } });
  const request = (kind: Kind): AcRequest => {
    switch (kind) {
      case 'dashboard':
        return get('/api/board', a.planner);
      case 'indicator':
        return get(`/api/indicators/${encodeURIComponent(indicator)}`, a.planner);
      case 'boundaries':
        return get('/api/areas/boundaries', a.planner);
      case 'gaps':
        return get('/api/gaps', a.planner);
      case 'queue':
        return get('/api/cases', worker);
      case 'apply':
        return {
          method: 'POST',
          path: '/api/applications',
          headers: {
            'content-type': 'application/json',
            cookie: resident.session.cookie,
            'x-fuwu-csrf': resident.session.csrf,
          },
          body: JSON.stringify({
            serviceCode: SERVICE,
            facts: { 'person.residenceDistrict': resident.district },
          }),
        };
    }
  };
  return MIX.map((kind) => {
    let sentAt = 0;
    const r = request(kind);
    return {
      ...r,
      setupRequest: (req) => {
        sentAt = performance.now();
        return kind === 'apply'
          ? { ...req, headers: { ...req.headers, 'idempotency-key': `mixed-${resident.index}-${keySeq++}` } }
          : req;
      },
      onResponse: (status, body) => {
        const ms = performance.now() - sentAt;
        const list = tally.latencies.get(kind) ?? [];
        list.push(ms);
        tally.latencies.set(kind, list);
        const key = `${kind} ${status}`;
        tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
        if ((status < 200 || status >= 300) && tally.failures.length < 20)
          tally.failures.push({ kind, status, body: body.slice(0, 300) });
      },
    };
  });
}

function byKind(t: Tally) {
  return Object.fromEntries(
    [...new Set(MIX)].map((kind) => {
      const l = t.latencies.get(kind) ?? [];
      const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
      return [kind, { requests: l.length, p50Ms: round(percentile(l, 50)), p99Ms: round(percentile(l, 99)) }];
    }),
  );
}

async function setUp(url: string): Promise<Actors> {
  const admin = await signIn(url, 'admin', ADMIN_PASSWORD);
  await adminCall(url, admin, 'POST', '/api/sample-data');
  await adminCall(url, admin, 'POST', '/api/synthetic-resources');
  const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
  const offices = officesOf(pack.areas);
  await createUser(url, admin, PASSWORD, { username: 'bench-planner', role: 'planner' });
  const planner = await signIn(url, 'bench-planner', PASSWORD);
  const workers = await inBatches(
    offices.map((o, i) => ({ o, i })),
    4,
    async ({ o, i }) => {
      await createUser(url, admin, PASSWORD, {
        username: `bench-worker-${i}`,
        role: 'caseWorker',
        officeCode: o.code,
      });
      return signIn(url, `bench-worker-${i}`, PASSWORD);
    },
  );
  const residentCount = Math.ceil(Math.max(...LEVELS) / 4);
  const residents = await inBatches(
    Array.from({ length: residentCount }, (_, i) => i),
    4,
    async (i) => {
      await createUser(url, admin, PASSWORD, { username: `bench-resident-${i}`, role: 'resident' });
      return {
        index: i,
        district: offices[i % offices.length]!.areaCode,
        session: await signIn(url, `bench-resident-${i}`, PASSWORD),
      };
    },
  );
  const indicatorCodes = pack.indicators.slice(0, 10).map((x) => x.code);
  return { planner, workers, residents, indicatorCodes };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg();
  const database = await freshDatabase('fuwu_bench_mixed');
  let server: Server | null = null;
  try {
    server = await startServer(database.url, ADMIN_PASSWORD);
    const url = server.url;
    const actors = await setUp(url);
    console.log(
      `fuwu on PostgreSQL at ${url}: sample data loaded; 1 planner, ${actors.workers.length} case workers, ${actors.residents.length} residents`,
    );
    const { cpu, timed } = cpuMeter(server.pid);
    const base = { url, timeout: 60, pipelining: 1 };
    const scenario = (connections: number, seconds: number, tally: Tally) =>
      runLoad({
        ...base,
        connections,
        duration: seconds,
        setupClient: (c: AcClient) => c.setRequests(clientRequests(actors, tally)),
      });

    await scenario(4, 3, newTally()); // warm-up (not reported): the JIT and the caches
    const runs: Array<{ name: string; connections: number; result: AcResult; tally: Tally }> = [];
    const baselineTally = newTally();
    runs.push({
      name: 'baseline: mixed, 1 client',
      connections: 1,
      result: await timed('baseline', () => scenario(1, BASELINE_SECONDS, baselineTally)),
      tally: baselineTally,
    });
    console.log('baseline done');
    for (const n of LEVELS) {
      const tally = newTally();
      const result = await timed(`c${n}`, () => scenario(n, SECONDS, tally));
      runs.push({ name: `mixed, ${n} clients`, connections: n, result, tally });
      console.log(`${n} clients done`);
    }

    const baseline = runs[0]!.result;
    const perSecond = (r: AcResult) => r.requests.total / r.duration;
    const scenarios = runs.map(({ name, connections, result, tally }, i) => ({
      ...summary(name, connections, result, cpu.get(i === 0 ? 'baseline' : `c${connections}`) ?? null),
      byKind: byKind(tally),
      statusesByKind: Object.fromEntries(tally.statuses),
      failures: tally.failures,
    }));
    const errorFree = runs.every(
      (r) =>
        r.result.errors === 0 &&
        r.result.timeouts === 0 &&
        r.result.non2xx === 0 &&
        r.tally.failures.length === 0,
    );
    const result = {
      bench: 'mixed-load',
      what: 'issue 7 §5: autocannon on loopback against fuwu serve (child process) on PostgreSQL; each client repeats a mix of dashboard, indicator page, district boundaries, capacity gaps, case queue and application submissions, each as a user of the right role',
      machine: machine(),
      loadAverage: loadAverageSince(loadBefore),
      commit: commit(),
      at: new Date().toISOString(),
      database: { engine: 'postgres', server: ADMIN_PG_URL.replace(/\/\/[^@]*@/, '//') },
      mix: MIX,
      baseline: {
        name: 'the same mix from 1 client, measured in this run',
        throughputRatios: Object.fromEntries(
          runs
            .slice(1)
            .map((r) => [
              `${r.connections}vs1`,
              Math.round((perSecond(r.result) / perSecond(baseline)) * 100) / 100,
            ]),
        ),
      },
      scenarios,
      zeroErrors: errorFree,
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/mixed-load.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log('\nscenario                      req/s     p50     p99  non2xx errors timeouts');
    for (const s of scenarios)
      console.log(
        `${s.scenario.padEnd(28)} ${String(s.throughputPerSecond).padStart(6)} ${String(s.latencyMs.p50).padStart(7)} ${String(s.latencyMs.p99).padStart(7)} ${String(s.non2xx).padStart(7)} ${String(s.errors).padStart(6)} ${String(s.timeouts).padStart(8)}`,
      );
    for (const s of scenarios) console.log(`${s.scenario}: ${JSON.stringify(s.byKind)}`);
    console.log(
      `throughput against 1 client: ${JSON.stringify(result.baseline.throughputRatios)}; zero errors: ${errorFree}; wrote bench/results/mixed-load.json (${result.totalSeconds} s)`,
    );
    if (!errorFree) {
      for (const s of scenarios) if (s.failures.length) console.error(s.scenario, s.failures);
      process.exitCode = 1;
    }
  } finally {
    await server?.stop();
    await database.drop();
  }
}

await main();
