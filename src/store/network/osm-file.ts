/**
 * Reads an OpenStreetMap extract from disk and builds the walking network (issue 3 §2): `.osm` XML
 * (UTF-8) or `.osm.pbf`, told apart by their first bytes, not their name.
 *
 * Both are read in two passes, so memory follows the walkable network, not the file: first the ways
 * (walkable ways' node refs kept in typed arrays), then the nodes (only the coordinates of nodes
 * those ways use are kept). XML is read in 1 MiB chunks through the streaming parser; PBF block by
 * block, the second pass reading only the blocks that hold nodes. Both feed the same builder, so a
 * .osm and its .osm.pbf build the identical network. Between chunks the reader reports progress and
 * yields to the event loop, so a server stays responsive during an import.
 */
import { open } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { BuildWalkNetworkOptions, WalkNetwork } from '../../domain/osm/build-walk-network.ts';
import { WalkNetworkBuilder, reorderWalkNetwork } from '../../domain/osm/build-walk-network.ts';
import { decodePrimitiveBlock } from '../../domain/osm/osm-pbf.ts';
import { OsmXmlParser } from '../../domain/osm/osm-xml.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import { PbfFile } from './osm-pbf-file.ts';

export type OsmFormat = 'xml' | 'pbf';

/** Stages of an import, in order (saving is the caller's). */
export type OsmImportStage = 'readingWays' | 'readingNodes' | 'buildingGraph' | 'reordering';

export interface OsmImportProgress {
  stage: OsmImportStage;
  /** Bytes read (reading stages), ways turned into edges (building), 0/1 (reordering). */
  done: number;
  total: number;
}

export interface ReadOsmOptions extends BuildWalkNetworkOptions {
  onProgress?: (p: OsmImportProgress) => Promise<void> | void;
}

const CHUNK_BYTES = 1024 * 1024;

function notOsm(name: string, zh: string, en: string): FuwuError {
  return new FuwuError(
    'import_rejected',
    `${name} 不是 OpenStreetMap 文件（.osm 或 .osm.pbf）：${zh}`,
    `${name} is not an OpenStreetMap file (.osm or .osm.pbf): ${en}`,
    [{ field: 'file', zh, en }],
  );
}

/** Tells OSM XML from PBF by the first bytes; refuses compressed and other files clearly. */
export function detectOsmFormat(head: Uint8Array, name = 'file'): OsmFormat {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // UTF-8 BOM
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d))
    i++;
  if (head[i] === 0x3c /* < */) return 'xml';
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return fail(
      name,
      '它是 gzip 压缩文件，请先解压（gunzip）',
      'it is gzip-compressed; decompress it first (gunzip)',
    );
  }
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) {
    return fail(
      name,
      '它是 bzip2 压缩文件，请先解压（bunzip2）',
      'it is bzip2-compressed; decompress it first (bunzip2)',
    );
  }
  // PBF: a 4-byte big-endian BlobHeader length (under 64 KiB), then field 1 (type), a string.
  if (head.length >= 6 && head[0] === 0 && head[1] === 0 && head[4] === 0x0a) return 'pbf';
  if (head.length === 0) return fail(name, '文件为空', 'the file is empty');
  return fail(
    name,
    '开头既不是 XML（<）也不是 PBF 数据块',
    'it starts neither with XML (<) nor with a PBF block',
  );
}

function fail(name: string, zh: string, en: string): never {
  throw notOsm(name, zh, en);
}

/** The format of the file at `path`, from its first bytes. */
export async function osmFormatOf(path: string, name = path): Promise<OsmFormat> {
  const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new FuwuError(
      'invalid_input',
      `无法打开 ${name}（${e.code ?? e.message}）`,
      `cannot open ${name} (${e.code ?? e.message})`,
      [{ field: 'file', zh: '无法打开', en: 'cannot be opened' }],
    );
  });
  try {
    const head = new Uint8Array(64);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return detectOsmFormat(head.subarray(0, bytesRead), name);
  } finally {
    await fh.close();
  }
}

async function readXmlPass(
  path: string,
  pass: 'ways' | 'nodes',
  builder: WalkNetworkBuilder,
  report: (done: number, total: number) => Promise<void>,
): Promise<void> {
  const parser = new OsmXmlParser({ nodes: pass === 'nodes', ways: pass === 'ways' });
  // Fatal: OSM XML is UTF-8, and a file in another encoding must be refused, not read as mojibake.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes?: Uint8Array, at = 0): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new FuwuError(
        'import_rejected',
        `OSM XML 文件不是 UTF-8 编码（约第 ${at} 字节之后）`,
        `the OSM XML file is not UTF-8 (after about byte ${at})`,
        [{ field: 'file', zh: '不是 UTF-8 编码', en: 'not UTF-8' }],
      );
    }
  };
  const take = (elements: ReturnType<OsmXmlParser['push']>) => {
    for (const el of elements) {
      if (el.type === 'way') builder.addWay(el.id, el.refs, el.tags);
      else builder.addNode(el.id, el.lat, el.lon);
    }
  };
  const fh = await open(path, 'r');
  try {
    const total = (await fh.stat()).size;
    const buf = new Uint8Array(CHUNK_BYTES);
    let done = 0;
    await report(0, total);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, done);
      if (bytesRead === 0) break;
      done += bytesRead;
      take(parser.push(decode(buf.subarray(0, bytesRead), done - bytesRead)));
      await report(done, total);
    }
    take(parser.push(decode(undefined, done)));
    take(parser.end());
  } finally {
    await fh.close();
  }
}

async function readPbf(
  path: string,
  builder: WalkNetworkBuilder,
  report: (stage: OsmImportStage, done: number, total: number) => Promise<void>,
): Promise<void> {
  const file = await PbfFile.open(path);
  try {
    const withNodes = new Set<number>();
    await report('readingWays', 0, file.size);
    for await (const block of file.blocks()) {
      const counts = decodePrimitiveBlock(block.data, {
        way: (id, refs, tags) => builder.addWay(id, refs, tags),
      });
      if (counts.nodes > 0) withNodes.add(block.offset);
      await report('readingWays', block.end, file.size);
    }
    builder.sealWays();
    await report('readingNodes', 0, file.size);
    for await (const block of file.blocks((offset) => withNodes.has(offset))) {
      decodePrimitiveBlock(block.data, {
        node: (id, lat, lon) => builder.addNode(id, lat, lon),
        nodeTags: false,
      });
      await report('readingNodes', block.end, file.size);
    }
    await report('readingNodes', file.size, file.size);
  } finally {
    await file.close();
  }
}

/** Builds the walking network from a `.osm` or `.osm.pbf` file. `name` is used in messages. */
export async function readOsmNetworkFile(
  path: string,
  options: ReadOsmOptions = {},
  name = path,
): Promise<WalkNetwork> {
  const format = await osmFormatOf(path, name);
  const builder = new WalkNetworkBuilder(options);
  const report = async (stage: OsmImportStage, done: number, total: number) => {
    if (options.onProgress) await options.onProgress({ stage, done, total });
    else await yieldToEventLoop();
  };
  if (format === 'xml') {
    await readXmlPass(path, 'ways', builder, (d, t) => report('readingWays', d, t));
    builder.sealWays();
    await readXmlPass(path, 'nodes', builder, (d, t) => report('readingNodes', d, t));
  } else {
    await readPbf(path, builder, report);
  }
  const steps = builder.build();
  let network: WalkNetwork;
  for (;;) {
    const step = steps.next();
    if (step.done === true) {
      network = step.value;
      break;
    }
    await report('buildingGraph', step.value.done, step.value.total);
  }
  if (options.reorder !== true) return network;
  await report('reordering', 0, 1);
  network = reorderWalkNetwork(network);
  await report('reordering', 1, 1);
  return network;
}
