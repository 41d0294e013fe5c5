/**
 * Least rights for the one-stop roles: a resident, case worker or supervisor may use only the
 * one-stop endpoints, their own session, the service catalog (read) and the entitlement self-check —
 * none of the planning data. Other roles are not limited here (their use cases check them).
 */
import type { Role } from '../../domain/identity/roles.ts';

const CASE_ROLES: readonly Role[] = ['resident', 'caseWorker', 'supervisor'];

const OPEN_TO_CASE_ROLES: ReadonlyArray<{ methods: readonly string[]; path: RegExp }> = [
  { methods: ['GET', 'POST', 'DELETE'], path: /^\/api\/session(\/password)?$/ },
  { methods: ['GET'], path: /^\/api\/health$/ },
  // The plan's title and areas (district names for forms and the queue): public facts of the plan.
  { methods: ['GET'], path: /^\/api\/meta$/ },
  // The plan's title and areas (district names for forms and the queue): public facts of the plan.
  { methods: ['GET'], path: /^\/api\/meta$/ },
  { methods: ['GET'], path: /^\/api\/catalog(\/[^/]+)?$/ },
  { methods: ['POST'], path: /^\/api\/entitlements\/check$/ },
  { methods: ['POST'], path: /^\/api\/applications$/ },
  { methods: ['GET'], path: /^\/api\/my\/cases$/ },
  // Nearby services (issue 6 §4): public, also for signed-in residents and staff.
  { methods: ['GET'], path: /^\/api\/nearby(\/(places|boundaries))?$/ },
  // Residents (issue 6 §1–2): sign-up, held facts, the notices inbox.
  { methods: ['POST'], path: /^\/api\/residents$/ },
  { methods: ['GET'], path: /^\/api\/my\/(profile|notices)$/ },
  { methods: ['POST'], path: /^\/api\/my\/notices\/[^/]+\/read$/ },
  { methods: ['GET'], path: /^\/api\/cases(\/[^/]+)?$/ },
  { methods: ['POST'], path: /^\/api\/cases\/[^/]+\/(actions\/[^/]+|reassign)$/ },
  // Case files (issue 6 §1–2): attachments, and the escalation run (the use case admits supervisors).
  { methods: ['GET', 'POST'], path: /^\/api\/cases\/[^/]+\/attachments$/ },
  { methods: ['GET'], path: /^\/api\/cases\/[^/]+\/attachments\/[^/]+$/ },
  { methods: ['POST'], path: /^\/api\/cases\/escalations\/run$/ },
];

/** Whether `role` may call `method path` (path without the query string); non-API paths are the web app's. */
export function mayUseApi(role: Role, method: string, path: string): boolean {
  if (!CASE_ROLES.includes(role) || !path.startsWith('/api/')) return true;
  const m = method === 'HEAD' ? 'GET' : method;
  return OPEN_TO_CASE_ROLES.some((r) => r.methods.includes(m) && r.path.test(path));
}
