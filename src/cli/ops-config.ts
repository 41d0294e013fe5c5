/** The operations part of the configuration: log level, metrics token, shutdown bound. */
import type { LogLevel } from '../api/logging.ts';
import { LOG_LEVELS } from '../api/logging.ts';
import { invalidField } from '../domain/shared/errors.ts';

export interface OpsConfig {
  /** FUWU_LOG_LEVEL: JSON log lines of `fuwu serve` at this level and above (info). */
  logLevel: LogLevel;
  /** FUWU_METRICS_TOKEN: bearer token for /metrics from other machines; null: loopback only. */
  metricsToken: string | null;
  /** FUWU_SHUTDOWN_SECONDS: how long a stop waits for requests and jobs in flight (20). */
  shutdownSeconds: number;
  /** FUWU_WORKERS: queued jobs this process runs at once (1; 0: it only queues them, for workers elsewhere). */
  workers: number;
  /** FUWU_JOB_LEASE_SECONDS: how long a job stays a stopped worker's before another runs it again (60). */
  jobLeaseSeconds: number;
}

/** A whole number from the environment within [min, max], or the default when unset. */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  def: number,
  min: number,
  max: number,
  unit: { zh: string; en: string },
): number {
  const raw = env[name];
  const n = raw === undefined || raw === '' ? def : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalidField(
      name,
      `须为 ${min}–${max} 的整数${unit.zh}，收到 ${raw}`,
      `must be a whole number ${min}–${max}${unit.en}, got ${raw}`,
    );
  }
  return n;
}

/** A guessable token would publish the metrics; 16 characters is the least a generated one has. */
const MIN_TOKEN_LENGTH = 16;

export function readOpsConfig(env: NodeJS.ProcessEnv): OpsConfig {
  const logLevel = (env.FUWU_LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw invalidField(
      'FUWU_LOG_LEVEL',
      `须为 ${LOG_LEVELS.join('、')} 之一，收到 ${env.FUWU_LOG_LEVEL}`,
      `must be one of ${LOG_LEVELS.join(', ')}, got ${env.FUWU_LOG_LEVEL}`,
    );
  }
  const metricsToken = env.FUWU_METRICS_TOKEN || null;
  if (metricsToken !== null && (metricsToken.length < MIN_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw invalidField(
      'FUWU_METRICS_TOKEN',
      `须至少 ${MIN_TOKEN_LENGTH} 个字符且不含空白（例如 openssl rand -hex 24 的输出）`,
      `must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. the output of openssl rand -hex 24)`,
    );
  }
  const seconds = { zh: '（秒）', en: ' (seconds)' };
  const shutdownSeconds = wholeNumber(env, 'FUWU_SHUTDOWN_SECONDS', 20, 1, 600, seconds);
  const workers = wholeNumber(env, 'FUWU_WORKERS', 1, 0, 32, { zh: '', en: '' });
  const jobLeaseSeconds = wholeNumber(env, 'FUWU_JOB_LEASE_SECONDS', 60, 5, 3600, seconds);
  return { logLevel, metricsToken, shutdownSeconds, workers, jobLeaseSeconds };
}
