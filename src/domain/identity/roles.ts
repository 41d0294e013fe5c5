/**
 * The roles of fuwu and what each may do (DESIGN.md, Identity). Scope is part of the role: a
 * department officer writes the figures of one sector, a district officer those of one district.
 */
export const ROLES = [
  'admin',
  'planner',
  'departmentOfficer',
  'districtOfficer',
  'viewer',
  // One-stop service (issue 6): applicants, and the staff of an office (政务服务中心) who handle cases.
  'resident',
  'caseWorker',
  'supervisor',
  // Oversight (issue 7): reads the audit log and who saw whose data; changes nothing.
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  planner: { zh: '规划人员', en: 'Planner' },
  departmentOfficer: { zh: '行业部门人员', en: 'Department officer' },
  districtOfficer: { zh: '区（市）县人员', en: 'District officer' },
  viewer: { zh: '只读用户', en: 'Viewer' },
  resident: { zh: '居民', en: 'Resident' },
  caseWorker: { zh: '窗口经办人员', en: 'Case worker' },
  supervisor: { zh: '审核负责人', en: 'Supervisor' },
  auditor: { zh: '审计人员', en: 'Auditor' },
};

/** The roles that work on one-stop cases at an office: they must belong to one (users.office_code). */
export const OFFICE_ROLES = ['caseWorker', 'supervisor'] as const satisfies readonly Role[];

/** Who is acting: enough to decide permissions and to write the audit log. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  sector: string | null;
  districtCode: string | null;
}

/** May this actor write a figure of an indicator in `sector` for `areaCode`? */
export function canWriteFigure(actor: Actor, sector: string, areaCode: string): boolean {
  switch (actor.role) {
    case 'admin':
    case 'planner':
      return true;
    case 'departmentOfficer':
      return actor.sector === sector;
    case 'districtOfficer':
      return actor.districtCode === areaCode;
    case 'viewer':
    case 'resident':
    case 'caseWorker':
    case 'supervisor':
    case 'auditor':
      return false;
  }
}
