/**
 * The datasets another system reads, each through the use case staff read it with, called as the
 * token's actor (tokenActor) so permissions and scope rules apply unchanged; a district or sector
 * scope then narrows the rows. Answers carry `rows` (what the call log counts) and what was asked.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { FACILITY_TYPE_LABELS } from '../../domain/resources/facility.ts';
import type { ShareDataset } from '../../domain/sharing/datasets.ts';
import type { ShareTokenState } from '../../domain/sharing/token-rules.ts';
import { inSectorScope, scopedArea } from '../../domain/sharing/token-rules.ts';
import { invalidField, notFound } from '../../domain/shared/errors.ts';
import type { AppContext } from '../context.ts';
import { getSnapshotCounts, listSnapshots } from '../entitlements/matching-snapshots.ts';
import { getBoard } from '../plan/get-board.ts';
import { listObservations } from '../plan/list-observations.ts';
import { listFacilities } from '../resources/facilities.ts';
import { getNormGaps } from '../resources/get-norm-gaps.ts';

export type ShareQuery = Record<string, string | undefined>;

export interface SharedAnswer {
  dataset: ShareDataset;
  rows: unknown[];
  [key: string]: unknown;
}

type Reader = (ctx: AppContext, token: ShareTokenState, actor: Actor, q: ShareQuery) => Promise<SharedAnswer>;

function intParam(q: ShareQuery, field: string): number | undefined {
  const raw = q[field];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw))
    throw invalidField(field, `须为整数，收到 ${raw}`, `must be a whole number, got ${raw}`);
  return Number(raw);
}

const indicators: Reader = async (ctx, token, actor, q) => {
  const board = await getBoard(ctx, actor, {
    year: intParam(q, 'year'),
    areaCode: scopedArea(token, q.area),
  });
  const rows = board.rows
    .filter((r) => inSectorScope(token, r.sector) && (!q.indicator || r.code === q.indicator))
    .map((r) => ({
      indicatorCode: r.code,
      name: r.name,
      nameEn: r.nameEn,
      sector: r.sector,
      unit: r.unit,
      areaCode: board.areaCode,
      year: board.year,
      status: r.evaluation?.status ?? null,
      latest: r.evaluation?.latest ?? null,
      expected: r.evaluation?.expected ?? null,
      target: r.evaluation?.target ?? r.target,
      usesSampleData: r.evaluation?.usesSampleData ?? false,
    }));
  return { dataset: 'indicators', areaCode: board.areaCode, year: board.year, rows };
};

const facilities: Reader = async (ctx, token, actor, q) => {
  const all = await listFacilities(ctx, actor, { type: q.type, districtCode: scopedArea(token, q.district) });
  const rows = all
    .filter((f) => inSectorScope(token, FACILITY_TYPE_LABELS[f.type].sector))
    // Who last edited a record is internal bookkeeping, not part of the shared registry.
    .map(({ updatedBy: _by, ...f }) => f);
  return { dataset: 'facilities', rows };
};

const gaps: Reader = async (ctx, token, actor, q) => {
  const plan = await ctx.plan.get();
  const sectorOf = new Map(plan.norms.map((n) => [n.code, n.sector]));
  const view = await getNormGaps(ctx, actor, scopedArea(token, q.district));
  const rows = view.rows.filter((r) => inSectorScope(token, sectorOf.get(r.normCode) ?? ''));
  return {
    dataset: 'gaps',
    usesSyntheticFacilities: view.usesSyntheticFacilities,
    ageSharesSource: view.ageSharesSource,
    rows,
  };
};

const entitlementCounts: Reader = async (ctx, token, actor, q) => {
  const district = scopedArea(token, q.district);
  const id = intParam(q, 'snapshot') ?? (await listSnapshots(ctx, actor))[0]?.id;
  if (id === undefined) throw notFound('matching snapshot', '匹配快照', 'latest');
  // The token's actor is a district or department officer of its scope: the use case narrows to it.
  const view = await getSnapshotCounts(ctx, actor, id, { district, service: q.service });
  return { dataset: 'entitlementCounts', snapshot: view.snapshot, rows: view.rows };
};

const observations: Reader = async (ctx, token, actor, q) => {
  const plan = await ctx.plan.get();
  const all = await listObservations(ctx, actor, {
    indicatorCode: q.indicator,
    areaCode: scopedArea(token, q.area),
    year: intParam(q, 'year'),
  });
  const rows = all
    .filter((o) => inSectorScope(token, plan.indicatorByCode.get(o.indicatorCode)?.sector ?? ''))
    .map(({ updatedBy: _by, ...o }) => o);
  return { dataset: 'observations', rows };
};

export const SHARED_READERS: Record<ShareDataset, Reader> = {
  indicators,
  facilities,
  gaps,
  entitlementCounts,
  observations,
};
