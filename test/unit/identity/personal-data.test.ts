/** Who sees an identity number in full (the one rule beside the masking), for every role and place. */
import { describe, expect, it } from 'vitest';
import type { IdNumberPlace } from '../../../src/domain/identity/personal-data.ts';
import { idNumberFor, seesFullIdNumber } from '../../../src/domain/identity/personal-data.ts';
import { ROLES } from '../../../src/domain/identity/roles.ts';

const ID = '51010419880108007X';
const PLACES: IdNumberPlace[] = ['caseView', 'ownProfile', 'personTrace', 'list', 'export'];

describe('seesFullIdNumber', () => {
  it('never shows a full number in a list or an export, to anyone, even the person', () => {
    for (const role of ROLES)
      for (const place of ['list', 'export'] as const) {
        expect(seesFullIdNumber({ role, isSubject: true, handlesCase: true }, place)).toBe(false);
        expect(idNumberFor(ID, { role, isSubject: true, handlesCase: true }, place)).toBe(
          '5101**********007X',
        );
      }
  });

  it('shows the case view in full to the applicant and to the office staff handling it only', () => {
    const full = ROLES.filter((role) =>
      seesFullIdNumber({ role, isSubject: false, handlesCase: true }, 'caseView'),
    );
    expect(full).toEqual(['caseWorker', 'supervisor']);
    expect(seesFullIdNumber({ role: 'caseWorker', isSubject: false, handlesCase: false }, 'caseView')).toBe(
      false,
    );
    expect(seesFullIdNumber({ role: 'resident', isSubject: true }, 'caseView')).toBe(true);
    expect(seesFullIdNumber({ role: 'resident', isSubject: false }, 'caseView')).toBe(false);
  });

  it('shows a profile in full to its own resident only', () => {
    for (const role of ROLES) expect(seesFullIdNumber({ role, isSubject: false }, 'ownProfile')).toBe(false);
    expect(seesFullIdNumber({ role: 'resident', isSubject: true }, 'ownProfile')).toBe(true);
  });

  it('shows the purpose-logged person trace in full to the scoped planning staff, not to viewers or auditors', () => {
    const full = ROLES.filter((role) => seesFullIdNumber({ role, isSubject: false }, 'personTrace'));
    expect(full).toEqual(['admin', 'planner', 'departmentOfficer', 'districtOfficer']);
  });

  it('masks whatever is not shown in full, and leaves an absent number absent', () => {
    for (const role of ROLES)
      for (const place of PLACES) {
        const viewer = { role, isSubject: false, handlesCase: false };
        const shown = idNumberFor(ID, viewer, place);
        expect(shown).toBe(seesFullIdNumber(viewer, place) ? ID : '5101**********007X');
        expect(idNumberFor(null, viewer, place)).toBeNull();
      }
  });
});
