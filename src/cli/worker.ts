/**
 * `fuwu worker`: a process that only runs queued jobs (accessibility, siting, matching) from the
 * database in DATABASE_URL — no web server. Run as many as there are cores to spare, on as many
 * machines as reach the database; each claims jobs FUWU_WORKERS at a time (at least one). Logs one JSON
 * line per event. SIGTERM/SIGINT: stop claiming, give running jobs FUWU_SHUTDOWN_SECONDS, hand back
 * what is still running (another worker takes it at once), close the database, exit 0.
 */
import { JOB_HANDLERS } from '../app/jobs/job-handlers.ts';
import { jobRunnerOf } from '../app/jobs/job-runner.ts';
import { startJobWorker } from '../app/jobs/job-worker.ts';
import { releaseJobs, settleJobs } from '../app/jobs/jobs.ts';
import Fastify from 'fastify';
import { loggingOptions } from '../api/logging.ts';
import { FuwuError } from '../domain/shared/errors.ts';
import type { Config } from './config.ts';
import { openPlatform } from './platform.ts';
import { errorFields } from './error-fields.ts';
import { settlesBy } from './shutdown.ts';

export async function runWorker(config: Config): Promise<void> {
  // The server's logger without a server: the same JSON lines, levels and redaction as `fuwu serve`.
  const log = Fastify(loggingOptions(config.logLevel)).log.child({ component: 'worker' });
  if (!config.databaseUrl) {
    // The embedded database is one process's folder: the server's own worker runs its jobs.
    throw new FuwuError(
      'invalid_input',
      '独立的任务进程需要 PostgreSQL（DATABASE_URL）；嵌入式数据库由服务进程自己运行任务',
      'a separate worker needs PostgreSQL (DATABASE_URL); on the embedded database the server runs its own jobs',
    );
  }
  const platform = await openPlatform(config, { bootstrap: false, recoverJobs: true, loadPack: false });
  const owner = jobRunnerOf(platform.ctx).owner;
  const concurrency = Math.max(1, config.workers);
  startJobWorker(platform.ctx, {
    handlers: JOB_HANDLERS,
    concurrency,
    onError: (e) => log.error(errorFields(e), 'job worker round failed'),
  });
  log.info({ owner, concurrency, kinds: Object.keys(JOB_HANDLERS) }, 'worker started');
  // The worker's timers do not keep the process alive; this does until a signal.
  const alive = setInterval(() => undefined, 1 << 30);
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void (async () => {
      const deadline = Date.now() + config.shutdownSeconds * 1000;
      log.info({ signal, owner }, 'worker stopping');
      const done = await settlesBy(settleJobs(platform.ctx), deadline);
      const released = done ? 0 : await releaseJobs(platform.ctx).catch(() => 0);
      await platform.close({ waitForJobs: false });
      clearInterval(alive);
      log[done ? 'info' : 'warn']({ owner, jobsCutOff: !done, released }, 'worker stopped');
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
