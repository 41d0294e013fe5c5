/**
 * The access matrix's expectation table (issue 7 §1): for every API operation, which roles pass
 * authorization. Written from the spec — DESIGN.md "Who uses it", issue 7 §1, docs/api.md's "Who"
 * column and what each route is for — and deliberately NOT derived from
 * src/domain/identity/permissions.ts: a test that read its answers from the table it checks would
 * pass whatever the table said.
 *
 * Each entry also says how to call the operation so that an allowed role gets past authorization and
 * then fails cheaply (an unknown id, an empty file, a missing field) without changing data; the body
 * always passes the route's zod schema, which runs before any use case.
 */
import type { Role } from '../../src/domain/identity/roles.ts';
import { ADMIN_PASSWORD, USER_PASSWORD } from './test-db.ts';

export type MatrixActor = Role | 'anonymous';

/**
 * Who passes authorization: `public` (no session needed), `signedIn` (every role), the roles that
 * may use the operation in at least some scope (scope itself is checked by the scope tests), or
 * `bearerToken`: another system's data-sharing token, which no session stands in for (401 to all).
 */
export type Access = 'public' | 'signedIn' | 'bearerToken' | readonly Role[];

export interface Upload {
  field: 'file';
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface Operation {
  access: Access;
  /** The URL called (path parameters filled, query string); the OpenAPI path when left out. */
  url?: string;
  /** A JSON body. */
  body?: unknown;
  /** A JSON body made for the caller (e.g. with their own password). */
  bodyFor?: (who: MatrixActor) => unknown;
  upload?: Upload;
  /** An allowed call changes data other cells read: run after every other cell. */
  last?: boolean;
  /** The call ends or changes the caller's session: make a session just for it. */
  ownSession?: boolean;
}

// The districts, sector and office of the scoped users (scope tests build rows on these).
export const CITY = '510100';
export const OWN_DISTRICT = '510104'; // 锦江区
export const OTHER_DISTRICT = '510105'; // 青羊区
export const OWN_SECTOR = 'health';
export const OWN_OFFICE = `O-${OWN_DISTRICT}`;
/** A pack project of the own sector in the own district (every project writer may touch it). */
export const OWN_PROJECT = 'P05-11';
/** A health project in another district (金牛区). */
export const FAR_DISTRICT_PROJECT = 'P05-15';
/** A culture project: another sector. */
export const OTHER_SECTOR_PROJECT = 'P10-08';
export const OWN_SECTOR_SERVICE = 'S-4-01'; // health
export const OTHER_SECTOR_SERVICE = 'S-2-01'; // education
/** An elderly-care service with many 应享未享 in the synthetic population. */
export const WORKLIST_SERVICE = 'S-5-01';

/** Ids no row has: an allowed role gets past authorization and then a 404 (or 400). */
const NO_ID = 999999;
const NO_CASE = 'C-20250101-nocase00';

/** The user of each role (the scoped ones in the scope above); the password of all is USER_PASSWORD. */
export const MATRIX_USERS: Record<
  Role,
  { username: string; sector?: string; districtCode?: string; officeCode?: string }
> = {
  admin: { username: 'admin' },
  planner: { username: 'planner' },
  viewer: { username: 'viewer' },
  auditor: { username: 'auditor' },
  departmentOfficer: { username: 'health', sector: OWN_SECTOR },
  districtOfficer: { username: 'jinjiang', districtCode: OWN_DISTRICT },
  caseWorker: { username: 'worker', officeCode: OWN_OFFICE },
  supervisor: { username: 'super', officeCode: OWN_OFFICE },
  resident: { username: 'alice' },
};
/** The second resident, whose data the first must not reach. */
export const OTHER_RESIDENT = 'bob';
/** A user only for the sign-in cell. */
export const SIGN_IN_USER = 'matrix-signin';

export const passwordOf = (who: MatrixActor): string => (who === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD);

/** Every key of a route's body whose schema is a required `z.unknown()` must be present: null. */
const nulls = (...keys: string[]): Record<string, null> => Object.fromEntries(keys.map((k) => [k, null]));

const csv = (text: string): Upload => ({
  field: 'file',
  fileName: 'empty.csv',
  contentType: 'text/csv',
  bytes: new TextEncoder().encode(text),
});
/** A PNG by its magic number: what the attachment rules read. */
export const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
export const pngUpload = (name = 'proof.png'): Upload => ({
  field: 'file',
  fileName: name,
  contentType: 'image/png',
  bytes: PNG_BYTES,
});

// The role groups, in the words of DESIGN.md "Who uses it" and issue 7 §1.
/** Planners, department and district officers and viewers read the plan's figures, facilities, gaps,
 * projects and scenarios; residents, office staff and auditors never reach planning data. */
const PLANNING_READERS: readonly Role[] = [
  'admin',
  'planner',
  'departmentOfficer',
  'districtOfficer',
  'viewer',
];
/** "Keep my facilities and figures current": the scoped writers (viewers only read). */
const SCOPED_WRITERS: readonly Role[] = ['admin', 'planner', 'departmentOfficer', 'districtOfficer'];
/** Central planning (scenarios, siting, city-wide runs): docs/api.md "admin, planner". */
const CENTRAL_PLANNERS: readonly Role[] = ['admin', 'planner'];
/** Adding and changing projects (create, edit, complete): docs/api.md "admin, planner, department
 * officer (own sector)"; a district officer only reports progress and keeps milestones. */
const PROJECT_MANAGERS: readonly Role[] = ['admin', 'planner', 'departmentOfficer'];
/** The service catalog: admins and the department officers of the service's sector. */
const CATALOG_EDITORS: readonly Role[] = ['admin', 'departmentOfficer'];
const ADMIN: readonly Role[] = ['admin'];
const RESIDENT: readonly Role[] = ['resident'];
/** The staff of an office (政务服务中心). */
const OFFICE_STAFF: readonly Role[] = ['caseWorker', 'supervisor'];
/** The parties to a case: its applicant and the staff of its office. */
const CASE_PARTIES: readonly Role[] = ['resident', 'caseWorker', 'supervisor'];

const facilityNulls = nulls('name', 'type', 'lon', 'lat', 'districtCode', 'source');
const projectNulls = nulls('name', 'sector', 'kind', 'plannedStart', 'plannedEnd');
const snapshot = `/api/entitlements/matching/snapshots/${NO_ID}`;
const noCase = `/api/cases/${NO_CASE}`;

/** Every operation of the API, keyed `METHOD /openapi/path`. */
export const OPERATIONS: Record<string, Operation> = {
  // Session and system.
  'GET /api/health': { access: 'public' },
  'GET /api/session': { access: 'public' },
  'POST /api/session': {
    access: 'public',
    body: { username: SIGN_IN_USER, password: USER_PASSWORD },
  },
  'DELETE /api/session': { access: 'signedIn', ownSession: true },
  // Too short a new password: refused after the current one is checked, so nothing changes.
  'POST /api/session/password': {
    access: 'signedIn',
    bodyFor: (who) => ({ currentPassword: passwordOf(who), newPassword: 'x' }),
  },
  // The plan's title, areas and label tables: public facts of the plan that label the one-stop forms
  // too (the spec leaves it open; the code today serves them without a session).
  'GET /api/meta': { access: 'public' },
  'GET /api/ready': { access: 'public' },
  // Prometheus scrapes carry no session: open from loopback (inject's address), else a bearer token.
  'GET /metrics': { access: 'public' },

  // Plan monitoring: reads for planning staff, writes for the scoped writers.
  'GET /api/board': { access: PLANNING_READERS, url: '/api/board?year=2023' },
  'GET /api/indicators/{code}': { access: PLANNING_READERS, url: '/api/indicators/H03' },
  'GET /api/areas': { access: PLANNING_READERS },
  'GET /api/areas/boundaries': { access: PLANNING_READERS },
  'GET /api/observations': { access: PLANNING_READERS, url: '/api/observations?indicator=H03' },
  'POST /api/observations': {
    access: SCOPED_WRITERS,
    body: { indicatorCode: 'NOPE', areaCode: CITY, year: 2023, value: 1, source: 'matrix' },
  },
  'PUT /api/observations/{id}': {
    access: SCOPED_WRITERS,
    url: `/api/observations/${NO_ID}`,
    body: { value: 1, source: 'matrix', reason: 'matrix' },
  },
  'DELETE /api/observations/{id}': {
    access: SCOPED_WRITERS,
    url: `/api/observations/${NO_ID}?reason=matrix`,
  },
  'GET /api/observations/{id}/revisions': {
    access: PLANNING_READERS,
    url: `/api/observations/${NO_ID}/revisions`,
  },
  'POST /api/observations/import': {
    access: SCOPED_WRITERS,
    upload: csv('indicator_code,area_code,year,value,source\n'),
  },
  'POST /api/judgements': {
    access: SCOPED_WRITERS,
    body: { indicatorCode: 'NOPE', areaCode: CITY, year: 2023, status: 'achieved', reason: 'matrix' },
  },
  // An annual review without a year: refused after authorization, nothing rendered.
  'GET /api/reviews/{kind}': { access: PLANNING_READERS, url: '/api/reviews/annual' },
  'GET /api/reviews/{kind}/document.{format}': {
    access: PLANNING_READERS,
    url: '/api/reviews/annual/document.xlsx',
  },
  // The same refusal for the queued rendering: no year, so nothing is queued.
  'POST /api/reviews/{kind}/document.{format}/jobs': {
    access: PLANNING_READERS,
    url: '/api/reviews/annual/document.xlsx/jobs',
  },

  // Administration: admin only; the audit log also for the auditor.
  'GET /api/users': { access: ADMIN },
  'POST /api/users': { access: ADMIN, body: { username: '', password: '', role: 'viewer' } },
  'PATCH /api/users/{id}': { access: ADMIN, url: `/api/users/${NO_ID}`, body: {} },
  'POST /api/users/{id}/unlock': { access: ADMIN, url: `/api/users/${NO_ID}/unlock` },
  'GET /api/audit': { access: ['admin', 'auditor'], url: '/api/audit?limit=1' },
  // Checking the tamper-evident chain is the auditor's job as much as reading it.
  'GET /api/audit/verify': { access: ['admin', 'auditor'] },
  // Who read whose personal data (DESIGN: the auditor's "who saw whose data"): oversight roles only.
  'GET /api/audit/data-access': { access: ['admin', 'auditor'], url: '/api/audit/data-access?limit=1' },
  // Data-sharing tokens (一网通享) are issued, listed and revoked by admins.
  'POST /api/sharing/tokens': {
    access: ADMIN,
    body: { name: '', ownerSystem: '', grants: [], expiresAt: '' },
  },
  'GET /api/sharing/tokens': { access: ADMIN },
  'POST /api/sharing/tokens/{id}/revoke': { access: ADMIN, url: `/api/sharing/tokens/${NO_ID}/revoke` },
  'GET /api/sharing/tokens/{id}/calls': { access: ADMIN, url: `/api/sharing/tokens/${NO_ID}/calls` },
  // Other systems' API: a session cookie, even an admin's, is no token.
  'GET /api/share/v1/{dataset}': { access: 'bearerToken', url: '/api/share/v1/indicators' },
  'POST /api/share/v1/{dataset}': { access: 'bearerToken', url: '/api/share/v1/observations', body: {} },
  'POST /api/sample-data': { access: ADMIN, last: true },
  'DELETE /api/sample-data': { access: ADMIN, last: true },
  'POST /api/synthetic-resources': { access: ADMIN, last: true },
  'DELETE /api/synthetic-resources': { access: ADMIN, last: true },
  'PUT /api/admin/residents/{userId}/person': {
    access: ADMIN,
    url: `/api/admin/residents/${NO_ID}/person`,
    body: { personId: null },
  },

  // Resources: the registry, gaps, coverage, the network, runs.
  'GET /api/facilities': { access: PLANNING_READERS, url: `/api/facilities?district=${OWN_DISTRICT}` },
  'POST /api/facilities': { access: SCOPED_WRITERS, body: facilityNulls },
  'POST /api/facilities/import': {
    access: SCOPED_WRITERS,
    upload: csv('name,type,lon,lat,district_code,source\n'),
  },
  'PUT /api/facilities/{id}': {
    access: SCOPED_WRITERS,
    url: `/api/facilities/${NO_ID}`,
    body: { ...facilityNulls, reason: 'matrix' },
  },
  'DELETE /api/facilities/{id}': { access: SCOPED_WRITERS, url: `/api/facilities/${NO_ID}?reason=matrix` },
  'GET /api/facilities/{id}/revisions': {
    access: PLANNING_READERS,
    url: `/api/facilities/${NO_ID}/revisions`,
  },
  'GET /api/gaps': { access: PLANNING_READERS, url: `/api/gaps?district=${OWN_DISTRICT}` },
  'GET /api/gaps.xlsx': { access: PLANNING_READERS, url: `/api/gaps.xlsx?district=${OWN_DISTRICT}` },
  'GET /api/coverage': { access: PLANNING_READERS, url: '/api/coverage?type=nope' },
  'GET /api/coverage/nth': { access: PLANNING_READERS, url: '/api/coverage/nth?type=nope&n=1' },
  'GET /api/coverage/points': { access: PLANNING_READERS, url: '/api/coverage/points?type=nope' },
  'GET /api/accessibility': { access: PLANNING_READERS, url: '/api/accessibility?type=nope' },
  'GET /api/isochrone': { access: PLANNING_READERS, url: '/api/isochrone?lon=0&lat=0' },
  'GET /api/indicators/{code}/registry': { access: PLANNING_READERS, url: '/api/indicators/H03/registry' },
  'GET /api/network': { access: PLANNING_READERS },
  // Not an OpenStreetMap file: refused (and no network folder in tests) after authorization.
  'POST /api/network/import': {
    access: ADMIN,
    upload: {
      field: 'file',
      fileName: 'not-osm.txt',
      contentType: 'text/plain',
      bytes: new TextEncoder().encode('not osm'),
    },
  },
  'POST /api/coverage/runs': { access: CENTRAL_PLANNERS, body: { types: ['nope'] } },
  'GET /api/coverage/runs/latest': { access: PLANNING_READERS },
  'POST /api/siting/runs': { access: CENTRAL_PLANNERS, body: { type: 'nope', candidates: 'grid', k: 1 } },
  'GET /api/residential-points/summary': { access: PLANNING_READERS },
  // docs/api.md and the code today admit a district officer (own district) besides admin and planner.
  'POST /api/residential-points/import': {
    access: ['admin', 'planner', 'districtOfficer'],
    upload: csv('id,district_code,lon,lat,total\n'),
  },
  // Jobs are the background work of planning (imports, runs): planning staff, each their own.
  'GET /api/jobs': { access: PLANNING_READERS },
  'GET /api/jobs/{id}': { access: PLANNING_READERS, url: '/api/jobs/no-such-job' },
  'GET /api/jobs/{id}/output': { access: PLANNING_READERS, url: '/api/jobs/no-such-job/output' },

  // Scenarios: read by planning staff, written by central planners.
  'GET /api/scenarios': { access: PLANNING_READERS },
  'POST /api/scenarios': { access: CENTRAL_PLANNERS, body: {} },
  'GET /api/scenarios/{id}': { access: PLANNING_READERS, url: `/api/scenarios/${NO_ID}` },
  'PUT /api/scenarios/{id}': {
    access: CENTRAL_PLANNERS,
    url: `/api/scenarios/${NO_ID}`,
    body: { reason: 'matrix' },
  },
  'DELETE /api/scenarios/{id}': { access: CENTRAL_PLANNERS, url: `/api/scenarios/${NO_ID}?reason=matrix` },
  'GET /api/scenarios/{id}/revisions': {
    access: PLANNING_READERS,
    url: `/api/scenarios/${NO_ID}/revisions`,
  },
  'POST /api/scenarios/from-siting': { access: CENTRAL_PLANNERS, body: { jobId: 'no-such-job' } },
  'GET /api/scenarios/{id}/compare': {
    access: PLANNING_READERS,
    url: `/api/scenarios/${NO_ID}/compare?type=hospital`,
  },

  // Projects: managers add and change them; the district's officer also reports and keeps milestones.
  'GET /api/projects': { access: PLANNING_READERS },
  // A valid project of the own sector and district: the managers create it (201); a district
  // officer, who may report on it but not add projects, is refused.
  'POST /api/projects': {
    access: PROJECT_MANAGERS,
    body: {
      name: '访问矩阵测试项目',
      sector: OWN_SECTOR,
      kind: 'new',
      districtCode: OWN_DISTRICT,
      plannedStart: '2021-01-01',
      plannedEnd: '2025-12-31',
    },
  },
  'GET /api/projects/projection': { access: PLANNING_READERS },
  'GET /api/projects/{code}': { access: PLANNING_READERS, url: `/api/projects/${OWN_PROJECT}` },
  // No reason: refused after authorization.
  'PUT /api/projects/{code}': {
    access: PROJECT_MANAGERS,
    url: `/api/projects/${OWN_PROJECT}`,
    body: projectNulls,
  },
  'POST /api/projects/{code}/milestones': {
    access: SCOPED_WRITERS,
    url: `/api/projects/${OWN_PROJECT}/milestones`,
    body: nulls('name', 'plannedDate'),
  },
  'PUT /api/projects/{code}/milestones/{id}': {
    access: SCOPED_WRITERS,
    url: `/api/projects/${OWN_PROJECT}/milestones/${NO_ID}`,
    body: {},
  },
  'POST /api/projects/{code}/reports': {
    access: SCOPED_WRITERS,
    url: `/api/projects/${OWN_PROJECT}/reports`,
    body: nulls('percent', 'text'),
  },
  'POST /api/projects/{code}/complete': {
    access: PROJECT_MANAGERS,
    url: `/api/projects/${OWN_PROJECT}/complete`,
    body: { completedOn: 'not-a-date' },
  },

  // The service catalog and the self-check: public to read; edits by admins and the sector.
  'GET /api/catalog': { access: 'public' },
  'GET /api/catalog/{code}': { access: 'public', url: `/api/catalog/${OWN_SECTOR_SERVICE}` },
  'PUT /api/catalog/{code}': {
    access: CATALOG_EDITORS,
    url: `/api/catalog/${OWN_SECTOR_SERVICE}`,
    body: { fields: {}, reason: 'matrix' },
  },
  'POST /api/catalog/{code}/rules': {
    access: CATALOG_EDITORS,
    url: `/api/catalog/${OWN_SECTOR_SERVICE}/rules`,
    body: nulls('from', 'eligibility', 'reference'),
  },
  'POST /api/catalog/parameters/{code}/values': {
    access: CATALOG_EDITORS,
    url: '/api/catalog/parameters/no_such_parameter/values',
    body: nulls('from', 'value', 'reference', 'provenance'),
  },
  'POST /api/entitlements/check': { access: 'public', body: { services: [OWN_SECTOR_SERVICE] } },

  // Proactive matching (服务找人): runs and work lists name people, so only the scoped writers; the
  // aggregate counts for every planning reader.
  'POST /api/entitlements/matching/runs': { access: SCOPED_WRITERS, body: { size: 0 } },
  'GET /api/entitlements/matching/snapshots': { access: PLANNING_READERS },
  'GET /api/entitlements/matching/snapshots/{id}/counts': {
    access: PLANNING_READERS,
    url: `${snapshot}/counts`,
  },
  'GET /api/entitlements/matching/snapshots/{id}/items': { access: SCOPED_WRITERS, url: `${snapshot}/items` },
  'GET /api/entitlements/matching/snapshots/{id}/items.xlsx': {
    access: SCOPED_WRITERS,
    url: `${snapshot}/items.xlsx?purpose=${encodeURIComponent('访问矩阵测试')}`,
  },
  'GET /api/entitlements/matching/snapshots/{id}/people/{person}': {
    access: SCOPED_WRITERS,
    url: `${snapshot}/people/0?purpose=${encodeURIComponent('访问矩阵测试')}`,
  },
  'POST /api/entitlements/matching/snapshots/{id}/worklist/notices': {
    access: SCOPED_WRITERS,
    url: `${snapshot}/worklist/notices`,
    body: { serviceCode: WORKLIST_SERVICE },
  },
  'POST /api/entitlements/matching/snapshots/{id}/worklist/cases': {
    access: SCOPED_WRITERS,
    url: `${snapshot}/worklist/cases`,
    body: { serviceCode: WORKLIST_SERVICE, personIndex: 0 },
  },

  // One-stop service: residents apply and follow their own; office staff work the queue.
  'POST /api/applications': { access: RESIDENT, body: nulls('serviceCode', 'facts') },
  'GET /api/my/cases': { access: RESIDENT },
  'GET /api/cases': { access: OFFICE_STAFF },
  'GET /api/cases/{id}': { access: CASE_PARTIES, url: noCase },
  'POST /api/cases/{id}/actions/{action}': {
    access: CASE_PARTIES,
    url: `${noCase}/actions/accept`,
    body: { expectedRevision: 1 },
  },
  'POST /api/cases/{id}/reassign': {
    access: OFFICE_STAFF,
    url: `${noCase}/reassign`,
    body: { officeCode: `O-${OTHER_DISTRICT}`, reason: 'matrix', expectedRevision: 1 },
  },
  'POST /api/cases/{id}/attachments': {
    access: CASE_PARTIES,
    url: `${noCase}/attachments`,
    upload: pngUpload(),
  },
  'GET /api/cases/{id}/attachments': { access: CASE_PARTIES, url: `${noCase}/attachments` },
  'GET /api/cases/{id}/attachments/{attachmentId}': {
    access: CASE_PARTIES,
    url: `${noCase}/attachments/no-such-attachment`,
  },
  // docs/api.md: "supervisor, admin" (the admin as the operator of the server's own runs).
  'POST /api/cases/escalations/run': { access: ['admin', 'supervisor'] },

  // Residents: public sign-up; their own profile and notices.
  'POST /api/residents': { access: 'public', body: nulls('username', 'password') },
  'GET /api/my/profile': { access: RESIDENT },
  // The data tracker: who among the staff looked at my data.
  'GET /api/my/data-access': { access: RESIDENT },
  'GET /api/my/notices': { access: RESIDENT },
  'POST /api/my/notices/{id}/read': { access: RESIDENT, url: `/api/my/notices/${NO_ID}/read` },

  // Nearby services (issue 6 §4): open to anyone.
  'GET /api/nearby': { access: 'public', url: '/api/nearby?lon=104.08&lat=30.65' },
  'GET /api/nearby/places': { access: 'public', url: `/api/nearby/places?q=${encodeURIComponent('锦江')}` },
  'GET /api/nearby/boundaries': { access: 'public' },
};

/** What a call by `who` must get: past authorization, 401 or 403. */
export function expectedOutcome(
  access: Access,
  who: MatrixActor,
): 'passes' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'passes';
  if (who === 'anonymous' || access === 'bearerToken') return 'unauthenticated';
  if (access === 'signedIn') return 'passes';
  return access.includes(who) ? 'passes' : 'forbidden';
}

/** A multipart/form-data body with one file part. */
export function multipart(upload: Upload): { body: Buffer; contentType: string } {
  const boundary = '----fuwu-access-matrix-5e1f';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${upload.field}"; filename="${upload.fileName}"\r\n` +
        `Content-Type: ${upload.contentType}\r\n\r\n`,
    ),
    Buffer.from(upload.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
