/**
 * Password hashing with scrypt (node:crypto; node 20 has no argon2id, and native packages are not
 * worth the install trouble): a random salt per password, the parameters stored with the hash
 * (`scrypt$N$r$p$salt$key`) so they can be raised, and a constant-time comparison. A hash made with
 * weaker parameters than today's is re-made at the next successful sign-in (`needsRehash`).
 *
 * The cost is OWASP's scrypt setting, N=2^17, r=8, p=1 (128 MiB and most of a second of one core per
 * hash). `FUWU_PASSWORD_COST` (log2 N) lowers it for the test suite, which makes hundreds of users;
 * production leaves it unset.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { invalidField } from '../../domain/shared/errors.ts';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** log2 N of OWASP's scrypt recommendation. */
export const DEFAULT_PASSWORD_COST = 17;
const MIN_COST = 10;
// Stored hashes come from the database: a huge N there must not make one sign-in eat the machine.
const MAX_COST = 20;
const KEY_LENGTH = 32;

/** `FUWU_PASSWORD_COST` checked: unset or empty gives the default; anything else must be 10–20. */
export function parsePasswordCost(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PASSWORD_COST;
  const cost = Number(raw);
  if (!Number.isInteger(cost) || cost < MIN_COST || cost > MAX_COST) {
    throw invalidField(
      'FUWU_PASSWORD_COST',
      `须为 ${MIN_COST}–${MAX_COST} 的整数（scrypt 的 log2 N，默认 ${DEFAULT_PASSWORD_COST}），收到 ${raw}`,
      `must be a whole number ${MIN_COST}–${MAX_COST} (log2 N of scrypt, default ${DEFAULT_PASSWORD_COST}), got ${raw}`,
    );
  }
  return cost;
}

let current: ScryptParams | null = null;

/** The parameters new hashes get (read from the environment once). */
export function currentParams(): ScryptParams {
  current ??= { N: 2 ** parsePasswordCost(process.env.FUWU_PASSWORD_COST), r: 8, p: 1 };
  return current;
}

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node refuses above maxmem (32 MiB by default), so allow that plus slack.
  const maxmem = 128 * params.N * params.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, KEY_LENGTH, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function format(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || rest.length > 0) return null;
  const N = Number(n);
  const params = { N, r: Number(r), p: Number(p) };
  const sane =
    Number.isInteger(Math.log2(N)) &&
    N >= 2 ** MIN_COST &&
    N <= 2 ** MAX_COST &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= 32 &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= 16;
  return sane ? { ...params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') } : null;
}

export async function hashPassword(password: string): Promise<string> {
  const params = currentParams();
  const salt = randomBytes(16);
  return format(params, salt, await scrypt(password, salt, params));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const actual = await scrypt(password, h.salt, h);
  return actual.length === h.key.length && timingSafeEqual(actual, h.key);
}

/** True when `stored` was made with weaker parameters than new hashes get (or cannot be read). */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  const now = currentParams();
  return !h || h.N < now.N || h.r < now.r || h.p < now.p;
}

/**
 * A hash no password matches, with today's parameters: checked when the username does not exist, so
 * a wrong username costs the same time as a wrong password.
 */
export function dummyHash(): string {
  return format(currentParams(), Buffer.alloc(16), Buffer.alloc(KEY_LENGTH));
}

/** A password for the first admin when none is configured: 18 characters, easy to type. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(18);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export const MIN_PASSWORD_LENGTH = 10;
