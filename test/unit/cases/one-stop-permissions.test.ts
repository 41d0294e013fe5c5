/**
 * The one-stop roles in the permission table, as the URL allow-list used to keep them (issue 7 §1 moved
 * that rule into the use cases): residents and office staff hold the case permissions and nothing of
 * the plan, the matching or the catalog; the planning roles and the auditor hold no case permission
 * (an admin may only start the escalation check). The expectations are written out here, not read
 * from the table.
 */
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../src/domain/identity/permissions.ts';
import { PERMISSIONS, may } from '../../../src/domain/identity/permissions.ts';
import type { Role } from '../../../src/domain/identity/roles.ts';
import { ROLES } from '../../../src/domain/identity/roles.ts';

const ALL = Object.keys(PERMISSIONS) as Permission[];
const held = (role: Role) => ALL.filter((p) => may(role, p)).sort();

describe('one-stop permissions', () => {
  it('gives residents their own cases, notices and profile, and nothing else', () => {
    expect(held('resident')).toEqual(
      ['cases.act', 'cases.apply', 'cases.attach', 'cases.read', 'notices.markRead', 'own.read'].sort(),
    );
  });

  it('gives office staff the queue and their cases; only supervisors run escalations', () => {
    const staff = ['cases.act', 'cases.attach', 'cases.queue', 'cases.read', 'cases.reassign'];
    expect(held('caseWorker')).toEqual(staff.sort());
    expect(held('supervisor')).toEqual([...staff, 'cases.escalate'].sort());
  });

  it('keeps every other role out of cases and residents’ own data', () => {
    const oneStop = ALL.filter(
      (p) => p.startsWith('cases.') || p.startsWith('own.') || p === 'notices.markRead',
    );
    for (const role of ROLES.filter((r) => !['resident', 'caseWorker', 'supervisor'].includes(r)))
      for (const p of oneStop)
        expect(may(role, p), `${role} ${p}`).toBe(role === 'admin' && p === 'cases.escalate');
  });

  it('lets viewers read matching counts but never the people on a work list', () => {
    expect(may('viewer', 'matching.counts')).toBe(true);
    for (const p of ['matching.people', 'worklist.act', 'matching.run', 'catalog.write'] as const)
      expect(may('viewer', p), p).toBe(false);
    for (const role of ['admin', 'planner', 'departmentOfficer', 'districtOfficer'] as const)
      expect(may(role, 'matching.people'), role).toBe(true);
    expect(ROLES.filter((r) => may(r, 'catalog.write'))).toEqual(['admin', 'departmentOfficer']);
  });
});
