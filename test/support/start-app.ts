/**
 * Start the real platform for browser tests, the way an operator does: `fuwu serve` in a child
 * process (so PGlite's blocking queries never stall the test runner), on a free port, with a fresh
 * data folder and a known admin password. `stop()` shuts it down and removes the folder.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface RunningApp {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  adminUsername: string;
  adminPassword: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Extra environment, e.g. FUWU_SAMPLE_DATA=1. */
  env?: Record<string, string>;
  /** How long to wait for the server to print its address (a fresh PGlite database takes 5–10 s). */
  timeoutMs?: number;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-e2e-'));
  const adminPassword = 'e2e-admin-password-42';
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        FUWU_DATA_DIR: dataDir,
        FUWU_ADMIN_PASSWORD: adminPassword,
        DATABASE_URL: '', // always the embedded database in a fresh folder
        NO_COLOR: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');

  let exited = false;
  const exitPromise = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true;
      done();
    }),
  );

  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    }
    cleanup();
  };

  try {
    const url = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(
        () =>
          fail(new Error(`fuwu serve did not start within ${options.timeoutMs ?? 90_000} ms:\n${output}`)),
        options.timeoutMs ?? 90_000,
      );
      const onData = (chunk: string) => {
        output += chunk;
        const m = /open (https?:\/\/[^\s]+)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          // The server binds 127.0.0.1 and prints "localhost": use the address it really listens on.
          ready(m[1].replace('//localhost', '//127.0.0.1'));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: string) => (output += chunk));
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`fuwu serve exited with code ${code} before it was ready:\n${output}`));
      });
    });
    return { url, adminUsername: 'admin', adminPassword, dataDir, output: () => output, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
