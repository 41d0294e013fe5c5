/**
 * An admin lifts a sign-in lock-out before it ends (the user called the help desk): the username's
 * failures stop counting, so it may sign in at once and has its full five tries again.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import { AuthAttemptRepository } from '../../store/repositories/auth-attempt.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { signInLockOf } from './throttle.ts';

export interface UnlockResult {
  userId: number;
  username: string;
  /** Until when the account was locked, or null when it was not locked. */
  wasLockedUntil: string | null;
  /** Failed sign-ins that no longer count against it. */
  clearedFailures: number;
}

export async function unlockUser(ctx: AppContext, actor: Actor, userId: number): Promise<UnlockResult> {
  authorize(actor, 'users.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await new UserRepository(tx).findById(userId);
    if (!user) throw notFound('user', '用户', String(userId));
    const until = await signInLockOf({ ...ctx, db: tx }, user.username, now);
    const clearedFailures = await new AuthAttemptRepository(tx).clearUser(user.username);
    const result: UnlockResult = {
      userId,
      username: user.username,
      wasLockedUntil: until?.toISOString() ?? null,
      clearedFailures,
    };
    await audit(tx, actor, now, 'user.unlock', 'user', String(userId), {
      wasLockedUntil: result.wasLockedUntil,
      clearedFailures,
    });
    return result;
  });
}
