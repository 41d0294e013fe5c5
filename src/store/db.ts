/**
 * One small database interface over both engines fuwu runs on: the embedded PGlite (a folder on
 * disk, the zero-setup default) and a PostgreSQL server (`DATABASE_URL`). Repositories use only
 * this, so the same SQL and the same tests run on both.
 */
export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  readonly engine: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Run several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** All-or-nothing: `fn` sees a Db bound to one transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
