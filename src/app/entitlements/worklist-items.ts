/**
 * A snapshot's work list, filtered and paged, and the same list as an Excel workbook. Items name
 * people (by their synthetic id), so only those who work the lists read them, within their scope.
 */
import { syntheticPersonId } from '../../domain/entitlements/synthetic-population.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { pageQuery } from '../../domain/shared/page-query.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type {
  WorklistItemView,
  WorklistKind,
  WorklistPage,
} from '../../domain/entitlements/matching-views.ts';
import type { WorklistFilter } from '../../store/repositories/entitlement-snapshot.repository.ts';
import {
  EntitlementSnapshotRepository,
  WORKLIST_KINDS,
} from '../../store/repositories/entitlement-snapshot.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { FIXED_PURPOSES } from '../../domain/identity/personal-data.ts';
import type { ReadSubject } from '../../store/repositories/personal-data-read.repository.ts';
import { audit } from '../audit.ts';
import { requirePurpose } from '../privacy/purpose.ts';
import { recordReads } from '../privacy/record-read.ts';
import { tableWorkbook } from '../files/table-workbook.ts';
import { requireSnapshot, scopeOf, withinScope } from './matching-scope.ts';

export const MAX_PAGE = 500;
/** An export holds at most this many rows (Excel's limit is 1,048,576; a work list is worked in pieces). */
export const MAX_EXPORT_ROWS = 100_000;

export interface WorklistQuery {
  district?: string;
  service?: string;
  department?: string;
  kind?: string;
  /** A number, or its text as the query string brings it (checked after the permission). */
  offset?: number | string;
  limit?: number | string;
}

function filterOf(q: WorklistQuery): WorklistFilter {
  if (q.kind !== undefined && q.kind !== '' && !(WORKLIST_KINDS as readonly string[]).includes(q.kind))
    throw invalidField('kind', '应为 gap（应享未享）或 recheck（应退未退）', 'must be gap or recheck');
  return {
    districtCodes: q.district ? [q.district] : null,
    serviceCodes: q.service ? [q.service] : null,
    leadDepartment: q.department || null,
    kind: (q.kind || null) as WorklistKind | null,
  };
}

const pageOf = (q: WorklistQuery) => pageQuery(q, { defaultLimit: 50, maxLimit: MAX_PAGE });

/** A page of the work list; each person shown is a read of their data, logged (主动服务). */
export async function getWorklist(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: WorklistQuery,
): Promise<WorklistPage> {
  authorize(actor, 'matching.people');
  const page = await worklistPage(ctx, actor, id, q);
  await recordReads(
    ctx.db,
    actor,
    peopleOf(page.items),
    { what: 'worklistPage', purpose: FIXED_PURPOSES.proactiveService, entityId: `snapshot ${id}` },
    ctx.clock.now(),
  );
  return page;
}

/** Each person once, in list order (a person may be on the list for several services). */
function peopleOf(items: readonly WorklistItemView[]): ReadSubject[] {
  return [...new Set(items.map((it) => it.personId))].map((personId) => ({ userId: null, personId }));
}

async function worklistPage(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: WorklistQuery,
): Promise<WorklistPage> {
  const page = pageOf(q);
  const { summary, services } = await requireSnapshot(ctx, id);
  const f = withinScope(filterOf(q), scopeOf(actor, services));
  const repo = new EntitlementSnapshotRepository(ctx.db);
  const [total, rows] = await Promise.all([repo.countItems(id, f), repo.items(id, f, page)]);
  const plan = await ctx.plan.get();
  const name = new Map(services.map((s) => [s.code, s.name]));
  return {
    snapshotId: id,
    onDate: summary.onDate,
    total,
    ...page,
    items: rows.map((r) => ({
      ...r,
      personId: syntheticPersonId(r.personIndex),
      serviceName: name.get(r.serviceCode) ?? r.serviceCode,
      districtName: plan.areaByCode.get(r.districtCode)?.name ?? r.districtCode,
    })),
    synthetic: summary.synthetic,
  };
}

const KIND_ZH: Record<WorklistKind, string> = { gap: '应享未享', recheck: '应退未退（复核）' };

/**
 * The filtered work list as a workbook (up to MAX_EXPORT_ROWS rows). An export of personal data:
 * the exporter states a purpose; the audit log records it with the row count, and every person in
 * the file gets a read row (their tracker shows the export).
 */
export async function exportWorklistXlsx(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: WorklistQuery & { purpose?: string },
): Promise<{ bytes: Buffer; rows: number; truncated: boolean }> {
  authorize(actor, 'matching.people');
  const purpose = requirePurpose(q.purpose);
  const first = await worklistPage(ctx, actor, id, { ...q, offset: 0, limit: 1 });
  const items: WorklistItemView[] = [];
  for (let offset = 0; offset < Math.min(first.total, MAX_EXPORT_ROWS); offset += MAX_PAGE)
    items.push(...(await worklistPage(ctx, actor, id, { ...q, offset, limit: MAX_PAGE })).items);
  const truncated = first.total > items.length;
  const now = ctx.clock.now();
  const people = peopleOf(items);
  await ctx.db.transaction(async (tx) => {
    await audit(tx, actor, now, 'entitlement.worklist.export', 'entitlement_snapshot', String(id), {
      purpose,
      rows: items.length,
      people: people.length,
      truncated,
      filter: { district: q.district, service: q.service, department: q.department, kind: q.kind },
    });
    await recordReads(tx, actor, people, { what: 'export', purpose, entityId: `snapshot ${id}` }, now);
  });
  const bytes = await tableWorkbook(
    '服务找人工作清单',
    [
      { header: '人员编号（示例）', key: 'personId', width: 18 },
      { header: '服务编码', key: 'serviceCode', width: 10 },
      { header: '服务名称', key: 'serviceName', width: 30 },
      { header: '类别', key: 'kind', width: 16 },
      { header: '区（市）县', key: 'districtName', width: 12 },
      { header: '牵头部门', key: 'leadDepartment', width: 20 },
    ],
    items.map((it) => ({ ...it, kind: KIND_ZH[it.kind] })),
    `注：快照 ${id}（${first.onDate}）；人员为系统生成的示例人口（示例数据 synthetic），编号非身份证号${
      truncated ? `；仅导出前 ${items.length} 行，共 ${first.total} 行` : ''
    }`,
  );
  return { bytes, rows: items.length, truncated };
}
