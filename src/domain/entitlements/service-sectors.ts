/**
 * Which of the plan's sectors (pack.schema SECTORS, the scope of a department officer) answers for
 * a service area of 七有两保障. The nine areas are the plan's chapter-4 sections one to one, except
 * 文体服务保障, which the plan splits into culture (第九节) and sports (第十节); and legal aid,
 * which the 公共法律服务 category puts with the legal-service officers as well.
 */
import type { Sector } from '../plan/pack.schema.ts';
import type { Service, ServiceArea } from './catalog.schema.ts';

export const AREA_SECTORS: Readonly<Record<ServiceArea, readonly Sector[]>> = {
  childcare: ['childcare'],
  education: ['education'],
  employment: ['employment'],
  health: ['health'],
  elderly: ['elderly'],
  housing: ['housing'],
  assistance: ['assistance'],
  veterans: ['veterans'],
  cultureSports: ['culture', 'sports'],
};

/** The sectors whose officers may edit the service. */
export function sectorsOfService(service: Pick<Service, 'area' | 'category'>): Sector[] {
  const sectors: Sector[] = [...AREA_SECTORS[service.area]];
  if (service.category.includes('法律')) sectors.push('legal');
  return sectors;
}
