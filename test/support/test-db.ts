/**
 * Databases and platforms for the database and API tests. The same tests run on both engines:
 * PGlite in memory by default, or the PostgreSQL database named by FUWU_TEST_DATABASE_URL (the
 * test-pg script creates a fresh one per run; each test file empties it before use).
 */
import { expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { AppContext, Clock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/context.ts';
import { ensureFirstAdmin } from '../../src/app/identity/first-admin.ts';
import { toActor } from '../../src/app/identity/sessions.ts';
import { createUser } from '../../src/app/identity/users.ts';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import { JOB_HANDLERS } from '../../src/app/jobs/job-handlers.ts';
import { startJobWorker } from '../../src/app/jobs/job-worker.ts';
import { settleJobs } from '../../src/app/jobs/jobs.ts';
import type { Actor, Role } from '../../src/domain/identity/roles.ts';
import type { ErrorCode } from '../../src/domain/shared/errors.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import type { Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { DEFAULT_PACK_DIR } from '../../src/store/pack/pack-loader.ts';
import { openPglite } from '../../src/store/pglite-db.ts';
import { openPostgres } from '../../src/store/postgres-db.ts';
import { UserRepository } from '../../src/store/repositories/user.repository.ts';

export const ADMIN_PASSWORD = 'admin-password-1';
/** The password of every user made by createUserAs. */
export const USER_PASSWORD = 'user-password-1';

const pgUrl = (): string | undefined => process.env.FUWU_TEST_DATABASE_URL || undefined;

/** The engine the tests run on, for describe titles: output then shows which one ran. */
export function engineName(): 'PostgreSQL' | 'PGlite' {
  return pgUrl() ? 'PostgreSQL' : 'PGlite';
}

/** An empty database: the PostgreSQL test database with its schema dropped, or a fresh in-memory PGlite. */
export async function openTestDb(): Promise<Db> {
  const url = pgUrl();
  if (!url) return openPglite(null);
  const db = await openPostgres(url);
  try {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/** A clock that stands still until told to move. */
export interface FixedClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function fixedClock(iso: string): FixedClock {
  let t = new Date(iso).getTime();
  if (Number.isNaN(t)) throw new Error(`fixedClock: not a date: ${iso}`);
  return {
    now: () => new Date(t),
    set(next: string) {
      t = new Date(next).getTime();
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

export interface TestPlatform {
  db: Db;
  ctx: AppContext;
  admin: Actor;
  close(): Promise<void>;
}

/**
 * A migrated database with the Chengdu pack loaded, the first admin (password ADMIN_PASSWORD), and a
 * job worker running the queued kinds as the server's does (`worker: false` for none).
 */
export async function openTestPlatform(
  opts: { clock?: Clock; worker?: boolean } = {},
): Promise<TestPlatform> {
  const db = await openTestDb();
  try {
    await migrate(db);
    const ctx = createContext(db, { clock: opts.clock });
    await loadPack(ctx, SYSTEM_ACTOR, DEFAULT_PACK_DIR);
    await ensureFirstAdmin(ctx, ADMIN_PASSWORD);
    const row = await new UserRepository(db).findByUsername('admin');
    if (!row) throw new Error('the first admin was not created');
    if (opts.worker !== false) startJobWorker(ctx, { handlers: JOB_HANDLERS });
    const close = async () => {
      await settleJobs(ctx);
      await db.close();
    };
    return { db, ctx, admin: toActor(row), close };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** Create a user (password USER_PASSWORD) and return it as an actor. */
export async function createUserAs(
  ctx: AppContext,
  admin: Actor,
  u: {
    username: string;
    role: Role;
    sector?: string;
    districtCode?: string;
    /** The office of a case worker or supervisor (O-<district code>). */
    officeCode?: string;
    displayName?: string;
  },
): Promise<Actor> {
  const view = await createUser(ctx, admin, {
    username: u.username,
    displayName: u.displayName ?? u.username,
    password: USER_PASSWORD,
    role: u.role,
    sector: u.sector ?? null,
    districtCode: u.districtCode ?? null,
    ...(u.officeCode ? { officeCode: u.officeCode } : {}),
  });
  return { ...view, sector: view.sector ?? null, districtCode: view.districtCode ?? null };
}

/** A user for openTestPlatformWith: createUserAs's fields, the username defaulting to its key in `users`. */
export type TestUser = Omit<Parameters<typeof createUserAs>[2], 'username'> & { username?: string };

/** A test platform with its users as actors, under the keys they were asked for by. */
export type TestPlatformWith<U> = TestPlatform & { users: { readonly [K in keyof U]: Actor } };

/**
 * openTestPlatform, then the named users made one after another in the order given (password
 * USER_PASSWORD): the setup most database tests share, so that each says only who it needs.
 * `users: { worker: { role: 'caseWorker', officeCode: 'O-510104' } }` gives `users.worker`, with the
 * username 'worker'.
 */
export async function openTestPlatformWith<const U extends Record<string, TestUser>>(opts: {
  clock?: Clock;
  worker?: boolean;
  users: U;
}): Promise<TestPlatformWith<U>> {
  const p = await openTestPlatform({ clock: opts.clock, worker: opts.worker });
  try {
    const users: Record<string, Actor> = {};
    for (const [name, u] of Object.entries(opts.users)) {
      users[name] = await createUserAs(p.ctx, p.admin, { ...u, username: u.username ?? name });
    }
    return { ...p, users: users as TestPlatformWith<U>['users'] };
  } catch (e) {
    await p.close();
    throw e;
  }
}

/** Await `p`, expect it to fail with a FuwuError of `code`, and return the error. */
export async function expectFuwuError(p: Promise<unknown>, code: ErrorCode): Promise<FuwuError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a FuwuError ${code}, but nothing was thrown`).toBeInstanceOf(FuwuError);
  const err = caught as FuwuError;
  expect(err.code, `${err.code}: ${err.message}`).toBe(code);
  return err;
}

/** The fields named by an error's problems. */
export const fieldsOf = (e: FuwuError): string[] => e.problems.map((p) => p.field);

/** One number from a `SELECT count(*) AS n ...` style query. */
export async function countOf(db: Db, sql: string, params: readonly unknown[] = []): Promise<number> {
  const r = await db.query<{ n: number | string }>(sql, params);
  return Number(r.rows[0]?.n ?? 0);
}
