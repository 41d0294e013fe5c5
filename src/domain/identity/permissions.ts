/**
 * Who may do what, in one table (issue 7 §1). Every use case that needs a signed-in actor names one
 * permission here and asks `authorize` (app/policies.ts) before it reads or writes anything; scope —
 * a department officer's sector, a district officer's district, a case worker's office, a resident's
 * own data — is then checked by the use case on the rows it touches (canWriteFigure, scopeOf,
 * case-access). Routes only authenticate; they decide nothing.
 *
 * Public actions (the plan's metadata, the service catalog, the self-check, nearby services,
 * sign-in and sign-up) take no actor and have no entry.
 */
import type { Role } from './roles.ts';

/** Everyone who works on the plan and may read its figures, facilities, gaps and reports. */
const PLANNING_READERS = ['admin', 'planner', 'departmentOfficer', 'districtOfficer', 'viewer'] as const;
/** Planning staff who write figures, facilities and projects (each within their scope). */
const PLANNING_WRITERS = ['admin', 'planner', 'departmentOfficer', 'districtOfficer'] as const;
/** Central planning: scenarios, siting and accessibility runs. */
const CENTRAL_PLANNERS = ['admin', 'planner'] as const;
/** The staff of a service office (政务服务中心). */
const OFFICE_STAFF = ['caseWorker', 'supervisor'] as const;

export const PERMISSIONS = {
  // Plan monitoring, resources, gaps, projects, scenarios (issues 1–4).
  'plan.read': PLANNING_READERS,
  'figures.write': PLANNING_WRITERS,
  'facilities.write': PLANNING_WRITERS,
  'projects.write': PLANNING_WRITERS,
  'residentialPoints.import': ['admin', 'planner'],
  'scenarios.write': CENTRAL_PLANNERS,
  'siting.run': CENTRAL_PLANNERS,
  'accessRuns.start': CENTRAL_PLANNERS,
  'network.import': ['admin'],
  'jobs.read': [...PLANNING_READERS],

  // Administration and oversight.
  'users.manage': ['admin'],
  'pack.load': ['admin'],
  'sampleData.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'residents.linkPerson': ['admin'],

  // Entitlements (issue 5): the catalog is public to read; changing it is scoped by sector.
  'catalog.write': ['admin', 'departmentOfficer'],
  'matching.run': PLANNING_WRITERS,
  'matching.counts': PLANNING_READERS,
  /** Work lists name people: only scoped planning staff, never viewers. */
  'matching.people': PLANNING_WRITERS,
  'worklist.act': PLANNING_WRITERS,

  // One-stop service (issue 6).
  'cases.apply': ['resident'],
  'own.read': ['resident'],
  'cases.read': ['resident', ...OFFICE_STAFF],
  'cases.act': ['resident', ...OFFICE_STAFF],
  'cases.attach': ['resident', ...OFFICE_STAFF],
  'cases.queue': OFFICE_STAFF,
  'cases.reassign': OFFICE_STAFF,
  'cases.escalate': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function may(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles holding a permission (for error messages and the matrix test). */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}
