/**
 * On first start there are no users: create `admin` with the configured password, or a generated
 * one that is printed once and written to a file readable only by the owner.
 */
import { SYSTEM_ACTOR, audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import { generatePassword, hashPassword } from './password.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

export async function ensureFirstAdmin(
  ctx: AppContext,
  configuredPassword: string | undefined,
): Promise<{ username: string; password: string; generated: boolean } | null> {
  const users = new UserRepository(ctx.db);
  if ((await users.count()) > 0) return null;
  const password = configuredPassword || generatePassword();
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const u = await new UserRepository(tx).create(
      {
        username: FIRST_ADMIN_USERNAME,
        displayName: '系统管理员',
        passwordHash: await hashPassword(password),
        role: 'admin',
        sector: null,
        districtCode: null,
      },
      at,
    );
    await audit(tx, SYSTEM_ACTOR, at, 'user.create', 'user', String(u.id), {
      username: u.username,
      role: 'admin',
      firstAdmin: true,
    });
  });
  return { username: FIRST_ADMIN_USERNAME, password, generated: !configuredPassword };
}
