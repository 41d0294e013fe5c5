/**
 * Readiness: may a load balancer send this process traffic? The database answers, its schema is the
 * one this code was built for, the plan pack is loaded, and the process is not shutting down. Public
 * (probes carry no session), so it says nothing about data, only which check failed and why.
 */
import { codeSchemaVersion } from '../../store/migrate.ts';
import { OpsRepository } from '../../store/repositories/ops.repository.ts';
import { PackRepository } from '../../store/repositories/pack.repository.ts';
import type { AppContext } from '../context.ts';
import { within } from './within.ts';

export type ReadinessCheckName = 'database' | 'schema' | 'pack' | 'shutdown';

export interface ReadinessCheck {
  name: ReadinessCheckName;
  ok: boolean;
  zh: string;
  en: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/** A probe runs every few seconds: a database slower than this is as good as down for traffic. */
export const READINESS_TIMEOUT_MS = 2000;

let codeVersion: number | null = null;
/** Read once: it lists and hashes the migration files, too much for every probe. */
export function knownSchemaVersion(): number {
  return (codeVersion ??= codeSchemaVersion());
}

export async function checkReadiness(
  ctx: AppContext,
  input: { shuttingDown: boolean; timeoutMs?: number },
): Promise<Readiness> {
  const ms = input.timeoutMs ?? READINESS_TIMEOUT_MS;
  const ops = new OpsRepository(ctx.db);
  const checks: ReadinessCheck[] = [];
  const pass = (name: ReadinessCheckName, zh: string, en: string) => checks.push({ name, ok: true, zh, en });
  const fail = (name: ReadinessCheckName, zh: string, en: string) => checks.push({ name, ok: false, zh, en });

  let dbUp = false;
  try {
    await within(ms, ops.ping(), 'SELECT 1');
    dbUp = true;
    pass('database', '数据库有响应', 'the database answers');
  } catch {
    fail('database', `数据库在 ${ms} 毫秒内无响应`, `the database did not answer within ${ms} ms`);
  }

  if (!dbUp) {
    fail('schema', '未检查：数据库无响应', 'not checked: the database does not answer');
    fail('pack', '未检查：数据库无响应', 'not checked: the database does not answer');
  } else {
    const code = knownSchemaVersion();
    try {
      const db = await within(ms, ops.schemaVersion(), 'schema version');
      if (db === code) pass('schema', `数据库结构为当前版本 ${db}`, `the database schema is current (${db})`);
      else
        fail(
          'schema',
          `数据库结构版本 ${db}，本程序需要 ${code}`,
          `the database schema is version ${db}; this code needs ${code}`,
        );
    } catch {
      fail('schema', '无法读取数据库结构版本', 'could not read the database schema version');
    }
    try {
      const pack = await within(ms, new PackRepository(ctx.db).active(), 'active pack');
      if (pack)
        pass(
          'pack',
          `规划包 ${pack.id}@${pack.version} 已加载`,
          `plan pack ${pack.id}@${pack.version} loaded`,
        );
      else fail('pack', '尚未加载规划包', 'no plan pack is loaded');
    } catch {
      fail('pack', '无法读取当前规划包', 'could not read the active plan pack');
    }
  }

  if (input.shuttingDown) fail('shutdown', '服务正在停止', 'the server is shutting down');
  else pass('shutdown', '服务未在停止', 'the server is not shutting down');

  return { ready: checks.every((c) => c.ok), checks };
}
