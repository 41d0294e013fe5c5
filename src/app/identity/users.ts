/** Users and roles, managed by admins. Scope is checked against the plan: a real sector, a real district. */
import type { Actor, Role } from '../../domain/identity/roles.ts';
import { OFFICE_ROLES, ROLES } from '../../domain/identity/roles.ts';
import { officesOf } from '../../domain/cases/offices.ts';
import { SECTORS } from '../../domain/plan/pack.schema.ts';
import type { UserView } from '../../domain/plan/views.ts';
import { FuwuError, invalidField } from '../../domain/shared/errors.ts';
import { UserRepository } from '../../store/repositories/user.repository.ts';
import type { UserRow } from '../../store/repositories/user.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './password.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  sector?: string | null;
  districtCode?: string | null;
  /** For a case worker or supervisor: the office (O-<area code>, src/domain/cases/offices.ts). */
  officeCode?: string | null;
}

/** A user as the API shows it; an actor (a signed-in session) has no `disabled`: it is not. */
export function toUserView(
  u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'sector' | 'districtCode'> &
    Partial<Pick<UserRow, 'disabled' | 'officeCode'>>,
): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    sector: (u.sector as UserView['sector']) ?? null,
    districtCode: u.districtCode ?? null,
    officeCode: u.officeCode ?? null,
    disabled: u.disabled ?? false,
  };
}

export async function listUsers(ctx: AppContext, actor: Actor): Promise<UserView[]> {
  authorize(actor, 'users.manage');
  return (await new UserRepository(ctx.db).list()).map(toUserView);
}

export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<UserView> {
  authorize(actor, 'users.manage');
  if (!/^[a-z][a-z0-9._-]{2,31}$/.test(input.username)) {
    throw invalidField(
      'username',
      '须以小写字母开头，3–32 位小写字母、数字或 . _ -',
      'must start with a lower-case letter: 3–32 of a-z, 0-9, . _ -',
    );
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalidField(
      'password',
      `至少 ${MIN_PASSWORD_LENGTH} 位`,
      `at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (!ROLES.includes(input.role))
    throw invalidField('role', `须为 ${ROLES.join('/')}`, `must be one of ${ROLES.join(', ')}`);
  const sector = input.role === 'departmentOfficer' ? (input.sector ?? null) : null;
  const districtCode = input.role === 'districtOfficer' ? (input.districtCode ?? null) : null;
  if (input.role === 'departmentOfficer' && !(SECTORS as readonly string[]).includes(sector ?? '')) {
    throw invalidField(
      'sector',
      `行业部门人员须指定领域：${SECTORS.join('/')}`,
      `a department officer needs a sector: ${SECTORS.join(', ')}`,
    );
  }
  if (input.role === 'districtOfficer') {
    const plan = await ctx.plan.get();
    if (!plan.districts.some((d) => d.code === districtCode)) {
      throw invalidField(
        'districtCode',
        '区（市）县人员须指定一个区（市）县代码',
        'a district officer needs the code of one of the districts',
      );
    }
  }
  const isOfficeRole = (OFFICE_ROLES as readonly Role[]).includes(input.role);
  const officeCode = isOfficeRole ? (input.officeCode ?? null) : null;
  if (isOfficeRole) {
    const offices = officesOf((await ctx.plan.get()).areas);
    if (!offices.some((o) => o.code === officeCode)) {
      throw invalidField(
        'officeCode',
        `窗口经办人员和审核负责人须指定所属政务服务中心（如 ${offices[0]?.code ?? 'O-510104'}）`,
        `a case worker or supervisor needs an office code (e.g. ${offices[0]?.code ?? 'O-510104'})`,
      );
    }
  }
  const users = new UserRepository(ctx.db);
  if (await users.findByUsername(input.username)) {
    throw new FuwuError(
      'conflict',
      `用户名已存在：${input.username}`,
      `username already taken: ${input.username}`,
      [{ field: 'username', zh: '用户名已存在', en: 'already taken' }],
    );
  }
  const at = ctx.clock.now();
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const u = await new UserRepository(tx).create(
      {
        username: input.username,
        displayName: input.displayName || input.username,
        passwordHash,
        role: input.role,
        sector,
        districtCode,
        officeCode,
      },
      at,
    );
    await audit(tx, actor, at, 'user.create', 'user', String(u.id), {
      username: u.username,
      role: u.role,
      sector,
      districtCode,
      officeCode,
    });
    return toUserView(u);
  });
}
