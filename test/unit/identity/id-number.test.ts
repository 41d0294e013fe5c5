/**
 * GB 11643-1999 identity numbers: the check, the reasons given, the masking and the synthetic numbers.
 * The valid numbers below are made up (region, date and sequence chosen here, check character
 * computed by hand with the MOD 11-2 weights), not anyone's number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SYNTHETIC_DISTINCT_BELOW,
  birthDateOf,
  checkCharacter,
  isSyntheticIdNumber,
  maskIdNumber,
  syntheticIdNumber,
  validateIdNumber,
} from '../../../src/domain/identity/id-number.ts';

const TODAY = '2026-11-29';
const VALID = ['510104199003071237', '510104199003074526', '440306198511112235', '51010419880108007X'];

const reasonOf = (v: unknown, today = TODAY): string => {
  const r = validateIdNumber(v, today);
  if (r.ok) throw new Error(`expected ${String(v)} to be refused`);
  return `${r.zh} | ${r.en}`;
};

/** Any well-formed number: a real province code, a date from 1900 to TODAY, any sequence. */
const validNumber = fc
  .record({
    province: fc.constantFrom('11', '31', '44', '51', '65', '81', '99'),
    rest: fc.integer({ min: 0, max: 9999 }),
    day: fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2026, 10, 29) / 864e5 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, day, seq }) => {
    const date = new Date(day * 864e5).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `${province}${String(rest).padStart(4, '0')}${date}${String(seq).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  });

describe('validateIdNumber', () => {
  it('accepts well-formed numbers, X as 10, a lower-case x given back upper-case', () => {
    for (const id of VALID) expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, idNumber: id });
    expect(validateIdNumber('51010419880108007x', TODAY)).toEqual({
      ok: true,
      idNumber: '51010419880108007X',
    });
  });

  it('names what is wrong', () => {
    expect(reasonOf('51010419900307123')).toMatch(/18 位.*18-character/);
    expect(reasonOf(' 510104199003071237')).toMatch(/18 位/);
    expect(reasonOf('5101041990030712A7')).toMatch(/18 位/);
    expect(reasonOf(5101041990)).toMatch(/18 位/);
    expect(reasonOf('980104199003071237')).toMatch(/省级代码“98”.*province part "98"/);
    expect(reasonOf('000104199003071237')).toMatch(/省级代码“00”/);
    // 1990-02-30 is no date.
    const feb30 = '51010419900230123';
    expect(reasonOf(feb30 + checkCharacter(feb30))).toMatch(/19900230.*not a real date/);
    const future = '51010420261130123';
    expect(reasonOf(future + checkCharacter(future))).toMatch(/2026-11-30.*today \(2026-11-29\)/);
    const old = '51010418991231123';
    expect(reasonOf(old + checkCharacter(old))).toMatch(/1899-12-31.*1900-01-01/);
    expect(reasonOf('510104199003071238')).toMatch(/第 18 位应为 7.*should be 7, got 8/);
  });

  it('catches any single changed character (property: MOD 11-2 detects every single substitution)', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(17), fc.integer({ min: 1, max: 10 }), (id, pos, shift) => {
        expect(validateIdNumber(id, TODAY).ok).toBe(true);
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const k = alphabet.indexOf(id[pos]!);
        const other = alphabet[(k + shift) % alphabet.length]!;
        if (other === id[pos]) return;
        const changed = id.slice(0, pos) + other + id.slice(pos + 1);
        expect(validateIdNumber(changed, TODAY).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 4 and the last 4', () => {
    expect(maskIdNumber('51010419880108007X')).toBe('5101**********007X');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('keeps the length and never shows the birth date (property)', () => {
    fc.assert(
      fc.property(validNumber, (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(0, 4)).toBe(id.slice(0, 4));
        expect(masked.slice(14)).toBe(id.slice(14));
        expect(masked.slice(4, 14)).toBe('*'.repeat(10));
        expect(masked).not.toContain(id.slice(6, 14));
        expect(masked).not.toContain(id.slice(6, 10));
      }),
    );
  });
});

describe('synthetic identity numbers', () => {
  const date = fc
    .integer({ min: Date.UTC(1920, 0, 1) / 864e5, max: Date.UTC(2026, 10, 29) / 864e5 })
    .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));

  it('are well-formed, in province 99, carry the birth date and the sex (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 21_000_000 }), date, fc.boolean(), (index, birth, female) => {
        const id = syntheticIdNumber(index, birth, female);
        expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, idNumber: id });
        expect(isSyntheticIdNumber(id)).toBe(true);
        expect(id.startsWith('99')).toBe(true);
        expect(birthDateOf(id)).toBe(birth);
        expect(Number(id[16]) % 2).toBe(female ? 0 : 1);
      }),
    );
  });

  it('differ for different people below SYNTHETIC_DISTINCT_BELOW, even on the same birth date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SYNTHETIC_DISTINCT_BELOW - 1 }),
        fc.integer({ min: 0, max: SYNTHETIC_DISTINCT_BELOW - 1 }),
        date,
        fc.boolean(),
        (a, b, birth, female) => {
          if (a === b) return;
          expect(syntheticIdNumber(a, birth, female)).not.toBe(syntheticIdNumber(b, birth, female));
        },
      ),
    );
  });

  it('are deterministic, and real-province numbers are not synthetic', () => {
    expect(syntheticIdNumber(42, '1990-03-07', true)).toBe(syntheticIdNumber(42, '1990-03-07', true));
    for (const id of VALID) expect(isSyntheticIdNumber(id)).toBe(false);
    expect(isSyntheticIdNumber('990001200002290017')).toBe(false);
    expect(isSyntheticIdNumber('990001200002290016')).toBe(true);
  });
});
