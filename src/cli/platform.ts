/**
 * The composition root: open the database named by the configuration, bring its schema up to date,
 * make sure the plan pack is loaded and a first admin exists. Used by the server and the CLI commands.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../app/audit.ts';
import type { AppContext } from '../app/context.ts';
import { createContext } from '../app/context.ts';
import { ensureFirstAdmin } from '../app/identity/first-admin.ts';
import { loadPack } from '../app/plan/load-pack.ts';
import type { LoadPackResult } from '../app/plan/load-pack.ts';
import { loadSampleData } from '../app/plan/sample-data.ts';
import { loadSyntheticResources } from '../app/resources/synthetic-resources.ts';
import { jobRunnerOf } from '../app/jobs/job-runner.ts';
import { recoverJobs, settleJobs } from '../app/jobs/jobs.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite-db.ts';
import { openPostgres } from '../store/postgres-db.ts';
import type { Config } from './config.ts';

export interface Platform {
  ctx: AppContext;
  /** The pack loaded at start; null for a process that only uses the active one (`fuwu worker`). */
  pack: LoadPackResult | null;
  firstAdmin: { username: string; password: string; generated: boolean; file: string | null } | null;
  /**
   * Waits for this process's jobs, then closes the database. A bounded stop (SIGTERM) passes
   * `waitForJobs: false` once its time is up, having handed its jobs back (releaseJobs).
   */
  close(opts?: { waitForJobs?: boolean }): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(join(config.dataDir, 'pglite'));
}

export async function openPlatform(
  config: Config,
  opts: { bootstrap?: boolean; recoverJobs?: boolean; loadPack?: boolean } = {},
): Promise<Platform> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const ctx = createContext(db, {
      evaluation: { method: config.trajectory },
      networkDir: join(config.dataDir, 'network'),
    });
    // Loading the pack is a no-op when the same content is already active. A worker does not load
    // one: a worker started with another FUWU_PACK_DIR must not change the plan every server reads.
    const pack = opts.loadPack === false ? null : await loadPack(ctx, SYSTEM_ACTOR, config.packDir);
    jobRunnerOf(ctx, { leaseSeconds: config.jobLeaseSeconds });
    // Only a process that runs jobs (the server, a worker) frees the ones a stopped process left (a
    // CLI command opened beside them must not).
    if (opts.recoverJobs) await recoverJobs(ctx);
    let firstAdmin: Platform['firstAdmin'] = null;
    if (opts.bootstrap !== false) {
      const created = await ensureFirstAdmin(ctx, config.adminPassword);
      if (created) {
        firstAdmin = {
          ...created,
          file: created.generated ? writePasswordFile(config.dataDir, created.password) : null,
        };
        if (config.sampleData) {
          await loadSampleData(ctx, SYSTEM_ACTOR);
          await loadSyntheticResources(ctx, SYSTEM_ACTOR);
        }
      }
    }
    const close = async (o: { waitForJobs?: boolean } = {}) => {
      if (o.waitForJobs !== false) await settleJobs(ctx);
      await db.close();
    };
    return { ctx, pack, firstAdmin, close };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** The generated first-admin password, readable by the owner only, so it is not lost with the terminal. */
function writePasswordFile(dataDir: string, password: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'initial-admin-password.txt');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
