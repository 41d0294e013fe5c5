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
import type { FuwuError } from '../../domain/shared/errors.ts';
import { tooManyAttempts } from '../../domain/shared/errors.ts';
import { AuthAttemptRepository } from '../../store/repositories/auth-attempt.repository.ts';
import type { AppContext } from '../context.ts';

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

function addressLimited(until: Date, now: Date, what: { zh: string; en: string }): FuwuError {
  const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
  return tooManyAttempts(
    'rate_limited',
    `来自您网络地址的${what.zh}过多，请 ${minutes} 分钟后（北京时间 ${beijingTime(until)}）再试`,
    `too many ${what.en} from your network address; try again in ${minutes} min (${beijingTime(until)} Beijing time)`,
    secondsUntil(until, now),
  );
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
  await repo.deleteBefore(before(now, THROTTLE_MEMORY_MS));
  const id = await repo.record('signIn', username, address, now, true);

  const fromAddress = await repo.timesFromAddress(
    'signIn',
    address,
    before(now, SIGN_IN_ADDRESS_LIMIT.windowMs),
    id,
  );
  const addressUntil = windowFullUntil(fromAddress, now, SIGN_IN_ADDRESS_LIMIT);
  if (addressUntil) {
    // A refused attempt tests no password, so it does not count: the block ends on time.
    await repo.delete(id);
    throw addressLimited(addressUntil, now, { zh: '失败登录', en: 'failed sign-ins' });
  }

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
  await repo.deleteBefore(before(now, THROTTLE_MEMORY_MS));
  const id = await repo.record('signUp', null, address, now, false);
  const others = await repo.timesFromAddress(
    'signUp',
    address,
    before(now, SIGN_UP_ADDRESS_LIMIT.windowMs),
    id,
  );
  const until = windowFullUntil(others, now, SIGN_UP_ADDRESS_LIMIT);
  if (until) {
    await repo.delete(id);
    throw addressLimited(until, now, { zh: '注册', en: 'sign-ups' });
  }
  try {
    return await fn();
  } catch (e) {
    await repo.delete(id);
    throw e;
  }
}
