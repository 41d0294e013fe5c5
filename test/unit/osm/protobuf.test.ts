import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ProtoReader,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LENGTH,
  WIRE_VARINT,
  encodeField,
  encodeVarint,
  zigzag,
} from '../../../src/domain/osm/protobuf.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';

const reader = (bytes: number[]) => new ProtoReader(Uint8Array.from(bytes));
const SAFE = fc.bigInt({ min: 0n, max: 2n ** 53n - 1n });
const SIGNED_SAFE = fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n });

function corrupt(f: () => unknown): FuwuError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FuwuError);
    expect((e as FuwuError).code).toBe('import_rejected');
    return e as FuwuError;
  }
  throw new Error('expected a FuwuError');
}

describe('protobuf varints', () => {
  it('decodes known encodings', () => {
    expect(reader([0x00]).uint64()).toBe(0);
    expect(reader([0x96, 0x01]).uint64()).toBe(150);
    expect(reader([0xac, 0x02]).uint64()).toBe(300);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).uint64()).toBe(2 ** 32 - 1);
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x10]).uint64()).toBe(2 ** 32);
    // -1 as int64: ten bytes
    const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(reader(minusOne).int64()).toBe(-1);
    expect(reader([0x01]).sint64()).toBe(-1);
    expect(reader([0x02]).sint64()).toBe(1);
    expect(reader([0x03]).sint64()).toBe(-2);
  });

  it('round-trips unsigned values below 2^53 (property)', () => {
    fc.assert(
      fc.property(SAFE, (v) => {
        const r = reader(encodeVarint(v));
        expect(r.uint64()).toBe(Number(v));
        expect(r.done).toBe(true);
      }),
    );
  });

  it('round-trips signed values as int64 and as zigzag sint64 (property)', () => {
    fc.assert(
      fc.property(SIGNED_SAFE, (v) => {
        const asInt = reader(encodeVarint(v));
        expect(asInt.int64()).toBe(Number(v));
        expect(asInt.done).toBe(true);
        const asZigzag = reader(encodeVarint(zigzag(v)));
        expect(asZigzag.sint64()).toBe(Number(v));
        expect(asZigzag.done).toBe(true);
      }),
    );
  });

  it('refuses a truncated varint and one longer than 10 bytes', () => {
    expect(corrupt(() => reader([0x80, 0x80]).uint64()).message).toMatch(/truncated varint/);
    expect(corrupt(() => reader(new Array(11).fill(0x80).concat([0])).uint64()).message).toMatch(
      /longer than 10 bytes/,
    );
  });
});

describe('protobuf fields', () => {
  it('reads tags, strings, embedded messages and packed repeated values', () => {
    const inner = [...encodeField(1, 7), ...encodeField(2, new TextEncoder().encode('成都'))];
    const packed = [...encodeVarint(zigzag(-5)), ...encodeVarint(zigzag(3)), ...encodeVarint(zigzag(10))];
    const bytes = [...encodeField(3, inner), ...encodeField(8, packed), ...encodeField(8, zigzag(-1))];
    const r = reader(bytes);
    let t = r.tag();
    expect(t).toEqual({ field: 3, wire: WIRE_LENGTH });
    const m = r.message();
    expect(m.tag()).toEqual({ field: 1, wire: WIRE_VARINT });
    expect(m.uint64()).toBe(7);
    expect(m.tag()).toEqual({ field: 2, wire: WIRE_LENGTH });
    expect(m.string()).toBe('成都');
    expect(m.done).toBe(true);
    const out: number[] = [];
    t = r.tag();
    r.packedSint64(t.wire, out);
    t = r.tag();
    r.packedSint64(t.wire, out); // one unpacked value is accepted too
    expect(out).toEqual([-5, 3, 10, -1]);
    expect(r.done).toBe(true);
  });

  it('skips fields of every supported wire type', () => {
    const bytes = [
      ...encodeVarint(1 * 8 + WIRE_VARINT),
      ...encodeVarint(123456789),
      ...encodeVarint(2 * 8 + WIRE_FIXED64),
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      ...encodeVarint(3 * 8 + WIRE_FIXED32),
      1,
      2,
      3,
      4,
      ...encodeField(4, [9, 9, 9]),
      ...encodeField(5, 42),
    ];
    const r = reader(bytes);
    for (let f = 1; f <= 4; f++) r.skip(r.tag().wire);
    expect(r.tag().field).toBe(5);
    expect(r.uint64()).toBe(42);
    expect(r.done).toBe(true);
  });

  it('refuses lengths past the end, field 0, groups and truncated fixed fields', () => {
    const skipPast = reader([0x0a, 10, 1, 2]);
    expect(corrupt(() => skipPast.skip(skipPast.tag().wire)).message).toMatch(/runs past the end/);
    const past = reader([0x0a, 10, 1, 2]);
    past.tag();
    expect(corrupt(() => past.bytesField()).message).toMatch(/runs past the end/);
    expect(corrupt(() => reader([0x00]).tag()).message).toMatch(/field number 0/);
    const group = reader([0x0b]);
    expect(corrupt(() => group.skip(group.tag().wire)).message).toMatch(/wire type 3/);
    const fixed = reader([0x0d, 1, 2]);
    expect(corrupt(() => fixed.skip(fixed.tag().wire)).message).toMatch(/truncated fixed-width/);
  });

  it('never reads past the message nor throws anything but a FuwuError on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = new ProtoReader(bytes);
        try {
          while (!r.done) {
            const { wire } = r.tag();
            r.skip(wire);
            expect(r.pos).toBeLessThanOrEqual(bytes.length);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(FuwuError);
        }
      }),
    );
  });
});
