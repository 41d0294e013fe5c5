/**
 * Builders of hostile import files (issue 7 §3): GBK bytes, hand-made ZIPs (a ZIP bomb whose sheet
 * inflates to gigabytes from a few megabytes, a directory that lies about sizes), truncations, XML
 * entity bombs and oversized PBF blocks. Built in memory, so no fixture hides what a test feeds.
 */
import { crc32, deflateRawSync, inflateRawSync, constants as zlibConstants } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readZipDirectory } from '../../src/app/files/zip-guard.ts';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

let gbkTable: Map<string, number> | null = null;

/** Text as GBK bytes (Node has no GBK encoder: the decoder's table, reversed, is one). */
export function gbk(text: string): Uint8Array {
  if (gbkTable === null) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = gbkTable.get(ch);
    if (code === undefined) throw new Error(`no GBK code for ${ch}`);
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The first `fraction` of the bytes (at least one byte is cut). */
export const truncate = (bytes: Uint8Array, fraction: number): Uint8Array =>
  bytes.subarray(0, Math.min(bytes.length - 1, Math.floor(bytes.length * fraction)));

export interface ZipEntry {
  name: string;
  /** Deflated (method 8) bytes, or the stored bytes (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  /** What the headers claim the entry inflates to (a bomb's honest size, or a lie). */
  uncompressedSize: number;
  crc?: number;
}

/** A ZIP file of `entries`: local headers, data, central directory, end record (no ZIP64). */
export function buildZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // names in UTF-8
    local.setUint16(8, e.method, true);
    local.setUint32(14, e.crc ?? 0, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.uncompressedSize, true);
    local.setUint16(26, name.length, true);
    locals.push(new Uint8Array(local.buffer), name, e.data);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, 0x0800, true);
    central.setUint16(10, e.method, true);
    central.setUint32(16, e.crc ?? 0, true);
    central.setUint32(20, e.data.length, true);
    central.setUint32(24, e.uncompressedSize, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    centrals.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = concat(...centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directory.length, true);
  end.setUint32(16, offset, true);
  return concat(...locals, directory, new Uint8Array(end.buffer));
}

export const stored = (name: string, text: string): ZipEntry => {
  const data = utf8(text);
  return { name, data, method: 0, uncompressedSize: data.length, crc: crc32(data) };
};

/**
 * A raw deflate stream of `mebibytes` MiB of '0' characters, a few bytes each: one MiB compressed
 * with a sync flush (so it ends on a byte boundary and refers only to itself), repeated, then a
 * final empty block. Nothing is inflated to build it.
 */
export function deflatedZeros(mebibytes: number): Uint8Array {
  const mib = deflateRawSync(Buffer.alloc(1 << 20, 0x30), {
    level: 9,
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
  });
  const out = new Uint8Array(mib.length * mebibytes + 2);
  for (let i = 0; i < mebibytes; i++) out.set(mib, i * mib.length);
  out.set([0x03, 0x00], mib.length * mebibytes); // a final fixed-Huffman block holding only its end
  return out;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';

/**
 * An XLSX-shaped ZIP whose first sheet inflates to `mebibytes` MiB. `honest` false makes the
 * headers claim 1 KiB, as a bomb that lies about its size would.
 */
export function xlsxBomb(mebibytes: number, honest = true): Uint8Array {
  const data = deflatedZeros(mebibytes);
  return buildZip([
    stored('[Content_Types].xml', CONTENT_TYPES),
    {
      name: 'xl/worksheets/sheet1.xml',
      data,
      method: 8,
      uncompressedSize: honest ? Math.min(mebibytes * 2 ** 20, 0xffffffff) : 1024,
    },
  ]);
}

/** A real workbook of `rows` (first row the header), as Excel would save it. */
export async function xlsxOf(rows: readonly (readonly unknown[])[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow([...r]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The ZIP `bytes` with each entry's text passed through `edit`, written back uncompressed. */
export function rewriteZip(bytes: Uint8Array, edit: (name: string, text: string) => string): Uint8Array {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) throw new Error(dir.en);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buildZip(
    dir.entries.map((e) => {
      const o = e.localHeaderOffset;
      const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
      const data = bytes.subarray(start, start + e.compressedSize);
      const raw = e.method === 8 ? inflateRawSync(data) : data;
      return stored(e.name, edit(e.name, new TextDecoder().decode(raw)));
    }),
  );
}

/** The entity declarations of "billion laughs": &lol9; would expand to 10⁹ "lol"s. */
export function billionLaughsDoctype(root: string): string {
  const defs = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<!DOCTYPE ${root} [\n${defs.join('\n')}\n]>`;
}

/** OSM XML with the classic "billion laughs" entity declarations, used in a tag value. */
export function billionLaughsOsm(): string {
  return (
    `<?xml version="1.0"?>\n${billionLaughsDoctype('osm')}\n<osm version="0.6">\n` +
    '  <node id="1" lat="30.65" lon="104.06"/>\n  <node id="2" lat="30.651" lon="104.06"/>\n' +
    '  <way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/><tag k="name" v="&lol9;"/></way>\n' +
    '</osm>\n'
  );
}

/** OSM XML that names an external entity (XXE): reading it must not open /etc/passwd. */
export function externalEntityOsm(): string {
  return (
    '<?xml version="1.0"?>\n<!DOCTYPE osm [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<osm version="0.6">\n' +
    '  <node id="1" lat="30.65" lon="104.06"/>\n  <node id="2" lat="30.651" lon="104.06"/>\n' +
    '  <way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/><tag k="name" v="&xxe;"/></way>\n' +
    '</osm>\n'
  );
}

/** A protobuf length-delimited field (wire type 2) of `bytes`. */
function lengthField(field: number, bytes: Uint8Array): Uint8Array {
  return concat(Uint8Array.of((field << 3) | 2), varint(bytes.length), bytes);
}

function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Uint8Array.from(out);
}

/**
 * A PBF file whose first BlobHeader (type OSMHeader) declares a blob of `datasize` bytes followed by
 * `actual` bytes: a blob over the format's 32 MiB, or one cut short.
 */
export function pbfWithBlobOf(datasize: number, actual: number): Uint8Array {
  const header = concat(lengthField(1, utf8('OSMHeader')), Uint8Array.of(3 << 3), varint(datasize));
  const prefix = new DataView(new ArrayBuffer(4));
  prefix.setUint32(0, header.length, false);
  return concat(new Uint8Array(prefix.buffer), header, new Uint8Array(actual));
}
