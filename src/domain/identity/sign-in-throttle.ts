/**
 * The rules that slow down password guessing (issue 7 §1), pure so they can be checked on their own:
 * a username is locked for a while after a burst of failures, and one client address gets only so
 * many failed sign-ins (and sign-ups) per window. The store keeps the attempt times; these decide.
 */

const MINUTE = 60_000;

export interface LockRule {
  /** Failures of one username within `windowMs` that lock it… */
  failures: number;
  windowMs: number;
  /** …for this long after the failure that completed the burst. */
  lockMs: number;
}

export interface WindowLimit {
  /** At most this many events within any `windowMs`. */
  max: number;
  windowMs: number;
}

/** 5 failures of one username within 15 minutes lock it for 15 minutes (OWASP's usual numbers). */
export const ACCOUNT_LOCK: LockRule = { failures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Failed sign-ins from one client address, any usernames: spraying many names hits this. */
export const SIGN_IN_ADDRESS_LIMIT: WindowLimit = { max: 20, windowMs: 15 * MINUTE };
/** Accounts made from one client address. */
export const SIGN_UP_ADDRESS_LIMIT: WindowLimit = { max: 10, windowMs: 60 * MINUTE };

/** How far back the store must look for the rules above to see every attempt that matters. */
export const THROTTLE_MEMORY_MS = Math.max(
  ACCOUNT_LOCK.windowMs + ACCOUNT_LOCK.lockMs,
  SIGN_IN_ADDRESS_LIMIT.windowMs,
  SIGN_UP_ADDRESS_LIMIT.windowMs,
);

const sortedUpTo = (times: readonly Date[], now: Date): number[] =>
  times
    .map((t) => t.getTime())
    .filter((t) => t <= now.getTime())
    .sort((a, b) => a - b);

/**
 * Until when a username is locked, or null when it is not. `failures` are the failures that still
 * count (a successful sign-in or an admin's unlock stops them counting); refusals while locked are
 * not failures, so a lock ends on time however often someone keeps trying.
 */
export function lockedUntil(
  failures: readonly Date[],
  now: Date,
  rule: LockRule = ACCOUNT_LOCK,
): Date | null {
  const t = sortedUpTo(failures, now);
  let until = -Infinity;
  for (let i = rule.failures - 1; i < t.length; i++) {
    const first = t[i - (rule.failures - 1)] as number;
    const last = t[i] as number;
    if (last - first < rule.windowMs) until = Math.max(until, last + rule.lockMs);
  }
  return until > now.getTime() ? new Date(until) : null;
}

/**
 * When the next event will be allowed under a sliding-window limit, or null when it is allowed now:
 * the moment enough of the events in the window have aged out of it.
 */
export function windowFullUntil(events: readonly Date[], now: Date, limit: WindowLimit): Date | null {
  const from = now.getTime() - limit.windowMs;
  const inWindow = sortedUpTo(events, now).filter((t) => t > from);
  if (inWindow.length < limit.max) return null;
  return new Date((inWindow[inWindow.length - limit.max] as number) + limit.windowMs);
}

/** Whole seconds from `now` until `until` (at least 1), for a Retry-After header. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** A moment as Beijing time (UTC+8), e.g. `2026-11-29 23:45`, for messages people read. */
export function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
