/**
 * How a newer pack meets an edited catalog (catalog-merge.ts): the pack's entry wins on its fields
 * and on its own dates; every rule version or value a user added on another date survives; the
 * result is in date order. Checked on hand-made cases and as properties over random dated lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Parameter } from '../../../src/domain/entitlements/catalog.schema.ts';
import {
  mergeParameterUpdate,
  mergeServiceUpdate,
  withDatedItem,
} from '../../../src/domain/entitlements/catalog-merge.ts';
import { DIBAO_LINE, service } from './fixtures.ts';

const AGE80 = { fact: 'person.ageYears', op: 'ge', value: 80 } as const;
const AGE75 = { fact: 'person.ageYears', op: 'ge', value: 75 } as const;
const AGE70 = { fact: 'person.ageYears', op: 'ge', value: 70 } as const;

describe('mergeServiceUpdate', () => {
  it('takes the pack’s fields and versions and keeps the version a user added', () => {
    const oldPack = service('S-5-01', [['2021-01-01', AGE80]]);
    const stored = service('S-5-01', [
      ['2021-01-01', AGE80],
      ['2030-01-01', AGE75], // added by an officer
    ]);
    const newPack = {
      ...service('S-5-01', [
        ['2021-01-01', AGE80],
        ['2027-01-01', AGE70],
      ]),
      content: '新版内容',
    };
    const merged = mergeServiceUpdate(stored, oldPack, newPack);
    expect(merged.content).toBe('新版内容');
    expect(merged.rules.map((r) => [r.from, r.eligibility])).toEqual([
      ['2021-01-01', AGE80],
      ['2027-01-01', AGE70],
      ['2030-01-01', AGE75],
    ]);
  });

  it('lets the pack win when it dates a version the same day a user did', () => {
    const oldPack = service('S-5-01', [['2021-01-01', AGE80]]);
    const stored = service('S-5-01', [
      ['2021-01-01', AGE80],
      ['2027-01-01', AGE75],
    ]);
    const newPack = service('S-5-01', [
      ['2021-01-01', AGE80],
      ['2027-01-01', AGE70],
    ]);
    expect(mergeServiceUpdate(stored, oldPack, newPack).rules.map((r) => r.eligibility)).toEqual([
      AGE80,
      AGE70,
    ]);
  });

  it('drops a version the pack itself dropped (it was the pack’s, not a user’s)', () => {
    const oldPack = service('S-5-01', [
      ['2021-01-01', AGE80],
      ['2027-01-01', AGE70],
    ]);
    const newPack = service('S-5-01', [['2021-01-01', AGE80]]);
    expect(mergeServiceUpdate(oldPack, oldPack, newPack).rules.map((r) => r.from)).toEqual(['2021-01-01']);
  });
});

const dateArb = fc
  .tuple(
    fc.integer({ min: 2021, max: 2035 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const valuesArb = fc
  .uniqueArray(dateArb, { minLength: 1, maxLength: 6 })
  .chain((dates) =>
    fc.tuple(...dates.map((from) => fc.integer({ min: 1, max: 5000 }).map((value) => ({ from, value })))),
  );
const param = (values: Array<{ from: string; value: number }>): Parameter => ({
  ...DIBAO_LINE,
  by: undefined,
  values: values.map((v) => ({ ...v, reference: '示例', provenance: 'assumption' as const })),
});

describe('mergeParameterUpdate (properties)', () => {
  it('keeps every new pack value, every user-added date, nothing else, in date order', () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, valuesArb, (oldVals, added, newVals) => {
        const oldPack = param(oldVals);
        const stored = param([...oldVals, ...added.filter((a) => !oldVals.some((o) => o.from === a.from))]);
        const merged = mergeParameterUpdate(stored, oldPack, param(newVals));
        const froms = merged.values.map((v) => v.from);
        expect([...froms].sort()).toEqual(froms);
        expect(new Set(froms).size).toBe(froms.length);
        for (const v of newVals) expect(merged.values).toContainEqual(expect.objectContaining(v));
        const userDates = stored.values.map((v) => v.from).filter((f) => !oldVals.some((o) => o.from === f));
        const expected = new Set([...newVals.map((v) => v.from), ...userDates]);
        expect(new Set(froms)).toEqual(expected);
      }),
    );
  });

  it('is the new pack entry itself when nobody edited (stored = old pack)', () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, (oldVals, newVals) => {
        const merged = mergeParameterUpdate(param(oldVals), param(oldVals), param(newVals));
        expect(merged.values.map((v) => v.from)).toEqual(newVals.map((v) => v.from).sort());
      }),
    );
  });
});

describe('withDatedItem', () => {
  it('puts a new dated item in its place by date', () => {
    const items = [{ from: '2021-01-01' }, { from: '2025-07-01' }];
    expect(withDatedItem(items, { from: '2023-01-01' }).map((x) => x.from)).toEqual([
      '2021-01-01',
      '2023-01-01',
      '2025-07-01',
    ]);
  });
});
