/**
 * `fuwu audit verify`: check the audit log's hash chain on the configured database. Prints
 * `ok: N entries, head <hash>` (exit 0) or the first broken entry and why (exit 2); 1 is left to
 * errors that stop the check itself (no database, a lock held by a running server).
 */
import { SYSTEM_ACTOR } from '../app/audit.ts';
import { verifyAuditLog } from '../app/admin/verify-audit.ts';
import { createContext } from '../app/context.ts';
import { migrate } from '../store/migrate.ts';
import type { Config } from './config.ts';
import { openDatabase } from './platform.ts';

export const CHAIN_BROKEN_EXIT = 2;

export async function auditVerify(config: Config): Promise<number> {
  const db = await openDatabase(config);
  try {
    // Like every command, bring the schema up to date first: an upgraded database gets its chain here.
    await migrate(db);
    const r = await verifyAuditLog(createContext(db), SYSTEM_ACTOR);
    if (r.linkedNow > 0)
      console.log(`linked ${r.linkedNow} entries written before the chain existed (once, in id order)`);
    if (r.ok) {
      console.log(`ok: ${r.entries} entries, head ${r.head}`);
      return 0;
    }
    const b = r.broken;
    const where = b ? `entry ${b.id ?? '(missing)'}${b.seq === null ? '' : ` (seq ${b.seq})`}` : 'unknown';
    console.error(`broken at ${where}: ${b?.en ?? ''}`);
    console.error(`审计链断裂：${b?.zh ?? ''}`);
    console.error(`${r.entries} entries before it are intact; last intact hash ${r.head}`);
    return CHAIN_BROKEN_EXIT;
  } finally {
    await db.close();
  }
}
