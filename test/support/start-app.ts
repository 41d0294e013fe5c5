/**
 * Start the real platform for browser tests, the way an operator does: `fuwu serve` in a child
 * process (so PGlite's blocking queries never stall the test runner), on a free port, with a fresh
 * data folder and a known admin password. `stop()` shuts it down and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveFuwu } from './fuwu-process.ts';

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
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const server = await serveFuwu({
      env: {
        FUWU_DATA_DIR: dataDir,
        FUWU_ADMIN_PASSWORD: adminPassword,
        DATABASE_URL: '', // always the embedded database in a fresh folder
        ...options.env,
      },
      timeoutMs: options.timeoutMs ?? 90_000,
    });
    return {
      url: server.url,
      adminUsername: 'admin',
      adminPassword,
      dataDir,
      output: server.output,
      stop: async () => {
        await server.stop(10_000);
        cleanup();
      },
    };
  } catch (e) {
    cleanup(); // the process is gone: it exited, or it was stopped when it did not start in time
    throw e;
  }
}
