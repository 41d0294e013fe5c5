/**
 * Load test of the one-stop cases (issue 6 §5): submitting applications and reading the queue with
 * autocannon on loopback against the real server on PostgreSQL, then a check that no application was
 * lost or duplicated under 200 concurrent clients.
 *
 * A fresh database is made on the machine's PostgreSQL (127.0.0.1:5432, trust auth, as test-pg.mjs
 * does; FUWU_BENCH_PG_URL overrides) and dropped afterwards. `fuwu serve` runs in a child process on a
 * free loopback port (so the load generator does not share its event loop). Residents (one per two
 * connections: each resident's two connections share its sessions and keys, so retries also race
 * with the first try on the sibling connection) and one case worker per office are created and signed
 * in through the API.
 *
 * Scenarios, each bounded in time (the whole run stays under 3 minutes), each path warmed up for 2 s
 * first (not reported):
 *   baseline  1 connection submitting (the same path as (a)): the ratio of (a) to it is the scaling;
 *   (a)       200 connections submitting for 20 s, each request with its own idempotency key, and a
 *             share (RETRY_SHARE) repeating an earlier key of the same resident (a retry);
 *   (b)       200 connections reading GET /api/cases (each case worker their office's queue) for 15 s,
 *             after a 1-connection queue baseline;
 *   (c)       mixed: 100 connections submitting and 100 reading at the same time for 15 s.
 * Afterwards: rows in `cases` = distinct keys answered 2xx, no (applicant, key) with two cases, each
 * answered key's case id is the one stored, every case has exactly one 'submit' event, and every status
 * other than 201 (new) and 200 (a repeated key, or a read) is counted and reported.
 * Writes bench/results/cases-load.json with the machine and the commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { officesOf } from '../src/domain/cases/offices.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../src/store/pack/pack-loader.ts';
import type { AcClient, AcRequest, AcResult, Server, Session } from './load-lib.ts';
import {
  ADMIN_PG_URL,
  cpuMeter,
  createUser as createUserWith,
  freshDatabase,
  inBatches,
  pgQuery,
  runLoad as run,
  signIn,
  startServer,
  summary,
} from './load-lib.ts';
import { commit, loadAverageSince, machine } from './provenance.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const SUBMIT_SECONDS = Number(process.env.BENCH_SUBMIT_SECONDS ?? 20);
const QUEUE_SECONDS = Number(process.env.BENCH_QUEUE_SECONDS ?? 15);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 15);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 8);
const RETRY_SHARE = 0.1;
const SERVICE = 'S-1-04';
const PASSWORD = 'bench-password-1';
const ADMIN_PASSWORD = 'bench-admin-password-1';
/** The server's PostgreSQL pool (src/store/postgres-db.ts): reported, since it bounds concurrency. */
const SERVER_POOL_SIZE = 10;

const createUser = (url: string, admin: Session, body: Record<string, unknown>) =>
  createUserWith(url, admin, PASSWORD, body);

// ---- what the clients saw
interface Resident {
  index: number;
  userId: number;
  district: string;
  session: Session;
  /** Keys this resident has sent, for retries (shared by its two connections). */
  keys: string[];
  next: number;
}

interface Ledger {
  /** Key → the case id of its first 2xx answer. */
  caseOfKey: Map<string, string>;
  /** Keys answered 201 (created) more than once, or 2xx with a different case id: must stay empty. */
  conflicting: string[];
  keysSent: Set<string>;
  created: number;
  repeatedAnswered: number;
  /** Retries sent while the first request with the key had no answer yet. */
  racingRetries: number;
  statuses: Map<string, Map<number, number>>;
  unexpectedSamples: Array<{ scenario: string; status: number; body: string }>;
}

const ledger: Ledger = {
  caseOfKey: new Map(),
  conflicting: [],
  keysSent: new Set(),
  created: 0,
  repeatedAnswered: 0,
  racingRetries: 0,
  statuses: new Map(),
  unexpectedSamples: [],
};
const createdKeys = new Set<string>();

function count(scenario: string, status: number): void {
  const m = ledger.statuses.get(scenario) ?? new Map<number, number>();
  m.set(status, (m.get(status) ?? 0) + 1);
  ledger.statuses.set(scenario, m);
}

/** One answer to a submission: 201 makes the key's case, 200 must name the same case. */
function recordSubmission(scenario: string, key: string, status: number, text: string): void {
  count(scenario, status);
  if (status !== 200 && status !== 201) {
    if (ledger.unexpectedSamples.length < 20)
      ledger.unexpectedSamples.push({ scenario, status, body: text.slice(0, 300) });
    return;
  }
  const res = JSON.parse(text) as { case: { id: string }; created: boolean };
  const before = ledger.caseOfKey.get(key);
  if (before === undefined) ledger.caseOfKey.set(key, res.case.id);
  else if (before !== res.case.id) ledger.conflicting.push(key);
  if (res.created) {
    if (createdKeys.has(key)) ledger.conflicting.push(key);
    createdKeys.add(key);
    ledger.created += 1;
  } else ledger.repeatedAnswered += 1;
}

/** A submitting connection for `r`: a new key per request, or (RETRY_SHARE) one of r's earlier keys. */
function submitter(scenario: string, r: Resident): AcRequest[] {
  let key = '';
  const headers = {
    'content-type': 'application/json',
    cookie: r.session.cookie,
    'x-fuwu-csrf': r.session.csrf,
  };
  const body = JSON.stringify({ serviceCode: SERVICE, facts: { 'person.residenceDistrict': r.district } });
  return [
    {
      method: 'POST',
      path: '/api/applications',
      headers,
      body,
      setupRequest: (req) => {
        const retry = r.keys.length > 0 && Math.random() < RETRY_SHARE;
        key = retry
          ? (r.keys[Math.floor(Math.random() * r.keys.length)] as string)
          : `bench-r${r.index}-${r.next++}`;
        if (!retry) r.keys.push(key);
        // A retry of a key not yet answered: its first try is still in flight (on the sibling connection).
        else if (!ledger.caseOfKey.has(key)) ledger.racingRetries += 1;
        ledger.keysSent.add(key);
        return { ...req, headers: { ...headers, 'idempotency-key': key } };
      },
      onResponse: (status, text) => recordSubmission(scenario, key, status, text),
    },
  ];
}

/**
 * A reading connection: each request as the next case worker in turn (over all connections), so one
 * connection and 200 read the same mix of offices' queues, whose sizes differ.
 */
let nextReader = 0;
function reader(scenario: string, workers: readonly Session[]): AcRequest[] {
  return [
    {
      method: 'GET',
      path: '/api/cases',
      setupRequest: (req) => {
        const s = workers[nextReader++ % workers.length] as Session;
        return { ...req, headers: { cookie: s.cookie } };
      },
      onResponse: (status, text) => {
        count(scenario, status);
        if (status !== 200 && ledger.unexpectedSamples.length < 20)
          ledger.unexpectedSamples.push({ scenario, status, body: text.slice(0, 300) });
      },
    },
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg();
  const database = await freshDatabase('fuwu_bench');
  const dbUrl = new URL(database.url);
  let server: Server | null = null;
  try {
    server = await startServer(dbUrl.toString(), ADMIN_PASSWORD);
    const url = server.url;
    console.log(
      `fuwu on PostgreSQL (database ${dbUrl.pathname.slice(1)}) at ${url}; server pool size ${SERVER_POOL_SIZE}`,
    );

    const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
    const offices = officesOf(pack.areas);
    const admin = await signIn(url, 'admin', ADMIN_PASSWORD);
    const residentCount = Math.max(1, Math.ceil(CONNECTIONS / 2));
    const residents: Resident[] = await inBatches(
      Array.from({ length: residentCount }, (_, i) => i),
      8,
      async (i) => {
        const username = `bench-resident-${i}`;
        const userId = await createUser(url, admin, { username, role: 'resident' });
        const district = (offices[i % offices.length] as { areaCode: string }).areaCode;
        return {
          index: i,
          userId,
          district,
          session: await signIn(url, username, PASSWORD),
          keys: [],
          next: 0,
        };
      },
    );
    const workers: Session[] = await inBatches(
      offices.map((o, i) => ({ o, i })),
      8,
      async ({ o, i }) => {
        const username = `bench-worker-${i}`;
        await createUser(url, admin, { username, role: 'caseWorker', officeCode: o.code });
        return signIn(url, username, PASSWORD);
      },
    );
    console.log(`${residents.length} residents, ${workers.length} case workers (one per office) signed in`);

    const base = { url, timeout: 60, pipelining: 1 };
    let nextClient = 0;
    const submitting = (scenario: string) => (c: AcClient) => {
      const r = residents[nextClient++ % residents.length] as Resident;
      c.setRequests(submitter(scenario, r));
    };
    const reading = (scenario: string) => (c: AcClient) => c.setRequests(reader(scenario, workers));
    const { cpu, timed, settle } = cpuMeter(server.pid);

    // A short warm-up of each path first (not reported): the baselines would otherwise measure the JIT.
    const WARM_UP = { ...base, connections: 4, duration: 2 };
    nextClient = 0;
    await run({ ...WARM_UP, setupClient: submitting('warmUp') });
    nextClient = 0;
    const baseline = await timed('baseline', () =>
      run({
        ...base,
        connections: 1,
        duration: BASELINE_SECONDS,
        setupClient: submitting('baseline'),
      }),
    );
    console.log('baseline (1 connection submitting) done');
    nextClient = 0;
    const submit = await timed('submit', () =>
      run({
        ...base,
        connections: CONNECTIONS,
        duration: SUBMIT_SECONDS,
        setupClient: submitting('submit'),
      }),
    );
    console.log(`(a) ${CONNECTIONS} connections submitting done`);
    await settle();
    const queueSizes = (
      await pgQuery<{ office: string; n: number }>(
        dbUrl.toString(),
        'SELECT office_code AS office, count(*)::int AS n FROM cases GROUP BY office_code',
      )
    ).map((x) => x.n);
    nextClient = 0;
    await run({ ...WARM_UP, setupClient: reading('warmUp') });
    nextClient = 0;
    const queueBaseline = await timed('queueBaseline', () =>
      run({
        ...base,
        connections: 1,
        duration: BASELINE_SECONDS,
        setupClient: reading('queueBaseline'),
      }),
    );
    nextClient = 0;
    const queue = await timed('queue', () =>
      run({
        ...base,
        connections: CONNECTIONS,
        duration: QUEUE_SECONDS,
        setupClient: reading('queue'),
      }),
    );
    console.log(`(b) ${CONNECTIONS} connections reading the queue done`);
    nextClient = 0;
    const half = Math.floor(CONNECTIONS / 2);
    const [mixedSubmit, mixedQueue] = await timed('mixed', () =>
      Promise.all([
        run({ ...base, connections: half, duration: MIXED_SECONDS, setupClient: submitting('mixedSubmit') }),
        run({
          ...base,
          connections: CONNECTIONS - half,
          duration: MIXED_SECONDS,
          setupClient: reading('mixedQueue'),
        }),
      ]),
    );
    console.log('(c) mixed done');

    // A client whose request was in flight when its run ended never saw the answer (autocannon drops
    // the connection at the deadline); like any client without an answer, it retries with the same key.
    await settle();
    const byIndex = new Map(residents.map((r) => [r.index, r]));
    const unanswered = [...ledger.keysSent].filter((k) => !ledger.caseOfKey.has(k));
    await inBatches(unanswered, 10, async (key) => {
      const r = byIndex.get(Number(/^bench-r(\d+)-/.exec(key)?.[1])) as Resident;
      const res = await fetch(`${url}/api/applications`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: r.session.cookie,
          'x-fuwu-csrf': r.session.csrf,
          'idempotency-key': key,
        },
        body: JSON.stringify({ serviceCode: SERVICE, facts: { 'person.residenceDistrict': r.district } }),
      });
      recordSubmission('finalRetry', key, res.status, await res.text());
    });
    console.log(`${unanswered.length} requests were in flight at the end of a run: retried with their keys`);

    // ---- correctness, from the database itself
    const db = dbUrl.toString();
    const [{ n: rows } = { n: -1 }] = await pgQuery<{ n: number }>(
      db,
      'SELECT count(*)::int AS n FROM cases',
    );
    const duplicates = await pgQuery<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM (SELECT applicant_id, idempotency_key FROM cases
         GROUP BY applicant_id, idempotency_key HAVING count(*) > 1) d`,
    );
    const stored = await pgQuery<{ id: string; key: string }>(
      db,
      'SELECT id, idempotency_key AS key FROM cases',
    );
    const storedByKey = new Map(stored.map((s) => [s.key, s.id]));
    let answeredButMissing = 0;
    let answeredWithOtherId = 0;
    for (const [key, id] of ledger.caseOfKey) {
      const s = storedByKey.get(key);
      if (s === undefined) answeredButMissing += 1;
      else if (s !== id) answeredWithOtherId += 1;
    }
    const storedNotAnswered = stored.filter((s) => !ledger.caseOfKey.has(s.key)).length;
    const [{ n: badSubmitEvents } = { n: -1 }] = await pgQuery<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM cases c
       WHERE (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.action = 'submit') <> 1`,
    );
    const [{ n: uniqueConstraints } = { n: 0 }] = await pgQuery<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM pg_constraint
       WHERE conrelid = 'cases'::regclass AND contype = 'u'
         AND pg_get_constraintdef(oid) = 'UNIQUE (applicant_id, idempotency_key)'`,
    );
    const expected = new Set([200, 201]);
    const unexpectedStatuses: Record<string, Record<string, number>> = {};
    for (const [scenario, m] of ledger.statuses)
      for (const [status, n] of m)
        if (!expected.has(status)) (unexpectedStatuses[scenario] ??= {})[String(status)] = n;

    const correctness = {
      casesRows: rows,
      distinctKeysAnswered2xx: ledger.caseOfKey.size,
      rowsEqualKeysAnswered: rows === ledger.caseOfKey.size,
      keysSent: ledger.keysSent.size,
      inFlightAtRunEndsRetried: unanswered.length,
      answeredCreated201: ledger.created,
      answeredRepeated200: ledger.repeatedAnswered,
      retriesRacingTheirFirstTry: ledger.racingRetries,
      duplicateApplicantKeyRows: duplicates[0]?.n ?? -1,
      uniqueConstraintOnApplicantKey: uniqueConstraints === 1,
      conflictingAnswers: ledger.conflicting.length,
      answeredButMissing,
      answeredWithOtherId,
      storedButNeverAnswered: storedNotAnswered,
      casesWithoutExactlyOneSubmitEvent: badSubmitEvents,
      unexpectedStatuses,
      unexpectedSamples: ledger.unexpectedSamples,
    };
    const ok =
      correctness.rowsEqualKeysAnswered &&
      correctness.duplicateApplicantKeyRows === 0 &&
      correctness.uniqueConstraintOnApplicantKey &&
      correctness.conflictingAnswers === 0 &&
      answeredButMissing === 0 &&
      answeredWithOtherId === 0 &&
      storedNotAnswered === 0 &&
      badSubmitEvents === 0;

    const mixedTotal = mixedSubmit.requests.total + mixedQueue.requests.total;
    const scenarios = [
      summary('baseline: submit, 1 connection', 1, baseline, cpu.get('baseline') ?? null),
      summary(`(a) submit, ${CONNECTIONS} connections`, CONNECTIONS, submit, cpu.get('submit') ?? null),
      summary(
        'queue baseline: GET /api/cases, 1 connection',
        1,
        queueBaseline,
        cpu.get('queueBaseline') ?? null,
      ),
      summary(`(b) GET /api/cases, ${CONNECTIONS} connections`, CONNECTIONS, queue, cpu.get('queue') ?? null),
      summary(
        `(c) mixed: submit, ${half} connections`,
        half,
        mixedSubmit,
        cpu.get('mixed') ?? null,
        mixedTotal,
      ),
      summary(
        `(c) mixed: GET /api/cases, ${CONNECTIONS - half} connections`,
        CONNECTIONS - half,
        mixedQueue,
        cpu.get('mixed') ?? null,
        mixedTotal,
      ),
    ];
    const ratio = (a: AcResult, b: AcResult) =>
      Math.round((a.requests.total / a.duration / (b.requests.total / b.duration)) * 100) / 100;
    const result = {
      bench: 'cases-load',
      what: 'issue 6 §5: autocannon on loopback against fuwu serve (child process) on PostgreSQL; submitting applications (idempotency key per request, a share repeating earlier keys) and reading the office queue',
      machine: machine(),
      // The machine is shared: its load average (1, 5, 15 min) before and after says how busy it was.
      loadAverage: loadAverageSince(loadBefore),
      commit: commit(),
      at: new Date().toISOString(),
      database: {
        engine: 'postgres',
        server: ADMIN_PG_URL.replace(/\/\/[^@]*@/, '//'),
        serverPoolSize: SERVER_POOL_SIZE,
      },
      setup: {
        connections: CONNECTIONS,
        residents: residents.length,
        caseWorkers: workers.length,
        retryShare: RETRY_SHARE,
        service: SERVICE,
        queueCasesPerOfficeAfterA: {
          offices: queueSizes.length,
          min: Math.min(...queueSizes),
          max: Math.max(...queueSizes),
        },
      },
      baseline: {
        name: 'the same submission path with 1 connection (and the queue read with 1 connection), measured in this run',
        submitThroughputRatio200vs1: ratio(submit, baseline),
        queueThroughputRatio200vs1: ratio(queue, queueBaseline),
      },
      scenarios,
      correctness: { ...correctness, ok },
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/cases-load.json', `${JSON.stringify(result, null, 2)}\n`);

    console.log(
      '\nscenario                                            req/s    p50    p90    p99    max  non2xx errors  cpu ms/req',
    );
    for (const s of scenarios) {
      const l = s.latencyMs;
      console.log(
        `${s.scenario.padEnd(48)} ${String(s.throughputPerSecond).padStart(8)} ${[l.p50, l.p90, l.p99, l.max]
          .map((x) => String(x).padStart(6))
          .join(
            ' ',
          )} ${String(s.non2xx).padStart(7)} ${String(s.errors).padStart(6)} ${String(s.serverCpuMsPerRequest).padStart(11)}`,
      );
    }
    console.log(
      `\nsubmit throughput 200 vs 1 connection: ×${result.baseline.submitThroughputRatio200vs1}; queue: ×${result.baseline.queueThroughputRatio200vs1} (server pool ${SERVER_POOL_SIZE})`,
    );
    console.log(
      `cases ${rows} = distinct keys answered 2xx ${ledger.caseOfKey.size}: ${correctness.rowsEqualKeysAnswered}; duplicates ${correctness.duplicateApplicantKeyRows}; conflicting answers ${correctness.conflictingAnswers}; retries racing their first try ${ledger.racingRetries}; stored but never answered ${storedNotAnswered}; cases without exactly one submit event ${badSubmitEvents}; unexpected statuses ${JSON.stringify(unexpectedStatuses)}`,
    );
    console.log(
      `correctness ${ok ? 'OK' : 'FAILED'}; wrote bench/results/cases-load.json (${result.totalSeconds} s)`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await server?.stop();
    await database.drop();
  }
}

await main();
