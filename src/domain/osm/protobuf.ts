/**
 * A minimal Protocol Buffers wire-format reader, enough for OpenStreetMap PBF (issue 3 §2): varints,
 * zigzag (sint), 64-bit ints as JavaScript numbers (exact below 2^53, which OSM ids, coordinates and
 * deltas are), length-delimited fields (bytes, strings, embedded messages, packed repeated ints) and
 * skipping of unknown fields. Fixed32/fixed64 are skipped (OSM uses none); groups are refused.
 *
 * Every read is bounds-checked: truncated or corrupt input throws a FuwuError naming what was being
 * read, never returns garbage or reads past the message.
 */
import { FuwuError } from '../shared/errors.ts';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

export function protobufError(what: string, zhWhat: string): FuwuError {
  return new FuwuError('import_rejected', `PBF 数据损坏：${zhWhat}`, `PBF data is corrupt: ${what}`, [
    { field: 'osm.pbf', zh: zhWhat, en: what },
  ]);
}

const utf8 = new TextDecoder('utf-8');

/** Reads one message: `pos` advances through `bytes[start, end)`. */
export class ProtoReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The two 32-bit halves of the last varint read. */
  private lo = 0;
  private hi = 0;

  /** Reads a varint of up to 10 bytes into lo/hi (unsigned). */
  private varint(): void {
    const b = this.bytes;
    let lo = 0;
    let hi = 0;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) throw protobufError('truncated varint', '变长整数被截断');
      if (i === 10) throw protobufError('varint longer than 10 bytes', '变长整数超过 10 字节');
      const c = b[this.pos++]!;
      if (i < 4) lo |= (c & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (c & 0x0f) << 28;
        hi = (c & 0x7f) >>> 4;
      } else hi |= (c & 0x7f) << (7 * i - 32);
      if (c < 0x80) break;
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /**
   * An unsigned varint as a number. Values of up to 64 bits are accepted; above 2^53 they lose
   * precision (none occur in OSM data).
   */
  uint64(): number {
    this.varint();
    return this.hi * TWO_32 + this.lo;
  }

  /** A varint read as a two's-complement int64 (negative values take 10 bytes). */
  int64(): number {
    this.varint();
    if (this.hi < 0x80000000) return this.hi * TWO_32 + this.lo;
    return -((~this.hi >>> 0) * TWO_32 + (~this.lo >>> 0) + 1);
  }

  /** A zigzag-encoded signed varint (sint32/sint64), exact for magnitudes below 2^53. */
  sint64(): number {
    this.varint();
    // (u >>> 1) ^ -(u & 1), on the halves so no bit is lost before the shift.
    const half = this.hi * 2 ** 31 + (this.lo >>> 1);
    return (this.lo & 1) === 0 ? half : -half - 1;
  }

  /** An int32 varint (negative int32 values are written as 10-byte int64). */
  int32(): number {
    return this.int64();
  }

  bool(): boolean {
    return this.uint64() !== 0;
  }

  /** The length of a length-delimited field, checked against the end of the message. */
  length(): number {
    const n = this.uint64();
    if (n > this.end - this.pos) {
      throw protobufError(
        `length ${n} runs past the end of the message (${this.end - this.pos} bytes left)`,
        `长度 ${n} 超出消息末尾（剩余 ${this.end - this.pos} 字节）`,
      );
    }
    return n;
  }

  /** A length-delimited field as a view (no copy). */
  bytesField(): Uint8Array {
    const n = this.length();
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  string(): string {
    return utf8.decode(this.bytesField());
  }

  /** A reader over an embedded message. */
  message(): ProtoReader {
    const n = this.length();
    const r = new ProtoReader(this.bytes, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const t = this.uint64();
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (field === 0) throw protobufError('field number 0', '字段编号为 0');
    return { field, wire };
  }

  /** Skips a field's value of the given wire type. */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.uint64();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_LENGTH: {
        const n = this.length(); // read first: `pos += length()` would add to the old pos
        this.pos += n;
        return;
      }
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        throw protobufError(`unsupported wire type ${wire}`, `不支持的线路类型 ${wire}`);
    }
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) throw protobufError('truncated fixed-width field', '定长字段被截断');
    this.pos += n;
  }

  /** Packed repeated varints (uint32/int32/int64) appended to `out`; also accepts one unpacked value. */
  packedInt64(wire: number, out: number[]): void {
    if (wire === WIRE_VARINT) {
      out.push(this.int64());
      return;
    }
    expectWire(wire, WIRE_LENGTH, 'packed integers');
    const sub = this.message();
    while (!sub.done) out.push(sub.int64());
  }

  /** Packed repeated sint64 appended to `out`; also accepts one unpacked value. */
  packedSint64(wire: number, out: number[]): void {
    if (wire === WIRE_VARINT) {
      out.push(this.sint64());
      return;
    }
    expectWire(wire, WIRE_LENGTH, 'packed signed integers');
    const sub = this.message();
    while (!sub.done) out.push(sub.sint64());
  }
}

export function expectWire(got: number, want: number, what: string): void {
  if (got !== want) {
    throw protobufError(
      `${what}: wire type ${got}, expected ${want}`,
      `${what}：线路类型为 ${got}，应为 ${want}`,
    );
  }
}

/** Encoding helpers, for tests and fixtures built in code. */
export function encodeVarint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

export function zigzag(value: number | bigint): bigint {
  const v = BigInt(value);
  return v >= 0n ? v * 2n : -v * 2n - 1n;
}

/** A field: tag plus value; `value` as bytes for wire type 2, as an integer for wire type 0. */
export function encodeField(field: number, value: number | bigint | Uint8Array | number[]): number[] {
  if (typeof value === 'number' || typeof value === 'bigint') {
    return [...encodeVarint(field * 8 + WIRE_VARINT), ...encodeVarint(value)];
  }
  return [...encodeVarint(field * 8 + WIRE_LENGTH), ...encodeVarint(value.length), ...value];
}
