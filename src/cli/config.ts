/**
 * Configuration from the environment, checked once at start with clear errors. Defaults give the
 * zero-setup platform: embedded database in ./.data, the Chengdu pack, port 8080.
 */
import { resolve } from 'node:path';
import { DEFAULT_PACK_DIR } from '../store/pack/pack-loader.ts';
import { invalidField } from '../domain/shared/errors.ts';
import type { OpsConfig } from './ops-config.ts';
import { readOpsConfig } from './ops-config.ts';
import { parsePasswordCost } from '../app/identity/password.ts';

export interface Config extends OpsConfig {
  port: number;
  host: string;
  dataDir: string;
  /** A PostgreSQL server instead of the embedded database. */
  databaseUrl: string | null;
  packDir: string;
  /** Password for the first admin; generated and printed when unset. */
  adminPassword: string | undefined;
  /** Load the generated 示例数据 on first start. */
  sampleData: boolean;
  trajectory: 'linear' | 'growthRate';
  secureCookies: boolean;
  /**
   * Whose X-Forwarded-For to believe for the client address (the sign-in limits key on it): false
   * (direct), true (any), a hop count, or a list of proxy addresses/CIDRs.
   */
  trustProxy: boolean | number | string;
  /** log2 N of the scrypt password hash (FUWU_PASSWORD_COST; the app reads it from the environment). */
  passwordCost: number;
  /** Minutes between the server's escalation runs of overdue and near-deadline cases (issue 6). */
  escalationMinutes: number;
  /** Notices by SMS: the gateway the SMS channel posts to (off when unset). */
  smsGatewayUrl: string | null;
  /** Seconds between two rounds of the notices dispatcher in the server. */
  noticeSeconds: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalidField(
      'PORT',
      `须为 0–65535 的整数，收到 ${env.PORT}`,
      `must be an integer 0–65535, got ${env.PORT}`,
    );
  }
  const trajectory = env.FUWU_TRAJECTORY || 'linear';
  if (trajectory !== 'linear' && trajectory !== 'growthRate') {
    throw invalidField(
      'FUWU_TRAJECTORY',
      `须为 linear 或 growthRate，收到 ${trajectory}`,
      `must be linear or growthRate, got ${trajectory}`,
    );
  }
  const escalationMinutes =
    env.FUWU_ESCALATION_MINUTES === undefined || env.FUWU_ESCALATION_MINUTES === ''
      ? 60
      : Number(env.FUWU_ESCALATION_MINUTES);
  // At most a day: a case turns overdue from one working day to the next.
  if (!Number.isInteger(escalationMinutes) || escalationMinutes < 1 || escalationMinutes > 1440) {
    throw invalidField(
      'FUWU_ESCALATION_MINUTES',
      `须为 1–1440 的整数（分钟），收到 ${env.FUWU_ESCALATION_MINUTES}`,
      `must be a whole number of minutes 1–1440, got ${env.FUWU_ESCALATION_MINUTES}`,
    );
  }
  const smsGatewayUrl = env.FUWU_SMS_GATEWAY_URL || null;
  if (smsGatewayUrl && !/^https?:\/\//.test(smsGatewayUrl)) {
    throw invalidField(
      'FUWU_SMS_GATEWAY_URL',
      '须以 http:// 或 https:// 开头',
      'must start with http:// or https://',
    );
  }
  const noticeSeconds =
    env.FUWU_NOTICE_SECONDS === undefined || env.FUWU_NOTICE_SECONDS === ''
      ? 30
      : Number(env.FUWU_NOTICE_SECONDS);
  if (!Number.isInteger(noticeSeconds) || noticeSeconds < 1 || noticeSeconds > 86_400) {
    throw invalidField(
      'FUWU_NOTICE_SECONDS',
      `须为 1–86400 的整数（秒），收到 ${env.FUWU_NOTICE_SECONDS}`,
      `must be a whole number of seconds 1–86400, got ${env.FUWU_NOTICE_SECONDS}`,
    );
  }
  const trustProxy = parseTrustProxy(env.FUWU_TRUST_PROXY);
  const passwordCost = parsePasswordCost(env.FUWU_PASSWORD_COST);
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw invalidField(
      'DATABASE_URL',
      '须以 postgres:// 或 postgresql:// 开头',
      'must start with postgres:// or postgresql://',
    );
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.FUWU_DATA_DIR || '.data'),
    databaseUrl,
    packDir: resolve(env.FUWU_PACK_DIR || DEFAULT_PACK_DIR),
    adminPassword: env.FUWU_ADMIN_PASSWORD || undefined,
    sampleData: env.FUWU_SAMPLE_DATA === '1' || env.FUWU_SAMPLE_DATA === 'true',
    trajectory,
    secureCookies: env.FUWU_SECURE_COOKIES === '1',
    trustProxy,
    passwordCost,
    escalationMinutes,
    smsGatewayUrl,
    noticeSeconds,
    ...readOpsConfig(env),
  };
}

// proxy-addr's names for private ranges, as fastify accepts them in a list.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  if (/^hops=\d+$/.test(raw)) return Number(raw.slice(5));
  const parts = raw.split(',').map((p) => p.trim());
  const ok = parts.every((p) => PROXY_RANGE_NAMES.has(p) || /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p));
  if (!ok) {
    throw invalidField(
      'FUWU_TRUST_PROXY',
      `须为 1（信任任何代理）、hops=<跳数>，或以逗号分隔的代理地址/CIDR（如 10.0.0.0/8,loopback），收到 ${raw}`,
      `must be 1 (trust any proxy), hops=<count>, or comma-separated proxy addresses/CIDRs (e.g. 10.0.0.0/8,loopback), got ${raw}`,
    );
  }
  return parts.join(',');
}
