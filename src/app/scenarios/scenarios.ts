/**
 * Scenarios' use cases: list, read, create, change, delete, and their revisions. Planners and admins
 * write; every write is audited and kept as a revision. Changes are checked against the plan (districts,
 * norms), the registry (facility ids) and the city's box, and every wrong field is named in zh + en.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { ScenarioChange, ScenarioContext, ScenarioView } from '../../domain/scenarios/scenario.ts';
import { validateScenario } from '../../domain/scenarios/scenario.ts';
import { notFound } from '../../domain/shared/errors.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { ProjectRepository } from '../../store/repositories/project.repository.ts';
import { RevisionRepository } from '../../store/repositories/revision.repository.ts';
import { ScenarioRepository } from '../../store/repositories/scenario.repository.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { invalidInput, requireReason } from '../input-errors.ts';
import { authorize } from '../policies.ts';
import { cityBounds } from '../resources/facility-context.ts';

export type { ScenarioChange, ScenarioView } from '../../domain/scenarios/scenario.ts';

export interface ScenarioInput {
  name?: unknown;
  description?: unknown;
  changes?: unknown;
}

async function scenarioContext(ctx: AppContext): Promise<ScenarioContext> {
  const plan = await ctx.plan.get();
  const ids = new Set((await new FacilityRepository(ctx.db).list()).map((f) => f.id));
  const projectCodes = new Set((await new ProjectRepository(ctx.db).list()).map((p) => p.code));
  return {
    districtCodes: new Set(plan.districts.map((d) => d.code)),
    normCodes: new Set(plan.norms.map((n) => n.code)),
    facilityExists: (id) => ids.has(id),
    bounds: cityBounds(plan),
    projectExists: (code) => projectCodes.has(code),
  };
}

async function validated(ctx: AppContext, input: ScenarioInput) {
  const { value, problems } = validateScenario(input, await scenarioContext(ctx));
  if (!value) throw invalidInput(problems);
  return value;
}

export async function listScenarios(ctx: AppContext, actor: Actor): Promise<ScenarioView[]> {
  authorize(actor, 'plan.read');
  return new ScenarioRepository(ctx.db).list();
}

/** The scenario held, or 404; for use cases that have authorized their actor already. */
export async function heldScenario(ctx: AppContext, id: number): Promise<ScenarioView> {
  const s = await new ScenarioRepository(ctx.db).get(id);
  if (!s) throw notFound('scenario', '情景', String(id));
  return s;
}

export async function getScenario(ctx: AppContext, actor: Actor, id: number): Promise<ScenarioView> {
  authorize(actor, 'plan.read');
  return heldScenario(ctx, id);
}

export async function createScenario(
  ctx: AppContext,
  actor: Actor,
  input: ScenarioInput,
): Promise<ScenarioView> {
  authorize(actor, 'scenarios.write');
  const value = await validated(ctx, input);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await new ScenarioRepository(tx).create(value, actor.username, at);
    await audit(tx, actor, at, 'scenario.create', 'scenario', String(row.id), {
      name: row.name,
      changes: row.changes.length,
    });
    return row;
  });
}

/** Replaces a scenario's name, description and changes (fields left out keep their value). */
export async function updateScenario(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: ScenarioInput,
  reason?: string | null,
): Promise<ScenarioView> {
  authorize(actor, 'scenarios.write');
  const held = await heldScenario(ctx, id);
  const value = await validated(ctx, {
    name: input.name ?? held.name,
    description: input.description ?? held.description,
    changes: input.changes ?? held.changes,
  });
  const why = reason && reason.trim() ? requireReason(reason) : '编辑情景 edited';
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = (await new ScenarioRepository(tx).update(id, value, actor.username, at, why)) as ScenarioView;
    await audit(tx, actor, at, 'scenario.update', 'scenario', String(id), {
      reason: why,
      changes: row.changes.length,
    });
    return row;
  });
}

/** Appends changes to a scenario (used when siting proposals are accepted into it). */
export async function addScenarioChanges(
  ctx: AppContext,
  actor: Actor,
  id: number,
  changes: readonly ScenarioChange[],
  reason: string,
): Promise<ScenarioView> {
  authorize(actor, 'scenarios.write');
  const held = await heldScenario(ctx, id);
  return updateScenario(ctx, actor, id, { changes: [...held.changes, ...changes] }, reason);
}

export async function deleteScenario(
  ctx: AppContext,
  actor: Actor,
  id: number,
  reason: string | null | undefined,
): Promise<void> {
  authorize(actor, 'scenarios.write');
  const held = await heldScenario(ctx, id);
  const why = requireReason(reason);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await new ScenarioRepository(tx).delete(id, actor.username, at, why);
    await audit(tx, actor, at, 'scenario.delete', 'scenario', String(id), { name: held.name, reason: why });
  });
}

export async function scenarioRevisions(ctx: AppContext, actor: Actor, id: number) {
  authorize(actor, 'plan.read');
  const revisions = await new RevisionRepository(ctx.db).list('scenarios', String(id));
  if (revisions.length === 0) throw notFound('scenario', '情景', String(id));
  return revisions;
}
