/**
 * The messages of the OpenStreetMap PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format),
 * decoded from bytes (issue 3 §2). The file itself — a sequence of [4-byte big-endian length]
 * [BlobHeader][Blob] — is read and inflated in the store (src/store/network/osm-pbf-file.ts); this
 * module only decodes the messages:
 *
 * - BlobHeader: type ("OSMHeader", "OSMData", others skipped) and the blob's size.
 * - Blob: raw or zlib_data (with raw_size); lzma, bzip2, lz4 and zstd are refused by name.
 * - HeaderBlock: required_features must be among OsmSchema-V0.6 and DenseNodes (historical
 *   information and anything else this reader does not know is refused, as the format demands).
 * - PrimitiveBlock: the string table, granularity and lat/lon offsets, and groups of plain Nodes,
 *   DenseNodes (delta-coded ids and coordinates, keys_vals) and Ways (delta-coded refs, tags).
 *   Relations and changesets are skipped.
 *
 * Coordinates are computed as (offset + granularity × value) / 1e9 nanodegrees: one exact integer
 * divided by a power of ten, so the double is the correctly rounded decimal, exactly what parsing
 * the same coordinate from XML gives — a .osm and its .osm.pbf build the identical network.
 */
import { FuwuError } from '../shared/errors.ts';
import type { OsmTags } from './osm-xml.ts';
import { ProtoReader, WIRE_LENGTH, WIRE_VARINT, expectWire } from './protobuf.ts';

/** Largest BlobHeader the format allows (64 KiB). */
export const MAX_BLOB_HEADER_BYTES = 64 * 1024;
/** Largest blob, compressed or not (32 MiB). */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export const SUPPORTED_FEATURES: readonly string[] = ['OsmSchema-V0.6', 'DenseNodes'];

export function pbfError(en: string, zh: string): FuwuError {
  return new FuwuError('import_rejected', `PBF 文件无效：${zh}`, `invalid PBF file: ${en}`, [
    { field: 'osm.pbf', zh, en },
  ]);
}

export interface BlobHeader {
  type: string;
  datasize: number;
}

export function decodeBlobHeader(bytes: Uint8Array): BlobHeader {
  const r = new ProtoReader(bytes);
  let type: string | undefined;
  let datasize: number | undefined;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LENGTH) type = r.string();
    else if (field === 3 && wire === WIRE_VARINT) datasize = r.int32();
    else r.skip(wire);
  }
  if (type === undefined || datasize === undefined) {
    throw pbfError('BlobHeader without type or datasize', 'BlobHeader 缺少 type 或 datasize');
  }
  if (datasize < 0 || datasize > MAX_BLOB_BYTES) {
    throw pbfError(
      `blob of ${datasize} bytes (the format allows at most ${MAX_BLOB_BYTES})`,
      `数据块大小为 ${datasize} 字节（格式上限为 ${MAX_BLOB_BYTES} 字节）`,
    );
  }
  return { type, datasize };
}

export type BlobContent =
  { compression: 'raw'; data: Uint8Array } | { compression: 'zlib'; data: Uint8Array; rawSize: number };

const OTHER_COMPRESSIONS: Readonly<Record<number, string>> = {
  4: 'lzma',
  5: 'bzip2',
  6: 'lz4',
  7: 'zstd',
};

export function decodeBlob(bytes: Uint8Array): BlobContent {
  const r = new ProtoReader(bytes);
  let raw: Uint8Array | undefined;
  let zlib: Uint8Array | undefined;
  let rawSize: number | undefined;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LENGTH) raw = r.bytesField();
    else if (field === 2 && wire === WIRE_VARINT) rawSize = r.int32();
    else if (field === 3 && wire === WIRE_LENGTH) zlib = r.bytesField();
    else if (OTHER_COMPRESSIONS[field] !== undefined) {
      const name = OTHER_COMPRESSIONS[field];
      throw pbfError(
        `${name} compressed blobs are not supported (only raw and zlib); recompress with osmium cat -f pbf`,
        `不支持 ${name} 压缩的数据块（仅支持未压缩和 zlib），可用 osmium cat -f pbf 重新压缩`,
      );
    } else r.skip(wire);
  }
  if (raw !== undefined) return { compression: 'raw', data: raw };
  if (zlib !== undefined) {
    if (rawSize === undefined || rawSize < 0 || rawSize > MAX_BLOB_BYTES) {
      throw pbfError(
        `zlib blob with raw_size ${rawSize ?? 'missing'} (at most ${MAX_BLOB_BYTES})`,
        `zlib 数据块的 raw_size 为 ${rawSize ?? '缺失'}（上限 ${MAX_BLOB_BYTES}）`,
      );
    }
    return { compression: 'zlib', data: zlib, rawSize };
  }
  throw pbfError('blob without data', '数据块没有内容');
}

export interface PbfHeader {
  requiredFeatures: string[];
  optionalFeatures: string[];
  writingProgram: string | null;
}

/** Decodes the HeaderBlock and refuses features this reader cannot honour. */
export function decodeHeaderBlock(bytes: Uint8Array): PbfHeader {
  const r = new ProtoReader(bytes);
  const requiredFeatures: string[] = [];
  const optionalFeatures: string[] = [];
  let writingProgram: string | null = null;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 4 && wire === WIRE_LENGTH) requiredFeatures.push(r.string());
    else if (field === 5 && wire === WIRE_LENGTH) optionalFeatures.push(r.string());
    else if (field === 16 && wire === WIRE_LENGTH) writingProgram = r.string();
    else r.skip(wire);
  }
  const unsupported = requiredFeatures.filter((f) => !SUPPORTED_FEATURES.includes(f));
  if (unsupported.length > 0) {
    const list = unsupported.join(', ');
    throw pbfError(
      `required feature ${list} is not supported (only ${SUPPORTED_FEATURES.join(' and ')})` +
        (unsupported.includes('HistoricalInformation') ? '; use an extract without history' : ''),
      `不支持所需特性 ${list}（仅支持 ${SUPPORTED_FEATURES.join('、')}）` +
        (unsupported.includes('HistoricalInformation') ? '；请使用不含历史版本的数据' : ''),
    );
  }
  return { requiredFeatures, optionalFeatures, writingProgram };
}

/** What to decode from a primitive block; skipping the other kind is cheap (no allocation). */
export interface PrimitiveSink {
  /** Called for every node (plain or dense) when set. */
  node?: (id: number, lat: number, lon: number, tags: OsmTags) => void;
  /** Called for every way when set; `refs` is reused between calls: copy it to keep it. */
  way?: (id: number, refs: readonly number[], tags: OsmTags) => void;
  /** Skip node tags (decode only ids and coordinates). */
  nodeTags?: boolean;
}

export interface PrimitiveCounts {
  nodes: number;
  ways: number;
}

interface BlockFrame {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

const EMPTY_TAGS: OsmTags = Object.freeze({});

function checkCoord(id: number, lat: number, lon: number): void {
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
    throw pbfError(
      `node ${id} lies outside ±90/±180 degrees (${lat}, ${lon})`,
      `节点 ${id} 的坐标超出 ±90/±180 度（${lat}, ${lon}）`,
    );
  }
}

function stringAt(frame: BlockFrame, i: number): string {
  const s = frame.strings[i];
  if (s === undefined) {
    throw pbfError(
      `string index ${i} outside the string table (${frame.strings.length})`,
      `字符串索引 ${i} 超出字符串表（${frame.strings.length} 项）`,
    );
  }
  return s;
}

function tagsOf(frame: BlockFrame, keys: readonly number[], vals: readonly number[]): OsmTags {
  if (keys.length === 0) return EMPTY_TAGS;
  if (keys.length !== vals.length) {
    throw pbfError('keys and vals of different lengths', 'keys 与 vals 长度不同');
  }
  const tags: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) tags[stringAt(frame, keys[i]!)] = stringAt(frame, vals[i]!);
  return tags;
}

/**
 * Decodes a PrimitiveBlock, calling the sink for each node and way; returns how many of each the
 * block holds (all of them, also those of a kind the sink does not ask for).
 */
export function decodePrimitiveBlock(bytes: Uint8Array, sink: PrimitiveSink): PrimitiveCounts {
  const r = new ProtoReader(bytes);
  const frame: BlockFrame = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0 };
  const groups: ProtoReader[] = [];
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LENGTH) {
      const st = r.message();
      while (!st.done) {
        const t = st.tag();
        if (t.field === 1 && t.wire === WIRE_LENGTH) frame.strings.push(st.string());
        else st.skip(t.wire);
      }
    } else if (field === 2 && wire === WIRE_LENGTH) groups.push(r.message());
    else if (field === 17 && wire === WIRE_VARINT) frame.granularity = r.int32();
    else if (field === 19 && wire === WIRE_VARINT) frame.latOffset = r.int64();
    else if (field === 20 && wire === WIRE_VARINT) frame.lonOffset = r.int64();
    else r.skip(wire);
  }
  if (frame.granularity <= 0) {
    throw pbfError(`granularity ${frame.granularity}`, `坐标粒度为 ${frame.granularity}`);
  }
  const counts: PrimitiveCounts = { nodes: 0, ways: 0 };
  for (const g of groups) {
    while (!g.done) {
      const { field, wire } = g.tag();
      if (field === 1) {
        expectWire(wire, WIRE_LENGTH, 'Node');
        counts.nodes++;
        if (sink.node) decodeNode(g.message(), frame, sink);
        else g.skip(wire);
      } else if (field === 2) {
        expectWire(wire, WIRE_LENGTH, 'DenseNodes');
        const dense = g.message();
        counts.nodes += decodeDenseNodes(dense, frame, sink);
      } else if (field === 3) {
        expectWire(wire, WIRE_LENGTH, 'Way');
        counts.ways++;
        if (sink.way) decodeWay(g.message(), frame, sink);
        else g.skip(wire);
      } else g.skip(wire); // relations (4), changesets (5)
    }
  }
  return counts;
}

const degrees = (frame: BlockFrame, offset: number, value: number) =>
  (offset + frame.granularity * value) / 1e9;

function decodeNode(m: ProtoReader, frame: BlockFrame, sink: PrimitiveSink): void {
  let id: number | undefined;
  let lat: number | undefined;
  let lon: number | undefined;
  const keys: number[] = [];
  const vals: number[] = [];
  while (!m.done) {
    const { field, wire } = m.tag();
    if (field === 1 && wire === WIRE_VARINT) id = m.sint64();
    else if (field === 2) m.packedInt64(wire, keys);
    else if (field === 3) m.packedInt64(wire, vals);
    else if (field === 8 && wire === WIRE_VARINT) lat = m.sint64();
    else if (field === 9 && wire === WIRE_VARINT) lon = m.sint64();
    else m.skip(wire);
  }
  if (id === undefined || lat === undefined || lon === undefined) {
    throw pbfError('node without id, lat or lon', '节点缺少 id、lat 或 lon');
  }
  const la = degrees(frame, frame.latOffset, lat);
  const lo = degrees(frame, frame.lonOffset, lon);
  checkCoord(id, la, lo);
  sink.node!(id, la, lo, sink.nodeTags === false ? EMPTY_TAGS : tagsOf(frame, keys, vals));
}

/** Returns the number of nodes in the group. */
function decodeDenseNodes(m: ProtoReader, frame: BlockFrame, sink: PrimitiveSink): number {
  const ids: number[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  const keysVals: number[] = [];
  const wantTags = sink.node !== undefined && sink.nodeTags !== false;
  let counted = 0;
  while (!m.done) {
    const { field, wire } = m.tag();
    if (field === 1 && !sink.node && wire === WIRE_LENGTH) {
      // Only the count is wanted: one varint ends at each byte below 0x80.
      const packed = m.bytesField();
      for (let i = 0; i < packed.length; i++) if (packed[i]! < 0x80) counted++;
    } else if (field === 1) m.packedSint64(wire, ids);
    else if (!sink.node) m.skip(wire);
    else if (field === 8) m.packedSint64(wire, lats);
    else if (field === 9) m.packedSint64(wire, lons);
    else if (field === 10 && wantTags) m.packedInt64(wire, keysVals);
    else m.skip(wire); // denseinfo (5), or tags when not wanted
  }
  const n = ids.length;
  if (!sink.node) return n + counted;
  if (lats.length !== n || lons.length !== n) {
    throw pbfError(
      `DenseNodes with ${n} ids, ${lats.length} latitudes and ${lons.length} longitudes`,
      `DenseNodes 中 id ${n} 个、纬度 ${lats.length} 个、经度 ${lons.length} 个，数量不一致`,
    );
  }
  let id = 0;
  let lat = 0;
  let lon = 0;
  let kv = 0;
  for (let i = 0; i < n; i++) {
    id += ids[i]!;
    lat += lats[i]!;
    lon += lons[i]!;
    let tags = EMPTY_TAGS;
    if (wantTags && kv < keysVals.length) {
      const t: Record<string, string> = {};
      let any = false;
      while (kv < keysVals.length && keysVals[kv] !== 0) {
        if (kv + 1 >= keysVals.length) {
          throw pbfError('keys_vals ends inside a key/value pair', 'keys_vals 在键值对中间结束');
        }
        t[stringAt(frame, keysVals[kv]!)] = stringAt(frame, keysVals[kv + 1]!);
        any = true;
        kv += 2;
      }
      kv++; // the 0 that ends this node's tags
      if (any) tags = t;
    }
    const la = degrees(frame, frame.latOffset, lat);
    const lo = degrees(frame, frame.lonOffset, lon);
    checkCoord(id, la, lo);
    sink.node(id, la, lo, tags);
  }
  return n;
}

const wayRefs: number[] = [];

function decodeWay(m: ProtoReader, frame: BlockFrame, sink: PrimitiveSink): void {
  let id: number | undefined;
  const keys: number[] = [];
  const vals: number[] = [];
  wayRefs.length = 0;
  while (!m.done) {
    const { field, wire } = m.tag();
    if (field === 1 && wire === WIRE_VARINT) id = m.int64();
    else if (field === 2) m.packedInt64(wire, keys);
    else if (field === 3) m.packedInt64(wire, vals);
    else if (field === 8) m.packedSint64(wire, wayRefs);
    else m.skip(wire); // info (4), lat/lon of LocationsOnWays (9, 10)
  }
  if (id === undefined) throw pbfError('way without id', '道路缺少 id');
  let ref = 0;
  for (let i = 0; i < wayRefs.length; i++) wayRefs[i] = ref += wayRefs[i]!;
  sink.way!(id, wayRefs, tagsOf(frame, keys, vals));
}
