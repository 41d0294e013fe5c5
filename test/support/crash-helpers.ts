/**
 * For the crash tests: `fuwu serve` as a child process on a data store that outlives it (a PGlite
 * folder, or the PostgreSQL test database with a fresh schema), killed with SIGKILL and started again
 * on the same store; an HTTP client whose session survives the restart (sessions live in the
 * database, only the port changes); and a seeded random source, so a failing kill point can be
 * replayed with FUWU_CRASH_SEED.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { openPglite } from '../../src/store/pglite-db.ts';
import { openPostgres } from '../../src/store/postgres-db.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CRASH_ADMIN_PASSWORD = 'crash-admin-password-42';

/** Where a scenario's data lives across restarts. */
export interface Store {
  dataDir: string;
  /** '' for the embedded database in dataDir. */
  databaseUrl: string;
  /** Opens the database in this process; on PGlite only while no server holds the folder. */
  open(): Promise<Db>;
  remove(): void;
}

/** A fresh store: a new PGlite folder, or the PostgreSQL test database with its schema dropped. */
export async function freshStore(): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-crash-'));
  const databaseUrl = process.env.FUWU_TEST_DATABASE_URL ?? '';
  if (databaseUrl) {
    const db = await openPostgres(databaseUrl);
    try {
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    } finally {
      await db.close();
    }
  }
  return {
    dataDir,
    databaseUrl,
    open: () => (databaseUrl ? openPostgres(databaseUrl) : openPglite(join(dataDir, 'pglite'))),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface Server {
  url: string;
  pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGKILL: no handler runs, nothing is flushed or released. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful stop (then SIGKILL if it hangs). */
  stop(): Promise<void>;
}

/** A `fuwu` command as a child process on the store, resolved once its output matches `ready`. */
async function spawnFuwu(
  store: Store,
  command: string,
  ready: RegExp,
  env: Record<string, string>,
): Promise<Server & { match: RegExpExecArray }> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', command],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        FUWU_DATA_DIR: store.dataDir,
        DATABASE_URL: store.databaseUrl,
        FUWU_ADMIN_PASSWORD: CRASH_ADMIN_PASSWORD,
        FUWU_LOG_LEVEL: 'warn',
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const match = await new Promise<RegExpExecArray>((resolveMatch, fail) => {
    const timer = setInterval(() => {
      const m = ready.exec(output);
      if (m) {
        clearInterval(timer);
        resolveMatch(m);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      fail(new Error(`fuwu ${command} exited (${child.exitCode}) before it was ready:\n${output}`));
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    match,
    url: '',
    pid: child.pid as number,
    output: () => output,
    kill: async () => {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!gone()) child.kill('SIGTERM');
      const hang = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(hang);
    },
  };
}

/** `fuwu serve` on the store, resolved once it prints its address. */
export async function serve(store: Store, env: Record<string, string> = {}): Promise<Server> {
  const { match, ...server } = await spawnFuwu(store, 'serve', /open (http:\/\/\S+)/, env);
  return { ...server, url: match[1]!.replace('//localhost', '//127.0.0.1') };
}

/** `fuwu worker` on the store (PostgreSQL), resolved once it has started; `owner` is its id in the queue. */
export async function worker(
  store: Store,
  env: Record<string, string> = {},
): Promise<Omit<Server, 'url'> & { owner: string }> {
  const w = await spawnFuwu(store, 'worker', /"owner":"([^"]+)"[^\n]*"msg":"worker started"/, env);
  return { pid: w.pid, output: w.output, kill: w.kill, stop: w.stop, owner: w.match[1]! };
}

/** A signed-in user's cookie and CSRF token; valid on any server of the same store. */
export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(server: Server, username: string, password: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A call as `session` to whichever server runs now. */
export function call(
  server: Server,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const isForm = body instanceof FormData;
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-fuwu-csrf': session.csrf,
      ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
}

export { jsonOf } from './http-session.ts';

/** The kill points' random source: seeded, so a failing one can be replayed. */
export { createRandom as seededRandom } from '../../src/domain/shared/random.ts';

/** The seed of this run: FUWU_CRASH_SEED, or a fixed one. */
export const crashSeed = (): number => Number(process.env.FUWU_CRASH_SEED ?? 20261129);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined), or fails after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
