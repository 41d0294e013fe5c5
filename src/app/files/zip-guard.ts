/**
 * Refuses a ZIP bomb before the workbook reader inflates it (issue 7 §3). The Excel reader inflates
 * every entry into memory, so a 10 MB upload whose sheet inflates to gigabytes would exhaust the
 * server. The central directory states each entry's sizes: their total and each entry's ratio are
 * checked first, without inflating anything; then each entry is inflated with its stated size as a
 * hard cap, so a directory that lies about sizes is caught at that size, not at the bomb's.
 */
import { inflateRawSync } from 'node:zlib';
import { FuwuError } from '../../domain/shared/errors.ts';

/** Most a workbook may inflate to, all entries together. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
/** Highest inflated/compressed ratio of an entry over 1 MiB (real sheets compress 5–30 times). */
export const MAX_COMPRESSION_RATIO = 200;
const RATIO_FROM_BYTES = 1024 * 1024;

export interface ZipDirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipDirectory = { ok: true; entries: ZipDirectoryEntry[] } | { ok: false; en: string; zh: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a ZIP's central directory, read from its end record; pure. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0)
    return {
      ok: false,
      en: 'the ZIP has no end record (truncated?)',
      zh: 'ZIP 文件缺少结束记录（文件被截断？）',
    };
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff)
    return { ok: false, en: 'ZIP64 workbooks are not accepted', zh: '不接受 ZIP64 格式的工作簿' };
  if (dirOffset + dirSize > end)
    return {
      ok: false,
      en: 'the ZIP central directory lies outside the file (truncated or corrupt)',
      zh: 'ZIP 中央目录超出文件范围（文件被截断或已损坏）',
    };
  const entries: ZipDirectoryEntry[] = [];
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL)
      return {
        ok: false,
        en: `ZIP central directory entry ${k + 1} is corrupt`,
        zh: `ZIP 中央目录第 ${k + 1} 项已损坏`,
      };
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** Why the stated sizes are refused, or null when they are within the limits; pure. */
export function zipSizeProblem(entries: readonly ZipDirectoryEntry[]): { en: string; zh: string } | null {
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff)
      return { en: `entry ${e.name} is ZIP64 (over 4 GB)`, zh: `条目 ${e.name} 为 ZIP64 格式（超过 4 GB）` };
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > RATIO_FROM_BYTES && ratio > MAX_COMPRESSION_RATIO)
      return {
        en: `entry ${e.name} inflates ${Math.round(ratio)} times (at most ${MAX_COMPRESSION_RATIO}): a ZIP bomb?`,
        zh: `条目 ${e.name} 解压后膨胀 ${Math.round(ratio)} 倍（上限 ${MAX_COMPRESSION_RATIO} 倍），疑为 ZIP 炸弹`,
      };
  }
  if (total > MAX_INFLATED_BYTES)
    return {
      en: `the workbook inflates to ${mib(total)} MB (at most ${mib(MAX_INFLATED_BYTES)} MB)`,
      zh: `工作簿解压后为 ${mib(total)} MB（上限 ${mib(MAX_INFLATED_BYTES)} MB）`,
    };
  return null;
}

const mib = (n: number) => Math.round(n / 1024 / 1024);

/** Throws `invalid_input` unless the ZIP's entries are within the limits, stated and actual. */
export function checkZipLimits(bytes: Uint8Array, fileName: string): void {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) throw refused(fileName, dir);
  const problem = zipSizeProblem(dir.entries);
  if (problem) throw refused(fileName, problem);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of dir.entries) {
    const local = e.localHeaderOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL)
      throw refused(fileName, {
        en: `the local header of ${e.name} is missing (truncated or corrupt)`,
        zh: `条目 ${e.name} 的本地文件头缺失（文件被截断或已损坏）`,
      });
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (data.length < e.compressedSize)
      throw refused(fileName, {
        en: `entry ${e.name} is cut short (truncated)`,
        zh: `条目 ${e.name} 不完整（文件被截断）`,
      });
    if (e.method !== 8) continue;
    try {
      // The stated size is the cap: an entry that inflates past it stops here.
      inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch {
      throw refused(fileName, {
        en: `entry ${e.name} does not inflate to its stated ${e.uncompressedSize} bytes`,
        zh: `条目 ${e.name} 解压后与声明的 ${e.uncompressedSize} 字节不符`,
      });
    }
  }
}

function refused(fileName: string, p: { en: string; zh: string }): FuwuError {
  return new FuwuError(
    'invalid_input',
    `${fileName}：无法读取 Excel 工作簿：${p.zh}`,
    `${fileName}: cannot read the Excel workbook: ${p.en}`,
    [{ field: 'file', zh: p.zh, en: p.en }],
  );
}
