/**
 * The canonical JSON the audit chain hashes: one text per JSON value whatever the key order, and the
 * same text after the value has been through PostgreSQL's jsonb, which reorders keys (shortest first)
 * and rewrites numbers in plain decimal (1e21 → 1000000000000000000000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asStored, canonicalJson } from '../../../src/domain/audit/canonical.ts';

/** Keys in jsonb's order: shorter first, then by bytes. */
function jsonbKeyOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonbKeyOrder);
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => {
    const ab = Buffer.from(a);
    const bb = Buffer.from(b);
    return ab.length - bb.length || Buffer.compare(ab, bb);
  });
  // fromEntries defines own properties, so a "__proto__" key stays a key (assignment would set the prototype).
  return Object.fromEntries(entries.map(([k, x]) => [k, jsonbKeyOrder(x)]));
}

/** A number as PostgreSQL's numeric prints it: plain decimal, no exponent. */
function plainDecimal(n: number): string {
  const s = JSON.stringify(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const digits = `${lead}${frac}`;
  const exp = Number(expText);
  if (exp >= 0) {
    const point = 1 + exp;
    return `${sign}${digits.padEnd(point, '0').slice(0, point)}${digits.length > point ? `.${digits.slice(point)}` : ''}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** The value written as JSON, read back the way jsonb would return it. */
function throughJsonb(v: unknown): unknown {
  const text = JSON.stringify(jsonbKeyOrder(v), (_k, x: unknown) =>
    typeof x === 'number' ? `__num__${plainDecimal(x)}__` : x,
  ).replace(/"__num__(-?[0-9.]+)__"/g, '$1');
  return JSON.parse(text);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no white space', () => {
    const a = { b: 1, a: { d: [2, { z: true, y: null }], c: '三' } };
    const b = { a: { c: '三', d: [2, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"三","d":[2,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps unicode as it is and escapes only what JSON must', () => {
    const v = { 名称: '成都 🐼 "引号" \\ \n\t', ключ: 'é', '': 'empty key' };
    const text = canonicalJson(v);
    expect(text).toBe('{"":"empty key","ключ":"é","名称":"成都 🐼 \\"引号\\" \\\\ \\n\\t"}');
    expect(JSON.parse(text)).toEqual(v);
  });

  it('writes numbers the way JavaScript does, whatever spelling they were read from', () => {
    expect(canonicalJson(JSON.parse('[1.0, 1000000000000000000000, 0.0000001, -0, 1E2]'))).toBe(
      '[1,1e+21,1e-7,0,100]',
    );
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(-1.5e-7)).toBe('-0.00000015');
    expect(plainDecimal(1.2345e3)).toBe('1234.5');
  });

  it('keeps a "__proto__" key that JSON.parse made an own property', () => {
    const v = JSON.parse('{"__proto__":null,"a":{"__proto__":[1]}}') as unknown;
    const text = canonicalJson(v);
    expect(text).toBe('{"__proto__":null,"a":{"__proto__":[1]}}');
    expect(canonicalJson(throughJsonb(v))).toBe(text);
  });

  it('refuses what is not JSON', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson([() => 1])).toThrow(TypeError);
  });

  it('asStored is what JSON.stringify stores: undefined dropped, dates as ISO strings', () => {
    const at = new Date('2025-03-01T08:00:00.123Z');
    expect(asStored({ a: undefined, b: at, c: [undefined] })).toEqual({
      b: '2025-03-01T08:00:00.123Z',
      c: [null],
    });
    expect(asStored(undefined)).toBeNull();
  });

  it('property: the same text after any key order and after a trip through jsonb', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(jsonbKeyOrder(v))).toBe(text);
        expect(canonicalJson(throughJsonb(v))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('property: every double survives numeric’s plain decimal', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(canonicalJson(JSON.parse(plainDecimal(d)))).toBe(canonicalJson(d));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: different values give different texts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = canonicalJson(a) === canonicalJson(b);
        expect(same).toBe(JSON.stringify(jsonbKeyOrder(a)) === JSON.stringify(jsonbKeyOrder(b)));
      }),
      { numRuns: 500 },
    );
  });
});
