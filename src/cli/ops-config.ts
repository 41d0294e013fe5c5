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
  const shutdownSeconds =
    env.FUWU_SHUTDOWN_SECONDS === undefined || env.FUWU_SHUTDOWN_SECONDS === ''
      ? 20
      : Number(env.FUWU_SHUTDOWN_SECONDS);
  if (!Number.isInteger(shutdownSeconds) || shutdownSeconds < 1 || shutdownSeconds > 600) {
    throw invalidField(
      'FUWU_SHUTDOWN_SECONDS',
      `须为 1–600 的整数（秒），收到 ${env.FUWU_SHUTDOWN_SECONDS}`,
      `must be a whole number of seconds 1–600, got ${env.FUWU_SHUTDOWN_SECONDS}`,
    );
  }
  return { logLevel, metricsToken, shutdownSeconds };
}
