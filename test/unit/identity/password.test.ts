/** Password hashes: the stored format keeps its parameters, weaker ones are marked for re-hashing. */
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_COST,
  currentParams,
  dummyHash,
  hashPassword,
  needsRehash,
  parsePasswordCost,
  verifyPassword,
} from '../../../src/app/identity/password.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

/** A hash as an older fuwu stored it, with its own parameters. */
function oldHash(password: string, N: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return ['scrypt', N, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('password cost', () => {
  it("is OWASP's N=2^17 unless FUWU_PASSWORD_COST says otherwise", () => {
    expect(DEFAULT_PASSWORD_COST).toBe(17);
    expect(parsePasswordCost(undefined)).toBe(17);
    expect(parsePasswordCost('')).toBe(17);
    expect(parsePasswordCost('15')).toBe(15);
  });

  it('refuses a cost outside 10–20 or not a whole number, naming the variable', () => {
    for (const bad of ['9', '21', '16.5', 'high']) {
      const e = (() => {
        try {
          parsePasswordCost(bad);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(FuwuError);
      expect((e as FuwuError).problems[0]?.field).toBe('FUWU_PASSWORD_COST');
    }
  });

  it('the test suite runs at the lower cost it sets in vitest.config.ts', () => {
    expect(currentParams()).toEqual({ N: 2 ** 14, r: 8, p: 1 });
  });
});

describe('hash format', () => {
  it('stores scheme, parameters, salt and key, and verifies only the right password', async () => {
    const h = await hashPassword('correct horse battery');
    const [scheme, n, r, p, salt, key] = h.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', currentParams().N, 8, 1]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterz', h)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(h); // a fresh salt each time
  });

  it('verifies a hash made with other (older) parameters, and marks it for re-hashing', async () => {
    const old = oldHash('an-old-password', 2 ** 12);
    expect(await verifyPassword('an-old-password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('an-old-password'))).toBe(false);
  });

  it('does not mark a hash stronger than today for re-hashing', () => {
    expect(needsRehash(oldHash('x', 2 ** 15))).toBe(false);
  });

  it('rejects unreadable or absurd stored hashes instead of computing them', async () => {
    const good = await hashPassword('pw-0123456789');
    const parts = good.split('$');
    const withN = (n: string) => [parts[0], n, ...parts.slice(2)].join('$');
    for (const bad of ['', 'plain', 'bcrypt$x', withN(String(2 ** 30)), withN('1000'), `${good}$extra`]) {
      expect(await verifyPassword('pw-0123456789', bad)).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });

  it('the dummy hash for unknown users has the parameters of real ones (same time) and matches nothing', async () => {
    const real = (await hashPassword('whatever-1')).split('$').slice(0, 4);
    expect(dummyHash().split('$').slice(0, 4)).toEqual(real);
    expect(await verifyPassword('', dummyHash())).toBe(false);
    expect(await verifyPassword('whatever-1', dummyHash())).toBe(false);
  });
});
