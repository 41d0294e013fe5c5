/**
 * Sign-in sessions. The browser holds a random token in an HttpOnly cookie; the database holds only
 * its SHA-256. The CSRF token is derived from the session token, so it needs no storage and is
 * useless without the cookie.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import { SessionRepository } from '../../store/repositories/session.repository.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import type { UserRow } from '../../store/repositories/user.repository.ts';
import { AuthAttemptRepository } from '../../store/repositories/auth-attempt.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { accountLocked, beginSignIn } from './throttle.ts';

export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf|${sessionToken}`).digest('base64url');
}

export function toActor(u: UserRow): Actor {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    sector: u.sector,
    districtCode: u.districtCode,
  };
}

/** Who tried: the username as typed (it may name no one). */
const attempter = (username: string): Actor => ({
  id: 0,
  username: username.slice(0, 64),
  displayName: '',
  role: 'viewer',
  sector: null,
  districtCode: null,
});

/**
 * Sign in from `clientAddress`. Refused before the password is checked when the address has failed
 * too often (429) or the username is locked (423, saying until when); each failure counts toward both.
 */
export async function signIn(
  ctx: AppContext,
  username: string,
  password: string,
  clientAddress: string,
): Promise<{ actor: Actor; token: string; csrfToken: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  const attempt = await beginSignIn(ctx, username, clientAddress, now, (until) =>
    ctx.db.transaction((tx) =>
      audit(tx, attempter(username), now, 'signIn.locked', 'session', null, {
        address: clientAddress,
        lockedUntil: until.toISOString(),
      }),
    ),
  );
  const user = await new UserRepository(ctx.db).findByUsername(username);
  // A wrong username costs the same time as a wrong password: the same scrypt work on a dummy hash.
  const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash());
  if (!user || !ok || user.disabled) {
    const lockedNow = await attempt.failed();
    await ctx.db.transaction((tx) =>
      audit(tx, attempter(username), now, 'signIn.failed', 'session', null, {
        address: clientAddress,
        ...(lockedNow ? { lockedUntil: lockedNow.toISOString() } : {}),
      }),
    );
    if (lockedNow) {
      const locked = accountLocked(username, lockedNow, now);
      throw new FuwuError(
        'unauthenticated',
        `用户名或密码不正确；${locked.zh}`,
        `wrong username or password; ${locked.message}`,
      );
    }
    throw new FuwuError('unauthenticated', '用户名或密码不正确', 'wrong username or password');
  }
  await attempt.succeeded();
  const actor = toActor(user);
  if (needsRehash(user.passwordHash)) {
    // The only moment the password is known: re-hash it at today's cost.
    const stronger = await hashPassword(password);
    await ctx.db.transaction(async (tx) => {
      if (await new AuthAttemptRepository(tx).upgradePasswordHash(user.id, user.passwordHash, stronger)) {
        await audit(tx, actor, now, 'user.password.rehash', 'user', String(user.id));
      }
    });
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await ctx.db.transaction(async (tx) => {
    const sessions = new SessionRepository(tx);
    await sessions.deleteExpired(now);
    await sessions.create(sha256(token), user.id, now, expiresAt);
    await audit(tx, actor, now, 'signIn', 'session', null, { address: clientAddress });
  });
  return { actor, token, csrfToken: csrfTokenFor(token), expiresAt };
}

/** The actor behind a session token, or null when the token is unknown, expired or the user disabled. */
export async function actorForToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const userId = await new SessionRepository(ctx.db).findUserId(sha256(token), ctx.clock.now());
  if (userId === null) return null;
  const user = await new UserRepository(ctx.db).findById(userId);
  return user && !user.disabled ? toActor(user) : null;
}

export async function signOut(ctx: AppContext, token: string, actor: Actor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await new SessionRepository(tx).delete(sha256(token));
    await audit(tx, actor, ctx.clock.now(), 'signOut', 'session', null);
  });
}
