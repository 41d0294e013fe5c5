/**
 * The resident's data tracker (谁查看了我的数据, as Estonia's): every logged staff read of their data,
 * newest first, with who (role, the office, district or department they worked for, and their
 * name), when, why and what. Estonia shows the institution; fuwu adds the official's name, as the
 * case history does, so a resident can ask about a named read rather than a whole department.
 */
import { officeCodeFor } from '../../domain/cases/offices.ts';
import type { DataAccessEntry, DataAccessPage } from '../../domain/identity/personal-data.ts';
import { READ_KIND_LABELS } from '../../domain/identity/personal-data.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { ROLE_LABELS } from '../../domain/identity/roles.ts';
import type { Sector } from '../../domain/plan/pack.schema.ts';
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { PersonalDataReadRow } from '../../store/repositories/personal-data-read.repository.ts';
import { PersonalDataReadRepository } from '../../store/repositories/personal-data-read.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export const MAX_TRACKER_PAGE = 100;

type AreaNames = ReadonlyMap<string, { name: string; nameEn: string }>;

function unitOf(r: PersonalDataReadRow, areas: AreaNames): DataAccessEntry['reader']['unit'] {
  if (r.readerOfficeCode) {
    const area = [...areas.entries()].find(([code]) => officeCodeFor(code) === r.readerOfficeCode)?.[1];
    return area
      ? { zh: `${area.name}政务服务中心`, en: `${area.nameEn} Government Service Centre` }
      : { zh: r.readerOfficeCode, en: r.readerOfficeCode };
  }
  if (r.readerDistrictCode) {
    const area = areas.get(r.readerDistrictCode);
    return area ? { zh: area.name, en: area.nameEn } : { zh: r.readerDistrictCode, en: r.readerDistrictCode };
  }
  if (r.readerSector) {
    const label = SECTOR_LABELS[r.readerSector as Sector];
    return label ? { zh: label.zh, en: label.en } : { zh: r.readerSector, en: r.readerSector };
  }
  return null;
}

export async function getMyDataAccess(
  ctx: AppContext,
  actor: Actor,
  q: { offset?: number; limit?: number },
): Promise<DataAccessPage> {
  authorize(actor, 'own.read');
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 20;
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidField('offset', '应为非负整数', 'must be a whole number ≥ 0');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TRACKER_PAGE)
    throw invalidField(
      'limit',
      `应为 1 到 ${MAX_TRACKER_PAGE} 之间的整数`,
      `must be a whole number from 1 to ${MAX_TRACKER_PAGE}`,
    );
  const repo = new PersonalDataReadRepository(ctx.db);
  const [total, rows] = await Promise.all([
    repo.countForUser(actor.id),
    repo.forUser(actor.id, { offset, limit }),
  ]);
  const areas = (await ctx.plan.get()).areaByCode;
  return {
    total,
    offset,
    limit,
    items: rows.map((r) => ({
      at: r.at,
      what: r.what,
      whatLabel: READ_KIND_LABELS[r.what],
      purpose: r.purpose,
      entityId: r.entityId,
      reader: {
        role: r.readerRole,
        roleLabel: ROLE_LABELS[r.readerRole],
        unit: unitOf(r, areas),
        displayName: r.readerName,
      },
    })),
  };
}
