/** The lock-out and per-address rules, as pure functions of attempt times. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_LOCK,
  SIGN_IN_ADDRESS_LIMIT,
  beijingTime,
  lockedUntil,
  secondsUntil,
  windowFullUntil,
} from '../../../src/domain/identity/sign-in-throttle.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-11-29T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
/** Attempt times within the last two hours before T0 + 2 h. */
const times = fc.array(fc.integer({ min: 0, max: 120 * MIN }), { maxLength: 40 });
const NOW = 120 * MIN;

describe('account lock-out: 5 failures within 15 minutes lock for 15 minutes', () => {
  it('locks at the fifth failure in the window, until 15 minutes after it', () => {
    const five = [0, 1, 2, 3, 4].map((i) => at(i * MIN));
    expect(lockedUntil(five.slice(0, 4), at(4 * MIN))).toBeNull();
    expect(lockedUntil(five, at(4 * MIN))?.toISOString()).toBe(at(19 * MIN).toISOString());
    expect(lockedUntil(five, at(19 * MIN - 1))?.toISOString()).toBe(at(19 * MIN).toISOString());
    expect(lockedUntil(five, at(19 * MIN))).toBeNull();
  });

  it('does not lock when the five failures span 15 minutes or more', () => {
    const spread = [0, 4, 8, 12, 15].map((m) => at(m * MIN));
    expect(lockedUntil(spread, at(15 * MIN))).toBeNull();
    const tight = [0, 4, 8, 12, 14.99].map((m) => at(m * MIN));
    expect(lockedUntil(tight, at(15 * MIN))).not.toBeNull();
  });

  it('ignores failures in the future of `now`', () => {
    const five = [0, 1, 2, 3, 4].map((i) => at(i * MIN));
    expect(lockedUntil(five, at(3 * MIN))).toBeNull();
  });

  it('never locks with fewer than five failures', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: NOW }), { maxLength: 4 }), (ms) => {
        expect(lockedUntil(ms.map(at), at(NOW))).toBeNull();
      }),
    );
  });

  it('a lock ends in the future, at most 15 minutes after the last failure', () => {
    fc.assert(
      fc.property(times, (ms) => {
        const until = lockedUntil(ms.map(at), at(NOW));
        if (until === null) return;
        expect(until.getTime()).toBeGreaterThan(T0 + NOW);
        expect(until.getTime()).toBeLessThanOrEqual(T0 + Math.max(...ms) + ACCOUNT_LOCK.lockMs);
      }),
    );
  });

  it('is locked exactly when some five failures lie within 15 minutes and the last is under 15 minutes old', () => {
    fc.assert(
      fc.property(times, (ms) => {
        const sorted = [...ms].sort((a, b) => a - b);
        let expected = false;
        for (let i = 4; i < sorted.length; i++) {
          const last = sorted[i] as number;
          if (last - (sorted[i - 4] as number) < ACCOUNT_LOCK.windowMs && NOW < last + ACCOUNT_LOCK.lockMs)
            expected = true;
        }
        expect(lockedUntil(ms.map(at), at(NOW)) !== null).toBe(expected);
      }),
    );
  });

  it('one more failure never lifts a lock', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: NOW }), (ms, extra) => {
        const before = lockedUntil(ms.map(at), at(NOW));
        const after = lockedUntil([...ms, extra].map(at), at(NOW));
        if (before) expect(after?.getTime()).toBeGreaterThanOrEqual(before.getTime());
      }),
    );
  });
});

describe('a sliding-window limit per client address', () => {
  const limit = SIGN_IN_ADDRESS_LIMIT;

  it('allows 20 failures in 15 minutes and refuses the 21st until the oldest ages out', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => at(i * 30_000));
    expect(windowFullUntil(twenty.slice(0, 19), at(10 * MIN), limit)).toBeNull();
    expect(windowFullUntil(twenty, at(10 * MIN), limit)?.toISOString()).toBe(at(15 * MIN).toISOString());
    expect(windowFullUntil(twenty, at(15 * MIN), limit)).toBeNull();
  });

  it('blocks exactly when the window holds the maximum, and the block lifts at the time it names', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 1, max: 8 }), (ms, max) => {
        const l = { max, windowMs: 15 * MIN };
        const now = at(NOW);
        const inWindow = ms.filter((m) => m > NOW - l.windowMs).length;
        const until = windowFullUntil(ms.map(at), now, l);
        expect(until !== null).toBe(inWindow >= max);
        if (until) {
          expect(until.getTime()).toBeGreaterThan(now.getTime());
          expect(windowFullUntil(ms.map(at), until, l)).toBeNull();
          expect(windowFullUntil(ms.map(at), new Date(until.getTime() - 1), l)).not.toBeNull();
        }
      }),
    );
  });
});

describe('telling people when', () => {
  it('rounds Retry-After up to whole seconds, at least 1', () => {
    expect(secondsUntil(at(1500), at(0))).toBe(2);
    expect(secondsUntil(at(0), at(0))).toBe(1);
  });

  it('writes Beijing time', () => {
    expect(beijingTime(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-30 00:30');
  });
});
