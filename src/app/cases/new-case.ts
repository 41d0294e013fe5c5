/**
 * What every new case is stored with, whoever opens it (a resident's application or an officer's
 * proactive case): the entitlement check of the service on the day, and the first event of its
 * history as the domain made it.
 */
import type { CaseEvent } from '../../domain/cases/case-machine.ts';
import type { Facts } from '../../domain/entitlements/facts.ts';
import type { Service } from '../../domain/entitlements/catalog.schema.ts';
import { evaluateAll } from '../../domain/entitlements/evaluate.ts';
import type { ParameterIndex } from '../../domain/entitlements/parameters.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { EntitlementAtSubmission, NewCaseEvent } from '../../store/repositories/case.repository.ts';

/** The service's rule evaluated on the facts on `today`: outcome, rule version, what is missing, why. */
export function entitlementAtSubmission(
  service: Service,
  parameters: ParameterIndex,
  facts: Facts,
  today: string,
): EntitlementAtSubmission {
  const [evaluation] = evaluateAll([service], parameters, facts, today);
  return {
    date: today,
    outcome: evaluation?.outcome ?? 'cannotDecide',
    ruleFrom: evaluation?.ruleFrom ?? '',
    missing: evaluation?.missing ?? [],
    trace: evaluation?.trace ?? null,
  };
}

/** The domain's first event as the history stores it, by the user who opened the case. */
export function firstEvent(event: CaseEvent, actor: Actor, reason: string | null): NewCaseEvent {
  return {
    action: event.action,
    fromState: null,
    toState: event.to,
    actorId: actor.id,
    actorRole: actor.role,
    at: event.at,
    onDate: event.on,
    reason,
    changes: event.changes,
  };
}
