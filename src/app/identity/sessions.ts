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
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { verifyPassword } from './password.ts';

export const SESSION_HOURS = 12;
// Verified against when the user does not exist, so a wrong username costs the same time as a wrong password.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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

export async function signIn(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ actor: Actor; token: string; csrfToken: string; expiresAt: Date }> {
  const user = await new UserRepository(ctx.db).findByUsername(username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const now = ctx.clock.now();
  if (!user || !ok || user.disabled) {
    await audit(
      ctx.db,
      {
        id: 0,
        username: username.slice(0, 64),
        displayName: '',
        role: 'viewer',
        sector: null,
        districtCode: null,
      },
      now,
      'signIn.failed',
      'session',
      null,
    );
    throw new FuwuError('unauthenticated', '用户名或密码不正确', 'wrong username or password');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const sessions = new SessionRepository(ctx.db);
  await sessions.deleteExpired(now);
  await sessions.create(sha256(token), user.id, now, expiresAt);
  const actor = toActor(user);
  await audit(ctx.db, actor, now, 'signIn', 'session', null);
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
  await new SessionRepository(ctx.db).delete(sha256(token));
  await audit(ctx.db, actor, ctx.clock.now(), 'signOut', 'session', null);
}
