/**
 * `fuwu serve`: the platform on a port, its background timers, JSON log lines (FUWU_LOG_LEVEL) and a
 * graceful stop on SIGTERM/SIGINT (cli/shutdown.ts). The address and the first-admin lines stay plain
 * text on stdout: a person reads them, and scripts find "open <url>" in them.
 */
import { startEscalationTimer } from '../app/cases/escalation-timer.ts';
import { JOB_HANDLERS } from '../app/jobs/job-handlers.ts';
import { startJobWorker } from '../app/jobs/job-worker.ts';
import { configuredChannels } from '../app/notices/channels.ts';
import { startNoticeDispatcher } from '../app/notices/dispatch-notices.ts';
import type { Lifecycle } from '../api/request-observer.ts';
import { buildServer } from '../api/server.ts';
import { errorFields } from './error-fields.ts';
import type { Config } from './config.ts';
import { openPlatform } from './platform.ts';
import { shutdown } from './shutdown.ts';

export async function serve(config: Config, webDir: string): Promise<void> {
  const platform = await openPlatform(config, { recoverJobs: true });
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = await buildServer(platform.ctx, {
    webDir,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel,
    metricsToken: config.metricsToken,
    lifecycle,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const timerLog = app.log.child({ component: 'timer' });
  // Queued jobs (accessibility, siting, matching), FUWU_WORKERS at once; with 0 this server only
  // queues them for `fuwu worker` processes on the same database.
  const jobLog = app.log.child({ component: 'jobs' });
  if (config.workers === 0 && !config.databaseUrl)
    // No other process can open the embedded database's folder, so nothing else will run them.
    jobLog.warn(
      { workers: 0 },
      'FUWU_WORKERS=0 on the embedded database: queued jobs wait until a server that runs jobs opens this folder',
    );
  if (config.workers > 0) {
    startJobWorker(platform.ctx, {
      handlers: JOB_HANDLERS,
      concurrency: config.workers,
      onError: (e) => jobLog.error({ ...errorFields(e) }, 'job worker round failed'),
    });
  }
  // Escalate overdue and near-deadline cases now and every FUWU_ESCALATION_MINUTES.
  const escalation = startEscalationTimer(platform.ctx, config.escalationMinutes, ({ run, error }) => {
    if (error) timerLog.error({ timer: 'escalation', ...errorFields(error) }, 'escalation run failed');
    else if (run)
      timerLog.info(
        {
          timer: 'escalation',
          onDate: run.onDate,
          scanned: run.scanned,
          near: run.near,
          overdue: run.overdue,
        },
        'escalation run',
      );
  });
  const shown = address.replace('127.0.0.1', 'localhost');
  console.log(
    `fuwu ${platform.pack!.id}@${platform.pack!.version} on ${platform.ctx.db.engine} — open ${shown}`,
  );
  console.log(`API docs: ${shown}/api/docs`);
  if (platform.firstAdmin) {
    const a = platform.firstAdmin;
    console.log(
      a.generated
        ? `First start: sign in as "${a.username}" with password ${a.password} (also saved to ${a.file}).`
        : `First start: sign in as "${a.username}" with the password in FUWU_ADMIN_PASSWORD.`,
    );
  }
  // The notices outbox, sent every FUWU_NOTICE_SECONDS (the timer never keeps the process alive).
  // An empty round is logged at debug only: at info it would be a line every 30 s saying nothing.
  const stopNotices = startNoticeDispatcher(platform.ctx, {
    channels: configuredChannels(config),
    intervalMs: config.noticeSeconds * 1000,
    onError: (e) => timerLog.error({ timer: 'notices', ...errorFields(e) }, 'notices dispatch failed'),
    onRun: (r, ms) =>
      timerLog[r.claimed > 0 ? 'info' : 'debug'](
        { timer: 'notices', ...r, durationMs: Math.round(ms) },
        'notices dispatch run',
      ),
  });
  const stop = (signal: NodeJS.Signals) => {
    // A second signal while stopping: the default action (the process ends at once).
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    shutdown(
      {
        lifecycle,
        app,
        platform,
        stopTimers: async () => {
          await Promise.all([stopNotices(), escalation.stop()]);
        },
        log: app.log,
        boundMs: config.shutdownSeconds * 1000,
      },
      signal,
    ).then(
      () => process.exit(0),
      (e: unknown) => {
        app.log.fatal({ event: 'shutdown', ...errorFields(e) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
