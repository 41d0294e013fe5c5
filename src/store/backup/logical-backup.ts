/**
 * Backup and restore of a whole fuwu database, the same way on both engines (issue 7 §3): a logical
 * dump, so a backup of the embedded PGlite restores into PostgreSQL and back.
 *
 * The file is gzip-compressed text, one line each: `M {json}` for metadata (the header, one per table,
 * the end) and `R {json}` for a row, the row exactly as PostgreSQL's row_to_json wrote it — never parsed
 * and re-serialised in JavaScript, so numerics, timestamps and bytea keep every digit. The end line holds
 * every table's row count and the SHA-256 of all lines before it: a truncated or altered file is refused
 * before anything is committed.
 *
 * Reading takes one REPEATABLE READ, READ ONLY transaction (a consistent snapshot while the server keeps
 * running), table by table in pages by ctid. Restoring needs an empty database (a new data folder, or a
 * PostgreSQL database without fuwu's tables): in one transaction it brings the schema to the backup's
 * version and loads every table with triggers and foreign keys off (rows
 * go back as they were; the audit log's append-only triggers are for the application, not for a restore),
 * sets the sequences past the highest ids, and then applies any newer migrations.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { Db } from '../db.ts';
import { knownMigrations, migrate } from '../migrate.ts';

const FORMAT = 1;
const PAGE_ROWS = 5000;
const INSERT_BATCH = 500;

export interface BackupSummary {
  schemaVersion: number;
  tables: Record<string, number>;
  sha256: string;
}

interface Header {
  kind: 'fuwu-backup';
  format: number;
  schemaVersion: number;
  migrations: Array<{ version: number; checksum: string }>;
  engine: string;
  createdAt: string;
}

/** The application's tables in the current schema (not the migrations ledger), by name. */
export async function appTables(db: Db): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
     ORDER BY c.relname`,
  );
  return r.rows.map((x) => x.name);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The tables with every table after those its foreign keys point to (a self-reference or a cycle
 * cannot be ordered; those keep name order), so a restore without a superuser can load in file order.
 */
export async function tablesParentsFirst(db: Db): Promise<string[]> {
  const tables = await appTables(db);
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.oid <> p.oid`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges.rows) parents.get(e.child)?.add(e.parent);
  const out: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (t: string) => {
    if (placed.has(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const p of parents.get(t) ?? []) place(p);
    visiting.delete(t);
    placed.add(t);
    out.push(t);
  };
  for (const t of tables) place(t);
  return out;
}

export async function writeBackup(db: Db, file: string, now: Date): Promise<BackupSummary> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const hash = createHash('sha256');
  const write = async (line: string) => {
    hash.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  const tables: Record<string, number> = {};
  let schemaVersion = 0;
  await db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // Timestamps written with offset +00:00 whatever the server's zone: the same rows, the same text.
    await tx.exec("SET LOCAL TimeZone = 'UTC'");
    const migrations = (
      await tx.query<{ version: number; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations ORDER BY version',
      )
    ).rows;
    schemaVersion = Math.max(0, ...migrations.map((m) => m.version));
    const header: Header = {
      kind: 'fuwu-backup',
      format: FORMAT,
      schemaVersion,
      migrations,
      engine: tx.engine,
      createdAt: now.toISOString(),
    };
    await write(`M ${JSON.stringify(header)}\n`);
    for (const table of await tablesParentsFirst(tx)) {
      await write(`M ${JSON.stringify({ kind: 'table', name: table })}\n`);
      let after = '(0,0)';
      let count = 0;
      for (;;) {
        const page = await tx.query<{ at: string; row: string }>(
          `SELECT ctid::text AS at, row_to_json(t)::text AS row FROM ${quoteIdent(table)} t
           WHERE ctid > $1::tid ORDER BY ctid LIMIT ${PAGE_ROWS}`,
          [after],
        );
        for (const p of page.rows) await write(`R ${p.row}\n`);
        count += page.rows.length;
        if (page.rows.length < PAGE_ROWS) break;
        after = page.rows[page.rows.length - 1]!.at;
      }
      tables[table] = count;
    }
  });
  const sha256 = hash.digest('hex');
  gzip.end(`M ${JSON.stringify({ kind: 'end', tables, sha256 })}\n`);
  await once(out, 'close');
  return { schemaVersion, tables, sha256 };
}

function badBackup(zh: string, en: string): FuwuError {
  return new FuwuError('import_rejected', `备份文件无效：${zh}`, `not a valid fuwu backup: ${en}`, [
    { field: 'file', zh, en },
  ]);
}

/** Refuse a database that holds any data: a restore never overwrites. */
async function requireEmpty(db: Db): Promise<void> {
  for (const table of await appTables(db)) {
    const r = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table)}) AS any`);
    if (r.rows[0]?.any)
      throw new FuwuError(
        'conflict',
        `目标数据库不是空的（表 ${table} 有数据）；恢复只写入空数据库，不覆盖现有数据`,
        `the target database is not empty (table ${table} has rows); a restore only writes into an empty database and never overwrites`,
      );
  }
}

/** Columns filled by the database that an INSERT must be told to accept (identity ALWAYS). */
async function overridingClause(db: Db, table: string): Promise<string> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_attribute
     WHERE attrelid = $1::regclass AND attidentity = 'a' AND NOT attisdropped`,
    [quoteIdent(table)],
  );
  return (r.rows[0]?.n ?? 0) > 0 ? 'OVERRIDING SYSTEM VALUE' : '';
}

/** Move every sequence owned by a column past the highest value restored. */
async function resetSequences(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const cols = await db.query<{ col: string; seq: string }>(
      `SELECT a.attname AS col, pg_get_serial_sequence($1, a.attname) AS seq FROM pg_attribute a
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
         AND pg_get_serial_sequence($1, a.attname) IS NOT NULL`,
      [quoteIdent(table)],
    );
    for (const { col, seq } of cols.rows)
      await db.query(
        `SELECT setval($1, COALESCE((SELECT max(${quoteIdent(col)}) FROM ${quoteIdent(table)}), 0) + 1, false)`,
        [seq],
      );
  }
}

/**
 * Restore `file` into the empty database `db`: all or nothing. Returns what was restored; the schema is
 * then at this code's version (newer migrations applied after the data).
 */
export async function restoreBackup(db: Db, file: string): Promise<BackupSummary> {
  await requireEmpty(db);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const hash = createHash('sha256');
  const next = async (): Promise<string | null> => {
    try {
      const r = await iterator.next();
      return r.done ? null : r.value;
    } catch (e) {
      throw badBackup(
        '文件已损坏或不是 gzip 格式',
        `the file is damaged or not gzip (${(e as Error).message})`,
      );
    }
  };
  const first = await next();
  let header: Header;
  try {
    header = JSON.parse((first ?? '').slice(2)) as Header;
  } catch {
    throw badBackup('缺少备份文件头', 'the header line is missing');
  }
  if (!first?.startsWith('M ') || header.kind !== 'fuwu-backup' || header.format !== FORMAT)
    throw badBackup('缺少备份文件头或格式版本不符', `the header is missing or its format is not ${FORMAT}`);
  hash.update(`${first}\n`);
  const known = new Map(knownMigrations().map((m) => [m.version, m.checksum]));
  for (const m of header.migrations)
    if (known.get(m.version) !== m.checksum)
      throw badBackup(
        `备份的数据库结构版本 ${m.version} 与本程序不一致（备份更新或迁移被改动）；请用对应版本的 fuwu 恢复`,
        `the backup's schema migration ${m.version} is unknown to this fuwu or differs (a newer backup, or an edited migration); restore it with the matching fuwu`,
      );
  // Schema and rows in one transaction: a refused file leaves the target as it was, without tables.
  const summary = await db.transaction(async (tx) => {
    await migrate(tx, { upTo: header.schemaVersion });
    const su = await tx.query<{ su: boolean }>(
      'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
    );
    // Triggers (the audit log's append-only and chain guards) and foreign-key checks off for the load:
    // the rows come from one consistent snapshot. A superuser switches both off for the session; the
    // owner of the tables (a managed PostgreSQL) switches off its own triggers, and the file's tables
    // come parents first, so the foreign keys hold as each table loads.
    const superuser = su.rows[0]?.su === true;
    const tableNames = new Set(await appTables(tx));
    if (superuser) await tx.exec('SET LOCAL session_replication_role = replica');
    else for (const t of tableNames) await tx.exec(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
    const tables: Record<string, number> = {};
    let table: string | null = null;
    let batch: string[] = [];
    let overriding = '';
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await tx.query(
        `INSERT INTO ${quoteIdent(table)} ${overriding} SELECT * FROM json_populate_recordset(NULL::${quoteIdent(table)}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
      tables[table] = (tables[table] ?? 0) + batch.length;
      batch = [];
    };
    for (;;) {
      const line = await next();
      if (line === null) throw badBackup('文件不完整（缺少结尾行）', 'the file is truncated (no end line)');
      if (line.startsWith('R ')) {
        if (!table) throw badBackup('数据行出现在表头之前', 'a row comes before any table line');
        hash.update(`${line}\n`);
        batch.push(line.slice(2));
        if (batch.length >= INSERT_BATCH) await flush();
        continue;
      }
      if (!line.startsWith('M ')) throw badBackup('无法识别的行', 'a line is neither a row nor metadata');
      const meta = JSON.parse(line.slice(2)) as {
        kind: string;
        name?: string;
        tables?: Record<string, number>;
        sha256?: string;
      };
      if (meta.kind === 'table') {
        hash.update(`${line}\n`);
        await flush();
        table = String(meta.name);
        if (!tableNames.has(table))
          throw badBackup(`表 ${table} 不在数据库结构中`, `table ${table} is not in the schema`);
        await tx.query(`DELETE FROM ${quoteIdent(table)}`); // rows a migration seeded
        tables[table] = 0;
        overriding = await overridingClause(tx, table);
        continue;
      }
      if (meta.kind !== 'end') throw badBackup('无法识别的元数据行', `unknown metadata line "${meta.kind}"`);
      await flush();
      const sha256 = hash.digest('hex');
      if (meta.sha256 !== sha256)
        throw badBackup(
          '校验和不符（文件被改动或损坏）',
          'the checksum does not match (the file was altered or damaged)',
        );
      for (const [name, n] of Object.entries(meta.tables ?? {}))
        if (tables[name] !== n)
          throw badBackup(
            `表 ${name} 行数不符`,
            `table ${name}: ${tables[name] ?? 0} rows read, ${n} recorded`,
          );
      await resetSequences(tx, Object.keys(tables));
      if (!superuser)
        for (const t of tableNames) await tx.exec(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
      return { schemaVersion: header.schemaVersion, tables, sha256 };
    }
  });
  lines.close();
  await migrate(db);
  return summary;
}

/** Row count and a digest of every table's rows (order-independent), to compare two databases. */
export async function tableDigests(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  return db.transaction(async (tx) => {
    await tx.exec("SET LOCAL TimeZone = 'UTC'");
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const table of await appTables(tx)) {
      const r = await tx.query<{ rows: number; md5: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(j, E'\\n' ORDER BY j)) AS md5
       FROM (SELECT row_to_json(t)::text AS j FROM ${quoteIdent(table)} t) x`,
      );
      out[table] = { rows: r.rows[0]?.rows ?? 0, md5: r.rows[0]?.md5 ?? '' };
    }
    return out;
  });
}
