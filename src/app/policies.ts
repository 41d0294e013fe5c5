/**
 * Permission checks: the one place that turns "may not" into a clear 403 in both languages. Use cases
 * call `authorize` with their permission (domain/identity/permissions.ts) before touching data, then
 * check scope on the rows themselves.
 */
import type { Permission } from '../domain/identity/permissions.ts';
import { may, rolesWith } from '../domain/identity/permissions.ts';
import type { Actor, Role } from '../domain/identity/roles.ts';
import { ROLE_LABELS, canWriteFigure } from '../domain/identity/roles.ts';
import type { Indicator } from '../domain/plan/pack.schema.ts';
import { FuwuError } from '../domain/shared/errors.ts';

function forbiddenFor(roles: readonly Role[], what: { zh: string; en: string }): FuwuError {
  return new FuwuError(
    'forbidden',
    `无权${what.zh}：需以下角色之一：${roles.map((r) => ROLE_LABELS[r].zh).join('、')}`,
    `not allowed to ${what.en}: needs one of the roles ${roles.map((r) => ROLE_LABELS[r].en).join(', ')}`,
  );
}

/** Throws 403 unless the actor's role holds `permission`. */
export function authorize(actor: Actor, permission: Permission): void {
  if (may(actor.role, permission)) return;
  throw forbiddenFor(rolesWith(permission), {
    zh: `执行此操作（${permission}）`,
    en: `do this (${permission})`,
  });
}

export function requireFigureWrite(actor: Actor, indicator: Indicator, areaCode: string): void {
  if (canWriteFigure(actor, indicator.sector, areaCode)) return;
  throw new FuwuError(
    'forbidden',
    `无权录入指标 ${indicator.code}（${indicator.sector}）在区域 ${areaCode} 的数据`,
    `not allowed to write figures of indicator ${indicator.code} (${indicator.sector}) for area ${areaCode}`,
  );
}
