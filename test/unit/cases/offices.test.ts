/**
 * Offices derived from the pack's areas, and the least-rights API scope of the one-stop roles: one
 * office per non-city area with code O-<area code>, and residents/case staff kept to the one-stop
 * endpoints whatever path they try (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayUseApi } from '../../../src/app/cases/case-api-scope.ts';
import { officeCodeFor, officesOf } from '../../../src/domain/cases/offices.ts';
import { ROLES } from '../../../src/domain/identity/roles.ts';

const areas = [
  { code: '510100', name: '成都市', nameEn: 'Chengdu', kind: 'city' },
  { code: '510104', name: '锦江区', nameEn: 'Jinjiang', kind: 'district' },
  { code: 'Z-tianfu-new-area', name: '四川天府新区', nameEn: 'Tianfu New Area', kind: 'zone' },
];

describe('offices', () => {
  it('gives every district and zone one office, and the city none', () => {
    expect(officesOf(areas)).toEqual([
      {
        code: 'O-510104',
        areaCode: '510104',
        name: '锦江区政务服务中心',
        nameEn: 'Jinjiang Government Service Centre',
      },
      {
        code: 'O-Z-tianfu-new-area',
        areaCode: 'Z-tianfu-new-area',
        name: '四川天府新区政务服务中心',
        nameEn: 'Tianfu New Area Government Service Centre',
      },
    ]);
  });

  it('codes are distinct and lead back to their area', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^\d{6}$/), { maxLength: 30 }), (codes) => {
        const offices = officesOf(
          codes.map((code) => ({ code, name: code, nameEn: code, kind: 'district' })),
        );
        expect(new Set(offices.map((o) => o.code)).size).toBe(codes.length);
        for (const o of offices) expect(o.code).toBe(officeCodeFor(o.areaCode));
      }),
    );
  });
});

describe('API scope of the one-stop roles', () => {
  it('lets residents and case staff use the one-stop endpoints and nothing of the plan', () => {
    for (const role of ['resident', 'caseWorker', 'supervisor'] as const) {
      expect(mayUseApi(role, 'POST', '/api/applications')).toBe(true);
      expect(mayUseApi(role, 'GET', '/api/cases/C-1')).toBe(true);
      expect(mayUseApi(role, 'POST', '/api/cases/C-1/actions/accept')).toBe(true);
      expect(mayUseApi(role, 'GET', '/api/catalog')).toBe(true);
      expect(mayUseApi(role, 'POST', '/api/catalog')).toBe(false);
      expect(mayUseApi(role, 'GET', '/api/projects')).toBe(false);
      expect(mayUseApi(role, 'GET', '/api/users')).toBe(false);
      expect(mayUseApi(role, 'GET', '/api/cases/C-1/../../projects')).toBe(false);
    }
  });

  it('never limits the other roles, and never opens a path outside the list to the one-stop roles', () => {
    const other = ROLES.filter((r) => !['resident', 'caseWorker', 'supervisor'].includes(r));
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'),
        fc.stringMatching(/^[a-z/]{0,20}$/),
        (role, method, tail) => {
          const path = `/api/plan/${tail}`;
          expect(mayUseApi(role, method, path)).toBe(other.includes(role));
        },
      ),
    );
  });
});
