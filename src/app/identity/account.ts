/**
 * Account changes after creation: a user changes their own password (knowing the current one); an
 * admin resets a password or disables an account. Each ends the sessions it must and is audited.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError, invalidField, notFound } from '../../domain/shared/errors.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password.ts';

function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalidField(
      'newPassword',
      `至少 ${MIN_PASSWORD_LENGTH} 位`,
      `at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
}

/** Change one's own password; other sessions of the user end, this one stays. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  sessionToken: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const users = new UserRepository(ctx.db);
  const user = await users.findById(actor.id);
  if (!user) throw notFound('user', '用户', String(actor.id));
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw invalidField('currentPassword', '当前密码不正确', 'the current password is wrong');
  }
  checkNewPassword(newPassword);
  const hash = await hashPassword(newPassword);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const repo = new UserRepository(tx);
    await repo.setPassword(actor.id, hash);
    await repo.endSessions(actor.id, createHash('sha256').update(sessionToken).digest('hex'));
    await audit(tx, actor, at, 'user.password.change', 'user', String(actor.id));
  });
}

/** An admin sets a user's password or disables the account; all of that user's sessions end. */
export async function updateAccount(
  ctx: AppContext,
  actor: Actor,
  userId: number,
  change: { password?: string; disabled?: boolean },
): Promise<void> {
  authorize(actor, 'users.manage');
  const user = await new UserRepository(ctx.db).findById(userId);
  if (!user) throw notFound('user', '用户', String(userId));
  if (change.disabled && userId === actor.id) {
    throw new FuwuError('conflict', '不能停用自己的账号', 'you cannot disable your own account', [
      { field: 'disabled', zh: '不能停用自己的账号', en: 'cannot disable yourself' },
    ]);
  }
  if (change.password !== undefined) checkNewPassword(change.password);
  const hash = change.password !== undefined ? await hashPassword(change.password) : null;
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const repo = new UserRepository(tx);
    if (hash) {
      await repo.setPassword(userId, hash);
      await repo.endSessions(userId, null);
      await audit(tx, actor, at, 'user.password.reset', 'user', String(userId), { username: user.username });
    }
    if (change.disabled !== undefined) {
      await repo.setDisabled(userId, change.disabled);
      await audit(tx, actor, at, change.disabled ? 'user.disable' : 'user.enable', 'user', String(userId), {
        username: user.username,
      });
    }
  });
}
