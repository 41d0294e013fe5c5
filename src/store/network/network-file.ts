/**
 * The walking network as a binary artefact (issue 3 §2): the CSR arrays written as raw bytes, so a
 * million-node network loads in a read and a hash, with no parsing.
 *
 * Layout (little-endian, every section starting on an 8-byte boundary):
 *   header, 64 bytes:
 *     0  magic 'FUWUNET1' (8 bytes)
 *     8  format version, u32 (1)
 *    12  header size in bytes, u32 (64)
 *    16  nodeCount, u32
 *    20  arcCount, u32
 *    24  body size in bytes, u32 low, u32 high
 *    32  SHA-256 of the body (32 bytes)
 *   body: x (f64 × n), y (f64 × n), offsets (u32 × (n+1)), targets (u32 × arcs), costs (u32 × arcs),
 *         each padded with zeros to a multiple of 8 bytes.
 * The hash covers the body; it is returned on write (the network's identity in results that depend
 * on it) and checked on read, so a truncated or corrupted file fails with an error instead of
 * producing wrong times.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { WalkGraph } from '../../domain/access/graph.ts';
import { checkGraphShape } from '../../domain/access/graph.ts';
import { FuwuError } from '../../domain/shared/errors.ts';

const MAGIC = 'FUWUNET1';
export const NETWORK_FILE_VERSION = 1;
const HEADER_BYTES = 64;

const pad8 = (bytes: number) => Math.ceil(bytes / 8) * 8;

function bodyLayout(n: number, arcs: number) {
  const x = 0;
  const y = x + pad8(8 * n);
  const offsets = y + pad8(8 * n);
  const targets = offsets + pad8(4 * (n + 1));
  const costs = targets + pad8(4 * arcs);
  const end = costs + pad8(4 * arcs);
  return { x, y, offsets, targets, costs, end };
}

function badFile(path: string, zh: string, en: string): FuwuError {
  return new FuwuError(
    'invalid_input',
    `路网文件 ${path} 无效：${zh}`,
    `network file ${path} is invalid: ${en}`,
    [{ field: 'network', zh, en }],
  );
}

function requireLittleEndian(): void {
  // Typed arrays use the machine's byte order; the format is little-endian (every common server is).
  if (endianness() !== 'LE') {
    throw new FuwuError(
      'invalid_input',
      '路网文件仅支持小端序机器',
      'network files need a little-endian machine',
    );
  }
}

/** Writes the graph to `path`; returns the SHA-256 (hex) of the body. */
export function writeNetworkFile(path: string, graph: WalkGraph): { sha256: string; bytes: number } {
  requireLittleEndian();
  checkGraphShape(graph);
  const n = graph.nodeCount;
  const arcs = graph.targets.length;
  const L = bodyLayout(n, arcs);
  const file = new Uint8Array(HEADER_BYTES + L.end);
  const body = file.subarray(HEADER_BYTES);
  const put = (at: number, a: Float64Array | Uint32Array) =>
    body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
  put(L.x, graph.x);
  put(L.y, graph.y);
  put(L.offsets, graph.offsets);
  put(L.targets, graph.targets);
  put(L.costs, graph.costs);
  const hash = createHash('sha256').update(body).digest();
  const view = new DataView(file.buffer);
  for (let i = 0; i < MAGIC.length; i++) file[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, NETWORK_FILE_VERSION, true);
  view.setUint32(12, HEADER_BYTES, true);
  view.setUint32(16, n, true);
  view.setUint32(20, arcs, true);
  view.setUint32(24, L.end % 2 ** 32, true);
  view.setUint32(28, Math.floor(L.end / 2 ** 32), true);
  file.set(hash, 32);
  writeFileSync(path, file);
  return { sha256: hash.toString('hex'), bytes: file.length };
}

/** Reads a network file, checking its header, size, hash and shape; the arrays are views of one buffer. */
export function readNetworkFile(path: string): { graph: WalkGraph; sha256: string } {
  requireLittleEndian();
  // One read into a buffer of the file's size; sections are 8-byte aligned in the file, so they are
  // viewed in place when the buffer starts on an 8-byte boundary (it does for files of this size),
  // and copied once otherwise.
  let file: Uint8Array = readFileSync(path);
  if (file.length < HEADER_BYTES) throw badFile(path, '文件过短', 'shorter than the header');
  if (file.byteOffset % 8 !== 0) file = new Uint8Array(file);
  const magic = String.fromCharCode(...file.subarray(0, 8));
  if (magic !== MAGIC) throw badFile(path, '不是 fuwu 路网文件', `magic is not ${MAGIC}`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const version = view.getUint32(8, true);
  if (version !== NETWORK_FILE_VERSION) {
    throw badFile(
      path,
      `版本 ${version} 不受支持`,
      `version ${version} is not supported (expected ${NETWORK_FILE_VERSION})`,
    );
  }
  if (view.getUint32(12, true) !== HEADER_BYTES)
    throw badFile(path, '文件头长度不符', 'header size mismatch');
  const n = view.getUint32(16, true);
  const arcs = view.getUint32(20, true);
  const bodyBytes = view.getUint32(24, true) + view.getUint32(28, true) * 2 ** 32;
  const L = bodyLayout(n, arcs);
  if (bodyBytes !== L.end || file.length !== HEADER_BYTES + L.end) {
    throw badFile(
      path,
      '文件长度与节点数、弧数不符（可能被截断）',
      'size does not match the node and arc counts (truncated?)',
    );
  }
  const body = file.subarray(HEADER_BYTES);
  const hash = createHash('sha256').update(body).digest();
  const stored = Buffer.from(file.subarray(32, 64));
  if (!hash.equals(stored)) {
    throw badFile(path, '内容哈希不符（文件已损坏）', 'content hash mismatch (the file is corrupted)');
  }
  const base = file.byteOffset + HEADER_BYTES;
  const graph: WalkGraph = {
    nodeCount: n,
    x: new Float64Array(file.buffer, base + L.x, n),
    y: new Float64Array(file.buffer, base + L.y, n),
    offsets: new Uint32Array(file.buffer, base + L.offsets, n + 1),
    targets: new Uint32Array(file.buffer, base + L.targets, arcs),
    costs: new Uint32Array(file.buffer, base + L.costs, arcs),
  };
  checkGraphShape(graph);
  return { graph, sha256: hash.toString('hex') };
}
