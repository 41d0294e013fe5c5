/** Offices derived from the pack's areas: one office per non-city area with code O-<area code>. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officeCodeFor, officesOf } from '../../../src/domain/cases/offices.ts';

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
