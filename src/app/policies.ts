/** Permission checks: one place that turns "may not" into a clear 403 in both languages. */
import type { Actor, Role } from '../domain/identity/roles.ts';
import { canWriteFigure } from '../domain/identity/roles.ts';
import type { Indicator } from '../domain/plan/pack.schema.ts';
import { FuwuError } from '../domain/shared/errors.ts';

export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new FuwuError(
      'forbidden',
      `此操作需要以下角色之一：${roles.join('、')}`,
      `this action needs one of the roles: ${roles.join(', ')}`,
    );
  }
}

export function requireFigureWrite(actor: Actor, indicator: Indicator, areaCode: string): void {
  if (canWriteFigure(actor, indicator.sector, areaCode)) return;
  throw new FuwuError(
    'forbidden',
    `无权录入指标 ${indicator.code}（${indicator.sector}）在区域 ${areaCode} 的数据`,
    `not allowed to write figures of indicator ${indicator.code} (${indicator.sector}) for area ${areaCode}`,
  );
}
