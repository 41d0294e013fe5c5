/**
 * What the load tests share: autocannon (its API as used here), a fresh PostgreSQL database per run,
 * `fuwu serve` in a child process on a free loopback port (so the load generator does not share its
 * event loop), accounts through the API, the server's CPU time from /proc, and one summary per scenario.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import pg from 'pg';

// ---- autocannon (no bundled types: the little of its API used here)
export interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
export interface AcResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
export interface AcRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest) => AcRequest;
  onResponse?: (status: number, body: string) => void;
}
export interface AcClient {
  setRequests(requests: AcRequest[]): void;
}
type AcOptions = Record<string, unknown> & { setupClient?: (c: AcClient) => void };
type Autocannon = (opts: AcOptions, done: (err: Error | null, result: AcResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export function runLoad(opts: AcOptions): Promise<AcResult> {
  return new Promise((resolve, reject) =>
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

// ---- the database
export const ADMIN_PG_URL = process.env.FUWU_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function adminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function pgQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new, empty database on the machine's PostgreSQL; `drop` removes it. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await adminSql(`CREATE DATABASE ${name}`).catch((e: Error) => {
    throw new Error(
      `cannot create a database on ${ADMIN_PG_URL} (${e.message}); start PostgreSQL or set FUWU_BENCH_PG_URL`,
    );
  });
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      adminSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e: Error) =>
        console.error(`warning: could not drop ${name}: ${e.message}`),
      ),
  };
}

// ---- the server
export interface Server {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * CPU seconds the server process has used (user + system, from /proc; null off Linux). On a shared
 * machine req/s depends on what else runs; CPU time per request much less so.
 */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command; clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export async function startServer(
  databaseUrl: string,
  adminPassword: string,
  env: Record<string, string> = {},
): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-bench-'));
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server.
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
    ],
    {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        FUWU_DATA_DIR: dataDir,
        FUWU_ADMIN_PASSWORD: adminPassword,
        FUWU_ESCALATION_MINUTES: '1440',
        // Accounts are made and signed in before the measured scenarios, which sign in no one: a
        // cheaper password hash keeps the setup short without touching what is measured.
        FUWU_PASSWORD_COST: '14',
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (output += c));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`fuwu serve did not start:\n${output}`)), 90_000);
    child.stdout.on('data', (c: string) => {
      output += c;
      const m = /open (https?:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        ready(m[1].replace('//localhost', '//127.0.0.1'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`fuwu serve exited with code ${code}:\n${output}`));
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return { url, pid: child.pid as number, stop };
}

/**
 * Wait until the server is idle: when autocannon stops, the server still works through the requests
 * its connections had sent (up to one per connection), which would count against the next scenario.
 */
export async function settle(pid: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const a = cpuSeconds(pid);
    await new Promise((done) => setTimeout(done, 500));
    const b = cpuSeconds(pid);
    if (a === null || b === null || b - a < 0.05) return;
  }
}

/** Server CPU seconds used by each named scenario: `timed` waits for an idle server, then measures. */
export function cpuMeter(pid: number) {
  const cpu = new Map<string, number | null>();
  async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
    await settle(pid);
    const before = cpuSeconds(pid);
    const r = await f();
    const after = cpuSeconds(pid);
    cpu.set(name, before === null || after === null ? null : Math.round((after - before) * 100) / 100);
    return r;
  }
  return { cpu, timed, settle: () => settle(pid) };
}

// ---- accounts
export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A user made by the admin through the API (with `password`); returns its id. */
export async function createUser(
  url: string,
  admin: Session,
  password: string,
  body: Record<string, unknown>,
): Promise<number> {
  const res = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-fuwu-csrf': admin.csrf },
    body: JSON.stringify({ password, displayName: String(body.username), ...body }),
  });
  if (res.status !== 201)
    throw new Error(`creating ${String(body.username)}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** An admin's write through the API, which must answer 2xx. */
export async function adminCall(
  url: string,
  admin: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      cookie: admin.cookie,
      'x-fuwu-csrf': admin.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** `fn` over `items`, `width` at a time. */
export async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  fn: (x: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

// ---- results
export function summary(
  name: string,
  connections: number,
  r: AcResult,
  cpuSeconds: number | null,
  requestsSharingCpu = r.requests.total,
) {
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return {
    scenario: name,
    connections,
    seconds: r.duration,
    requests: r.requests.total,
    throughputPerSecond: Math.round((r.requests.total / r.duration) * 10) / 10,
    latencyMs: {
      average: r.latency.average,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statuses,
    /** Server CPU (user + system) during the scenario, and per request. */
    serverCpuSeconds: cpuSeconds,
    serverCpuMsPerRequest:
      cpuSeconds === null || requestsSharingCpu === 0
        ? null
        : Math.round((cpuSeconds * 1000 * 10) / requestsSharingCpu) / 10,
    serverCpuUtilisation: cpuSeconds === null ? null : Math.round((cpuSeconds / r.duration) * 100) / 100,
  };
}

/** The p-th percentile (0–100) of a list of numbers (nearest rank); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
