/**
 * The one way tests run `fuwu` as a child process, the way an operator does (node + tsx on
 * src/cli/main.ts): the browser tests' server, the graceful-stop test, and the crash and queue tests'
 * servers and workers. The caller gives the environment (data folder, database, admin password, log
 * level); the process listens on a free port of 127.0.0.1 and is resolved once its output shows it is
 * ready.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface FuwuProcess {
  /** For signals other than the two below (e.g. SIGINT) and the exit code. */
  child: ChildProcessByStdio<null, Readable, Readable>;
  pid: number;
  /** The match of `ready` in the output. */
  match: RegExpExecArray;
  /** stdout and stderr so far, as they came (for failure messages and log checks). */
  output(): string;
  /** stdout alone so far: the JSON log lines, never cut by a line of stderr. */
  stdout(): string;
  /** The exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGKILL: no handler runs, nothing is flushed or released. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful stop, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface FuwuOptions {
  /** On top of this process's environment and PORT=0, HOST=127.0.0.1, NO_COLOR=1. */
  env?: Record<string, string>;
  /** Give up (and stop the process) after this long; no limit but the test's own when not given. */
  timeoutMs?: number;
}

/** `fuwu <command>` as a child process, resolved once its output matches `ready`. */
export async function spawnFuwu(
  command: string,
  ready: RegExp,
  options: FuwuOptions = {},
): Promise<FuwuProcess> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', command],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let stdout = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async () => {
    if (!gone()) child.kill('SIGKILL');
    await exited;
  };
  const stop = async (graceMs = 30_000) => {
    if (!gone()) child.kill('SIGTERM');
    const hang = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(hang);
  };

  const match = await new Promise<RegExpExecArray>((resolveMatch, fail) => {
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      then();
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              settle(() => {
                const message = `fuwu ${command} did not start within ${options.timeoutMs} ms:\n${output}`;
                void stop(10_000).then(() => fail(new Error(message)));
              }),
            options.timeoutMs,
          );
    const look = () => {
      const m = ready.exec(output);
      if (m) settle(() => resolveMatch(m));
    };
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      output += c;
      look();
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      output += c;
      look();
    });
    void exited.then((code) =>
      settle(() => fail(new Error(`fuwu ${command} exited (${code}) before it was ready:\n${output}`))),
    );
  });

  return {
    child,
    pid: child.pid as number,
    match,
    output: () => output,
    stdout: () => stdout,
    exited,
    kill,
    stop,
  };
}

/** A running `fuwu serve` and the address it listens on. */
export interface FuwuServer extends FuwuProcess {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
}

/** `fuwu serve`, resolved once it prints its address. */
export async function serveFuwu(options: FuwuOptions = {}): Promise<FuwuServer> {
  const served = await spawnFuwu('serve', /open (https?:\/\/\S+)/, options);
  // The server binds 127.0.0.1 and prints "localhost": use the address it really listens on.
  return { ...served, url: served.match[1]!.replace('//localhost', '//127.0.0.1') };
}
