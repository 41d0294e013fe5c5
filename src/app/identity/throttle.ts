/**
 * The database side of the sign-in and sign-up limits (rules in domain/identity/sign-in-throttle.ts).
 * Each attempt is recorded first and then checked against the others, so guesses sent in parallel,
 * to one process or several, count against each other.
 */
import {
  ACCOUNT_LOCK,
  SIGN_IN_ADDRESS_LIMIT,
  SIGN_UP_ADDRESS_LIMIT,
  THROTTLE_MEMORY_MS,
  beijingTime,
  lockedUntil,
  secondsUntil,
  windowFullUntil,
} from '../../domain/identity/sign-in-throttle.ts';
import type { WindowLimit } from '../../domain/identity/sign-in-throttle.ts';
import type { FuwuError } from '../../domain/shared/errors.ts';
import { tooManyAttempts } from '../../domain/shared/errors.ts';
import type { AttemptKind } from '../../store/repositories/auth-attempt.repository.ts';
import { AuthAttemptRepository } from '../../store/repositories/auth-attempt.repository.ts';
import type { AppContext } from '../context.ts';

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

function addressLimited(until: Date, now: Date, what: AddressLimit['what']): FuwuError {
  const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
  return tooManyAttempts(
    'rate_limited',
    `来自您网络地址的${what.zh}过多，请 ${minutes} 分钟后（北京时间 ${beijingTime(until)}）再试`,
    `too many ${what.en} from your network address; try again in ${minutes} min (${beijingTime(until)} Beijing time)`,
    secondsUntil(until, now),
  );
}

/** A per-address limit: which attempts it counts, how many per window, and what the refusal calls them. */
interface AddressLimit {
  kind: AttemptKind;
  limit: WindowLimit;
  what: { zh: string; en: string };
}

/** Failed sign-ins from one address, any usernames. */
const SIGN_IN_FAILURES: AddressLimit = {
  kind: 'signIn',
  limit: SIGN_IN_ADDRESS_LIMIT,
  what: { zh: '失败登录', en: 'failed sign-ins' },
};

/** Accounts made from one address. */
const SIGN_UPS: AddressLimit = {
  kind: 'signUp',
  limit: SIGN_UP_ADDRESS_LIMIT,
  what: { zh: '注册', en: 'sign-ups' },
};

/**
 * Record an attempt from `address` (forgetting those too old to matter) and check it against the
 * others of its kind; returns its id, or removes it and throws 429 when the address is over the limit
 * (a refused attempt — a sign-in that tests no password, a sign-up not made — does not count, so the
 * block ends on time).
 */
async function recordWithinLimit(
  repo: AuthAttemptRepository,
  rule: AddressLimit,
  username: string | null,
  address: string,
  now: Date,
  countsForUser: boolean,
): Promise<number> {
  await repo.deleteBefore(before(now, THROTTLE_MEMORY_MS));
  const id = await repo.record(rule.kind, username, address, now, countsForUser);
  const others = await repo.timesFromAddress(rule.kind, address, before(now, rule.limit.windowMs), id);
  const until = windowFullUntil(others, now, rule.limit);
  if (until) {
    await repo.delete(id);
    throw addressLimited(until, now, rule.what);
  }
  return id;
}

export function accountLocked(username: string, until: Date, now: Date): FuwuError {
  return tooManyAttempts(
    'locked',
    `账户 ${username} 因连续 ${ACCOUNT_LOCK.failures} 次登录失败已被锁定，至北京时间 ${beijingTime(until)} 解锁（管理员也可解锁）`,
    `the account ${username} is locked after ${ACCOUNT_LOCK.failures} failed sign-ins until ${beijingTime(until)} Beijing time (an admin can unlock it sooner)`,
    secondsUntil(until, now),
  );
}

/** One sign-in being checked: its record, and what to do with it once the password is known. */
export interface SignInAttempt {
  /** The username's lock once this failure counts, or null when it stays unlocked. */
  failed(): Promise<Date | null>;
  succeeded(): Promise<void>;
}

/**
 * Record a sign-in attempt of `username` from `address`; throws 429 when the address has failed too
 * often, 423 (`locked`) when the username is locked — both before any password is checked.
 */
export async function beginSignIn(
  ctx: AppContext,
  username: string,
  address: string,
  now: Date,
  onLocked: (until: Date) => Promise<void>,
): Promise<SignInAttempt> {
  const repo = new AuthAttemptRepository(ctx.db);
  const id = await recordWithinLimit(repo, SIGN_IN_FAILURES, username, address, now, true);

  const since = before(now, ACCOUNT_LOCK.windowMs + ACCOUNT_LOCK.lockMs);
  const failures = await repo.userFailureTimes(username, since, id);
  const until = lockedUntil(failures, now);
  if (until) {
    await repo.stopCounting(id);
    await onLocked(until);
    throw accountLocked(username, until, now);
  }

  return {
    failed: async () => lockedUntil([...failures, now], now),
    succeeded: async () => {
      await repo.delete(id);
      await repo.clearUser(username);
    },
  };
}

/** Whether `username` is locked now, and until when. */
export async function signInLockOf(ctx: AppContext, username: string, now: Date): Promise<Date | null> {
  const repo = new AuthAttemptRepository(ctx.db);
  const failures = await repo.userFailureTimes(
    username,
    before(now, ACCOUNT_LOCK.windowMs + ACCOUNT_LOCK.lockMs),
    0,
  );
  return lockedUntil(failures, now);
}

/**
 * Run a sign-up from `address` unless the address has made too many accounts lately (429). A sign-up
 * that fails (a taken name, a short password) gives its place back.
 */
export async function withSignUpSlot<T>(ctx: AppContext, address: string, fn: () => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const repo = new AuthAttemptRepository(ctx.db);
  const id = await recordWithinLimit(repo, SIGN_UPS, null, address, now, false);
  try {
    return await fn();
  } catch (e) {
    await repo.delete(id);
    throw e;
  }
}
