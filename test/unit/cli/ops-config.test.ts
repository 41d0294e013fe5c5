/** The operations variables (log level, metrics token, stop bound, workers, job lease): defaults, and clear refusals. */
import { describe, expect, it } from 'vitest';
import { readOpsConfig } from '../../../src/cli/ops-config.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

function refusal(env: NodeJS.ProcessEnv): FuwuError {
  try {
    readOpsConfig(env);
  } catch (e) {
    if (e instanceof FuwuError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('operations configuration', () => {
  it('defaults: info, loopback-only metrics, 20 s to stop, one job at a time, 60 s leases', () => {
    expect(readOpsConfig({})).toEqual({
      logLevel: 'info',
      metricsToken: null,
      shutdownSeconds: 20,
      workers: 1,
      jobLeaseSeconds: 60,
    });
  });

  it('takes valid values', () => {
    expect(
      readOpsConfig({
        FUWU_LOG_LEVEL: 'debug',
        FUWU_METRICS_TOKEN: 'a1b2c3d4e5f6a7b8c9',
        FUWU_SHUTDOWN_SECONDS: '5',
        FUWU_WORKERS: '0',
        FUWU_JOB_LEASE_SECONDS: '15',
      }),
    ).toEqual({
      logLevel: 'debug',
      metricsToken: 'a1b2c3d4e5f6a7b8c9',
      shutdownSeconds: 5,
      workers: 0,
      jobLeaseSeconds: 15,
    });
  });

  it('refuses an unknown level, a short token and a bound out of range, naming the variable', () => {
    const level = refusal({ FUWU_LOG_LEVEL: 'verbose' });
    expect(level.problems[0]?.field).toBe('FUWU_LOG_LEVEL');
    expect(level.message).toContain('got verbose');
    const token = refusal({ FUWU_METRICS_TOKEN: 'short' });
    expect(token.problems[0]?.field).toBe('FUWU_METRICS_TOKEN');
    expect(token.zh).toContain('至少 16 个字符');
    expect(refusal({ FUWU_METRICS_TOKEN: 'has a space in it 123' }).problems[0]?.field).toBe(
      'FUWU_METRICS_TOKEN',
    );
    for (const v of ['0', '601', '2.5', 'soon']) {
      expect(refusal({ FUWU_SHUTDOWN_SECONDS: v }).problems[0]?.field).toBe('FUWU_SHUTDOWN_SECONDS');
    }
    for (const v of ['-1', '33', '1.5', 'many']) {
      expect(refusal({ FUWU_WORKERS: v }).problems[0]?.field).toBe('FUWU_WORKERS');
    }
    const lease = refusal({ FUWU_JOB_LEASE_SECONDS: '4' });
    expect(lease.problems[0]?.field).toBe('FUWU_JOB_LEASE_SECONDS');
    expect(lease.message).toContain('5–3600');
  });
});
