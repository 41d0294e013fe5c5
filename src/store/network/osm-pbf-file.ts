/**
 * Reads an OpenStreetMap `.osm.pbf` file block by block (issue 3 §2): the file is a sequence of
 * [4-byte big-endian BlobHeader length][BlobHeader][Blob]; each Blob is raw or zlib-compressed
 * (inflated here with node:zlib) and holds an OSMHeader (first) or an OSMData PrimitiveBlock. The
 * messages are decoded by the pure domain module (src/domain/osm/osm-pbf.ts).
 *
 * Only one block is in memory at a time. Bad input — a truncated file, a first block that is not an
 * OSMHeader, a BlobHeader over 64 KiB or a blob over 32 MiB, an unsupported required feature or
 * compression, zlib data that does not inflate to its stated size — throws a FuwuError naming the
 * problem and the block's byte offset.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import type { PbfHeader } from '../../domain/osm/osm-pbf.ts';
import {
  MAX_BLOB_BYTES,
  MAX_BLOB_HEADER_BYTES,
  decodeBlob,
  decodeBlobHeader,
  decodeHeaderBlock,
  pbfError,
} from '../../domain/osm/osm-pbf.ts';
import { FuwuError } from '../../domain/shared/errors.ts';

export interface PbfBlock {
  /** Byte offset of the block's length prefix in the file. */
  offset: number;
  /** Byte offset just after the block. */
  end: number;
  /** The decompressed PrimitiveBlock. */
  data: Uint8Array;
}

async function readExactly(fh: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

function truncated(offset: number, what: string, zhWhat: string): FuwuError {
  return pbfError(
    `the file ends inside ${what} at byte ${offset} (truncated?)`,
    `文件在第 ${offset} 字节处的${zhWhat}中结束（文件被截断？）`,
  );
}

function inflate(data: Uint8Array, rawSize: number, offset: number): Uint8Array {
  let out: Buffer;
  try {
    out = inflateSync(data, { maxOutputLength: Math.max(rawSize, 1) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw pbfError(
      `the zlib data of the block at byte ${offset} does not inflate (${why})`,
      `第 ${offset} 字节处数据块的 zlib 数据无法解压（${why}）`,
    );
  }
  if (out.length !== rawSize) {
    throw pbfError(
      `the block at byte ${offset} inflates to ${out.length} bytes, not the stated ${rawSize}`,
      `第 ${offset} 字节处的数据块解压后为 ${out.length} 字节，而非声明的 ${rawSize} 字节`,
    );
  }
  return out;
}

/** An open PBF file: its header, and its data blocks in file order. */
export class PbfFile {
  private constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    readonly header: PbfHeader,
    /** Offset of the first block after the header. */
    private readonly dataStart: number,
  ) {}

  static async open(path: string): Promise<PbfFile> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      const first = await readBlobAt(fh, 0, size, true);
      if (first === null) {
        throw pbfError(
          'the file is empty: not an OpenStreetMap PBF file',
          '文件为空，不是 OpenStreetMap PBF 文件',
        );
      }
      if (first.type !== 'OSMHeader') {
        throw pbfError(
          `the first block is "${first.type}", not "OSMHeader": not an OpenStreetMap PBF file`,
          `第一个数据块为“${first.type}”而非“OSMHeader”，不是 OpenStreetMap PBF 文件`,
        );
      }
      const header = decodeHeaderBlock(first.data!);
      return new PbfFile(fh, size, header, first.end);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /**
   * The OSMData blocks in order. `wanted(offset)` false skips a block without reading or inflating
   * it (a second pass over only the blocks it needs); unknown block types are skipped.
   */
  async *blocks(wanted: (offset: number) => boolean = () => true): AsyncGenerator<PbfBlock> {
    let offset = this.dataStart;
    for (;;) {
      const blob = await readBlobAt(this.fh, offset, this.size, (o) => wanted(o));
      if (blob === null) return;
      if (blob.type === 'OSMHeader') {
        throw pbfError(`a second OSMHeader at byte ${offset}`, `第 ${offset} 字节处出现第二个 OSMHeader`);
      }
      if (blob.type === 'OSMData' && blob.data !== null) {
        yield { offset, end: blob.end, data: blob.data };
      }
      offset = blob.end;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/**
 * Reads the block at `offset`: null at the end of the file; `data` null when `wanted` says skip
 * (the blob is then not read at all).
 */
async function readBlobAt(
  fh: FileHandle,
  offset: number,
  size: number,
  wanted: boolean | ((offset: number) => boolean),
): Promise<{ type: string; data: Uint8Array | null; end: number } | null> {
  if (offset >= size) return null;
  const prefix = await readExactly(fh, offset, 4);
  if (prefix.length < 4) throw truncated(offset, 'a block length', '数据块长度');
  const headerLength = new DataView(prefix.buffer).getUint32(0, false);
  if (headerLength === 0 || headerLength > MAX_BLOB_HEADER_BYTES) {
    throw pbfError(
      `BlobHeader length ${headerLength} at byte ${offset} is outside 1..${MAX_BLOB_HEADER_BYTES}: ` +
        'not an OpenStreetMap PBF file, or a corrupt one',
      `第 ${offset} 字节处的 BlobHeader 长度 ${headerLength} 不在 1..${MAX_BLOB_HEADER_BYTES} 之内：` +
        '不是 OpenStreetMap PBF 文件，或文件已损坏',
    );
  }
  const headerBytes = await readExactly(fh, offset + 4, headerLength);
  if (headerBytes.length < headerLength) throw truncated(offset, 'a BlobHeader', 'BlobHeader');
  let header;
  try {
    header = decodeBlobHeader(headerBytes);
  } catch (e) {
    if (offset === 0 && e instanceof FuwuError && e.problems[0]?.field === 'osm.pbf') {
      throw pbfError(
        `the first BlobHeader does not decode (${e.message}): not an OpenStreetMap PBF file`,
        `第一个 BlobHeader 无法解码（${e.zh}）：不是 OpenStreetMap PBF 文件`,
      );
    }
    throw e;
  }
  const blobStart = offset + 4 + headerLength;
  const end = blobStart + header.datasize;
  if (end > size) throw truncated(offset, `the ${header.type} block`, ` ${header.type} 数据块`);
  const want = typeof wanted === 'function' ? wanted(offset) : wanted;
  if (!want || (header.type !== 'OSMData' && header.type !== 'OSMHeader')) {
    return { type: header.type, data: null, end };
  }
  const blob = decodeBlob(await readExactly(fh, blobStart, header.datasize));
  const data = blob.compression === 'raw' ? blob.data : inflate(blob.data, blob.rawSize, offset);
  if (data.length > MAX_BLOB_BYTES) {
    throw pbfError(
      `the block at byte ${offset} holds ${data.length} bytes (at most ${MAX_BLOB_BYTES})`,
      `第 ${offset} 字节处的数据块有 ${data.length} 字节（上限 ${MAX_BLOB_BYTES}）`,
    );
  }
  return { type: header.type, data, end };
}
