/**
 * Personal data (issue 7 §2): who sees an identity number in full, the kinds of staff reads that are
 * logged with their purpose, and what the resident's data tracker (谁查看了我的数据) shows.
 */
import { maskIdNumber } from './id-number.ts';
import type { Role } from './roles.ts';

/** Where a number is shown. */
export type IdNumberPlace =
  /** The case file, to the applicant or to the staff of the office handling it (identity check). */
  | 'caseView'
  /** The resident's own profile. */
  | 'ownProfile'
  /** One person's trace on a work list: already behind a stated purpose and logged. */
  | 'personTrace'
  /** Any list (queue, work list, users) or export (Excel): never in full. */
  | 'list'
  | 'export';

export interface IdNumberViewer {
  role: Role;
  /** The viewer is the person the number belongs to. */
  isSubject: boolean;
  /** The viewer handles the case shown (their office; case-access.ts decides). */
  handlesCase?: boolean;
}

/**
 * The one rule for showing a number in full: the person themselves on their profile or case, the
 * office staff handling the case (they check the identity against the card), and the purpose-logged
 * person trace. Everywhere else, and for everyone else, the number is masked.
 */
export function seesFullIdNumber(viewer: IdNumberViewer, place: IdNumberPlace): boolean {
  switch (place) {
    case 'list':
    case 'export':
      return false;
    case 'ownProfile':
      return viewer.isSubject;
    case 'caseView':
      return (
        viewer.isSubject ||
        ((viewer.role === 'caseWorker' || viewer.role === 'supervisor') && viewer.handlesCase === true)
      );
    case 'personTrace':
      return ['admin', 'planner', 'departmentOfficer', 'districtOfficer'].includes(viewer.role);
  }
}

/** The number as this viewer may see it there (null stays null). */
export function idNumberFor(
  idNumber: string | null,
  viewer: IdNumberViewer,
  place: IdNumberPlace,
): string | null {
  if (idNumber === null) return null;
  return seesFullIdNumber(viewer, place) ? idNumber : maskIdNumber(idNumber);
}

/** What a logged staff read was. */
export const READ_KINDS = ['caseView', 'attachment', 'personTrace', 'worklistPage', 'export'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

export const READ_KIND_LABELS: Record<ReadKind, { zh: string; en: string }> = {
  caseView: { zh: '查看案件材料', en: 'Viewed a case file' },
  attachment: { zh: '下载案件附件', en: 'Downloaded a case attachment' },
  personTrace: { zh: '查看个人信息与资格核对', en: 'Viewed personal facts and eligibility' },
  worklistPage: { zh: '查看服务找人清单', en: 'Viewed a proactive-service list' },
  export: { zh: '导出服务找人清单', en: 'Exported a proactive-service list' },
};

/** Purposes fixed by the kind of read (the reader states their own for a trace and an export). */
export const FIXED_PURPOSES = {
  caseHandling: '办理案件 / case handling',
  proactiveService: '主动服务 / proactive service outreach',
} as const;

/** One entry of the resident's data tracker, newest first. */
export interface DataAccessEntry {
  at: string;
  what: ReadKind;
  whatLabel: { zh: string; en: string };
  purpose: string;
  /** The case, snapshot or attachment read (no content). */
  entityId: string | null;
  reader: {
    role: Role;
    roleLabel: { zh: string; en: string };
    /** The office, district or department the reader worked for; null when the role has none. */
    unit: { zh: string; en: string } | null;
    /** The official's name: residents may hold a named person to account, as on a paper notice. */
    displayName: string;
  };
}

export interface DataAccessPage {
  total: number;
  offset: number;
  limit: number;
  items: DataAccessEntry[];
}

/** The access log for oversight: each read with whose data it was and who read it. */
export interface DataAccessLogEntry extends DataAccessEntry {
  id: number;
  subject: { userId: number | null; personId: string | null };
  readerId: number;
}

export interface DataAccessLogPage {
  total: number;
  offset: number;
  limit: number;
  items: DataAccessLogEntry[];
}
