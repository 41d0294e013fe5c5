/**
 * The resident's data tracker (谁查看了我的数据, as Estonia's): every logged staff read of their data,
 * newest first, with who (role, the office, district or department they worked for, and their
 * name), when, why and what. Estonia shows the institution; fuwu adds the official's name, as the
 * case history does, so a resident can ask about a named read rather than a whole department.
 */
import { officeCodeFor } from '../../domain/cases/offices.ts';
import type {
  DataAccessEntry,
  DataAccessLogPage,
  DataAccessPage,
} from '../../domain/identity/personal-data.ts';
import { READ_KIND_LABELS } from '../../domain/identity/personal-data.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { ROLE_LABELS } from '../../domain/identity/roles.ts';
import type { Sector } from '../../domain/plan/pack.schema.ts';
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { pageQuery } from '../../domain/shared/page-query.ts';
import type {
  PersonalDataReadRow,
  ReadFilter,
} from '../../store/repositories/personal-data-read.repository.ts';
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

function entryOf(r: PersonalDataReadRow, areas: AreaNames): DataAccessEntry {
  return {
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
  };
}

async function pageOfReads(
  ctx: AppContext,
  filter: ReadFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: PersonalDataReadRow[]; areas: AreaNames }> {
  const repo = new PersonalDataReadRepository(ctx.db);
  const [total, rows] = await Promise.all([repo.count(filter), repo.list(filter, page)]);
  return { total, rows, areas: (await ctx.plan.get()).areaByCode };
}

export async function getMyDataAccess(
  ctx: AppContext,
  actor: Actor,
  q: { offset?: number | string; limit?: number | string },
): Promise<DataAccessPage> {
  authorize(actor, 'own.read');
  const page = pageQuery(q, { defaultLimit: 20, maxLimit: MAX_TRACKER_PAGE });
  const { total, rows, areas } = await pageOfReads(ctx, { subjectUserId: actor.id }, page);
  return { total, ...page, items: rows.map((r) => entryOf(r, areas)) };
}

/** An id given as text in a query: a whole number ≥ 1, or the field is named. */
function idParam(field: string, v: string | number | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw invalidField(field, '应为正整数', 'must be a whole number ≥ 1');
  return n;
}

/**
 * The whole access log, for oversight (DESIGN: "who saw whose data"): every staff read of personal
 * data with its subject, reader, purpose and what, newest first; narrowed by subject or reader.
 */
export async function listDataAccessLog(
  ctx: AppContext,
  actor: Actor,
  q: {
    subjectUserId?: string | number;
    subjectPersonId?: string;
    readerId?: string | number;
    offset?: number | string;
    limit?: number | string;
  },
): Promise<DataAccessLogPage> {
  authorize(actor, 'dataAccess.read');
  const page = pageQuery(q, { defaultLimit: 50, maxLimit: MAX_TRACKER_PAGE });
  const filter: ReadFilter = {
    subjectUserId: idParam('subjectUserId', q.subjectUserId),
    subjectPersonId: q.subjectPersonId?.trim() || undefined,
    readerId: idParam('readerId', q.readerId),
  };
  const { total, rows, areas } = await pageOfReads(ctx, filter, page);
  return {
    total,
    ...page,
    items: rows.map((r) => ({
      ...entryOf(r, areas),
      id: r.id,
      subject: { userId: r.subjectUserId, personId: r.subjectPersonId },
      readerId: r.readerId,
    })),
  };
}
