/**
 * The scope of a catalog edit, once `authorize(actor, 'catalog.write')` has admitted the role: admins
 * change any service, department officers those of the sector that answers for it
 * (service-sectors.ts). A parameter may be set by the officers of any service that reads it (the
 * dibao line is set by civil affairs, but education's subsidies read it too: their officers are the
 * ones who see a new line first).
 */
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import { sectorsOfService } from '../../domain/entitlements/service-sectors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';

export function canEditService(actor: Actor, service: Pick<Service, 'area' | 'category'>): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'departmentOfficer' || actor.sector === null) return false;
  return (sectorsOfService(service) as string[]).includes(actor.sector);
}

export function requireServiceEdit(actor: Actor, service: Service): void {
  if (canEditService(actor, service)) return;
  const sectors = sectorsOfService(service).join('/');
  throw new FuwuError(
    'forbidden',
    `无权修改服务 ${service.code}（${service.name}）：需系统管理员或 ${sectors} 领域的行业部门人员`,
    `not allowed to change service ${service.code}: needs an administrator or a department officer of ${sectors}`,
  );
}

/** The services that read a parameter: named in `parameters` or in any version of the rule. */
export function servicesUsing(code: string, services: readonly Service[]): Service[] {
  return services.filter(
    (s) =>
      s.parameters.includes(code) ||
      s.rules.some((r) => JSON.stringify(r.eligibility).includes(`"param":"${code}"`)),
  );
}

export function requireParameterEdit(actor: Actor, param: Parameter, services: readonly Service[]): void {
  if (actor.role === 'admin') return;
  if (servicesUsing(param.code, services).some((s) => canEditService(actor, s))) return;
  throw new FuwuError(
    'forbidden',
    `无权修改参数 ${param.code}（${param.name}）：需系统管理员或使用该参数的服务所属领域的行业部门人员`,
    `not allowed to change parameter ${param.code}: needs an administrator or a department officer of a service that reads it`,
  );
}
