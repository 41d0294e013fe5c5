/**
 * The facility registry's use cases: list, add, change and remove a facility. Writers are scoped like
 * figures: a department officer by the sector of the facility type, a district officer by district.
 * Changes and removals need a reason; every one is kept as a revision and audited.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { canWriteFigure } from '../../domain/identity/roles.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPE_LABELS, validateFacility } from '../../domain/resources/facility.ts';
import { FuwuError, notFound } from '../../domain/shared/errors.ts';
import type { FacilityFilter, FacilityRow } from '../../store/repositories/facility.repository.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { RevisionRepository } from '../../store/repositories/revision.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { invalidInput, requireReason } from '../input-errors.ts';
import { facilityContext } from './facility-context.ts';
import { authorize } from '../policies.ts';

function requireFacilityWrite(actor: Actor, type: FacilityType, districtCode: string): void {
  if (canWriteFigure(actor, FACILITY_TYPE_LABELS[type].sector, districtCode)) return;
  throw new FuwuError(
    'forbidden',
    `无权维护区县 ${districtCode} 的${FACILITY_TYPE_LABELS[type].zh}`,
    `not allowed to maintain ${FACILITY_TYPE_LABELS[type].en.toLowerCase()} facilities in district ${districtCode}`,
  );
}

/**
 * `q` keeps the facilities whose name contains it (case-insensitive; the scenario editor's facility
 * picker searches by name), `ids` only those ids (the editor names the facilities its changes refer to).
 */
export async function listFacilities(
  ctx: AppContext,
  actor: Actor,
  filter: FacilityFilter & { q?: string; ids?: readonly number[] },
): Promise<FacilityRow[]> {
  authorize(actor, 'plan.read');
  const { q, ids, ...rest } = filter;
  const rows = await new FacilityRepository(ctx.db).list(rest);
  const needle = q?.trim().toLowerCase();
  const wanted = ids ? new Set(ids) : null;
  return rows.filter(
    (f) => (!needle || f.name.toLowerCase().includes(needle)) && (!wanted || wanted.has(f.id)),
  );
}

export async function createFacility(
  ctx: AppContext,
  actor: Actor,
  input: Record<string, unknown>,
): Promise<FacilityRow> {
  authorize(actor, 'facilities.write');
  const { draft, problems } = validateFacility(input, await facilityContext(ctx, input.communityCode));
  if (!draft) throw invalidInput(problems);
  requireFacilityWrite(actor, draft.type, draft.districtCode);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await new FacilityRepository(tx).create(draft, false, actor.username, at, 'entered');
    await audit(tx, actor, at, 'facility.create', 'facility', String(row.id), {
      name: row.name,
      type: row.type,
    });
    return row;
  });
}

export async function updateFacility(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Record<string, unknown>,
  reason: string | null | undefined,
): Promise<FacilityRow> {
  authorize(actor, 'facilities.write');
  const held = await new FacilityRepository(ctx.db).get(id);
  if (!held) throw notFound('facility', '设施', String(id));
  requireFacilityWrite(actor, held.type, held.districtCode);
  const why = requireReason(reason);
  const { draft, problems } = validateFacility(input, await facilityContext(ctx, input.communityCode));
  if (!draft) throw invalidInput(problems);
  requireFacilityWrite(actor, draft.type, draft.districtCode);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = (await new FacilityRepository(tx).update(id, draft, actor.username, at, why)) as FacilityRow;
    await audit(tx, actor, at, 'facility.update', 'facility', String(id), { reason: why });
    return row;
  });
}

export async function deleteFacility(
  ctx: AppContext,
  actor: Actor,
  id: number,
  reason: string | null | undefined,
): Promise<void> {
  authorize(actor, 'facilities.write');
  const held = await new FacilityRepository(ctx.db).get(id);
  if (!held) throw notFound('facility', '设施', String(id));
  requireFacilityWrite(actor, held.type, held.districtCode);
  const why = requireReason(reason);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await new FacilityRepository(tx).delete(id, actor.username, at, why);
    await audit(tx, actor, at, 'facility.delete', 'facility', String(id), { name: held.name, reason: why });
  });
}

export async function facilityRevisions(ctx: AppContext, actor: Actor, id: number) {
  authorize(actor, 'plan.read');
  const revisions = await new RevisionRepository(ctx.db).list('facilities', String(id));
  if (revisions.length === 0) throw notFound('facility', '设施', String(id));
  return revisions;
}
