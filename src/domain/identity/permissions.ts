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
  // Plan monitoring, resources, gaps, projects, scenarios (issues 1–4). Writers are then held to their
  // scope on each row: figures and facilities by canWriteFigure (sector of the indicator or facility
  // type, or the district), projects by app/projects/projects.ts, residential points by district.
  /** The board, indicators, figures, reviews, facilities, gaps, coverage, scenarios, projects. */
  'plan.read': PLANNING_READERS,
  /** Observations and judgements: enter, correct, delete, import. */
  'figures.write': PLANNING_WRITERS,
  'facilities.write': PLANNING_WRITERS,
  /** Add, change and complete a major project: central planning, and the project's sector. */
  'projects.manage': ['admin', 'planner', 'departmentOfficer'],
  /** Milestones and progress reports: the managers, and the project's district. */
  'projects.report': PLANNING_WRITERS,
  /** A district officer only the points of their own district. */
  'residentialPoints.import': ['admin', 'planner', 'districtOfficer'],
  'scenarios.write': CENTRAL_PLANNERS,
  'siting.run': CENTRAL_PLANNERS,
  'accessRuns.start': CENTRAL_PLANNERS,
  'network.import': ['admin'],
  /** Then only one's own jobs, or every job for an admin (app/jobs/jobs.ts). */
  'jobs.read': PLANNING_READERS,

  // Administration and oversight. The auditor reads the audit log and changes nothing.
  'users.manage': ['admin'],
  'pack.load': ['admin'],
  /** The generated 示例 figures, facilities and residential points: load and remove. */
  'sampleData.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
  /** Who read whose personal data (the access log): oversight, never the data itself. */
  'dataAccess.read': ['admin', 'auditor'],
  'residents.linkPerson': ['admin'],

  // Entitlements (issue 5): the catalog and the self-check are public to read; a catalog edit is
  // scoped by sector (app/entitlements/catalog-policy.ts), the matching by district and sector
  // (app/entitlements/matching-scope.ts).
  'catalog.write': ['admin', 'departmentOfficer'],
  /** Start a batch run: those who work the lists. */
  'matching.run': PLANNING_WRITERS,
  /** The snapshots and their counts: not personal data, every planning reader within their scope. */
  'matching.counts': PLANNING_READERS,
  /** Work lists and a person's trace name people: only scoped planning staff, never viewers. */
  'matching.people': PLANNING_WRITERS,
  /** Act on a work-list entry: notify the person, or open a proactive case for them. */
  'worklist.act': PLANNING_WRITERS,

  // One-stop service (issue 6): a resident on their own cases, office staff on the cases routed to or
  // accepted at their office (app/cases/case-access.ts). Planning staff and auditors have no part.
  'cases.apply': ['resident'],
  /** A resident's own cases, notices and profile. */
  'own.read': ['resident'],
  'notices.markRead': ['resident'],
  'cases.read': ['resident', ...OFFICE_STAFF],
  /** The state machine then decides which actions each role may take (case-machine-definition.ts). */
  'cases.act': ['resident', ...OFFICE_STAFF],
  'cases.attach': ['resident', ...OFFICE_STAFF],
  'cases.queue': OFFICE_STAFF,
  'cases.reassign': OFFICE_STAFF,
  /** Run today's escalation check by hand; the server's timer and the CLI run it as the system. */
  'cases.escalate': ['admin', 'supervisor'],

  // Data sharing (一网通享, issue 7 §1): tokens for other systems. Only admins issue, list and revoke
  // them; a token's own calls are authorized by its grants (domain/sharing), not by a role.
  'sharing.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function may(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles holding a permission (for error messages and the matrix test). */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}
