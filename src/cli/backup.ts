/**
 * `fuwu backup <file>` and `fuwu restore <file>` on the configured database (the embedded one in
 * FUWU_DATA_DIR, or DATABASE_URL): a logical backup that either engine can restore
 * (src/store/backup/logical-backup.ts). The embedded database is locked by a running server: stop it
 * first, or back up the server's PostgreSQL while it runs (the backup reads one consistent snapshot).
 */
import { resolve } from 'node:path';
import { restoreBackup, writeBackup } from '../store/backup/logical-backup.ts';
import type { Config } from './config.ts';
import { openDatabase } from './platform.ts';

const rowsIn = (tables: Record<string, number>) => Object.values(tables).reduce((a, b) => a + b, 0);

export async function backupCommand(config: Config, file: string): Promise<void> {
  const db = await openDatabase(config);
  try {
    const r = await writeBackup(db, resolve(file), new Date());
    console.log(
      `backup written to ${resolve(file)}: schema ${r.schemaVersion}, ${Object.keys(r.tables).length} tables, ${rowsIn(r.tables)} rows, sha256 ${r.sha256}`,
    );
  } finally {
    await db.close();
  }
}

export async function restoreCommand(config: Config, file: string): Promise<void> {
  const db = await openDatabase(config);
  try {
    const r = await restoreBackup(db, resolve(file));
    console.log(
      `restored ${resolve(file)}: schema ${r.schemaVersion}, ${Object.keys(r.tables).length} tables, ${rowsIn(r.tables)} rows, sha256 ${r.sha256}`,
    );
  } finally {
    await db.close();
  }
}
