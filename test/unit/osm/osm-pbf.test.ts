/**
 * The .osm.pbf reader: the fixtures osmium made from the XML fixtures (DenseNodes + zlib; plain
 * Nodes, uncompressed; a multi-block synthetic extract), the same network as the XML, and bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readOsmXml } from '../../../src/domain/osm/osm-xml.ts';
import type { OsmTags } from '../../../src/domain/osm/osm-xml.ts';
import { decodePrimitiveBlock, MAX_BLOB_BYTES } from '../../../src/domain/osm/osm-pbf.ts';
import { encodeField, encodeVarint, zigzag } from '../../../src/domain/osm/protobuf.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { writeNetworkFile } from '../../../src/store/network/network-file.ts';
import { detectOsmFormat, readOsmNetworkFile } from '../../../src/store/network/osm-file.ts';
import { PbfFile } from '../../../src/store/network/osm-pbf-file.ts';
import { syntheticGridOsm } from '../../fixtures/osm/synthetic-grid.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/osm/${name}`, import.meta.url));
const XML = fixture('small-grid.osm');
const PBF = fixture('small-grid.osm.pbf');
const PLAIN_PBF = fixture('small-grid.plain.osm.pbf');
const SYNTHETIC_PBF = fixture('synthetic-grid.osm.pbf');

const tmp = mkdtempSync(join(tmpdir(), 'fuwu-pbf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
const tmpFile = (bytes: Uint8Array | string, ext = '.osm.pbf') => {
  const path = join(tmp, `f${counter++}${ext}`);
  writeFileSync(path, bytes);
  return path;
};

interface Elements {
  nodes: { id: number; lat: number; lon: number; tags: OsmTags }[];
  ways: { id: number; refs: number[]; tags: OsmTags }[];
  blocks: number;
}

async function readPbfElements(path: string): Promise<Elements> {
  const file = await PbfFile.open(path);
  const out: Elements = { nodes: [], ways: [], blocks: 0 };
  try {
    for await (const block of file.blocks()) {
      out.blocks++;
      decodePrimitiveBlock(block.data, {
        node: (id, lat, lon, tags) => out.nodes.push({ id, lat, lon, tags }),
        way: (id, refs, tags) => out.ways.push({ id, refs: [...refs], tags }),
      });
    }
  } finally {
    await file.close();
  }
  return out;
}

/** The same network, to the byte: the saved network file's hash. */
async function networkHash(path: string): Promise<string> {
  const net = await readOsmNetworkFile(path, { reorder: true });
  return writeNetworkFile(join(tmp, `net${counter++}.fwnet`), net.graph).sha256;
}

async function rejection(path: string): Promise<FuwuError> {
  try {
    await readOsmNetworkFile(path);
  } catch (e) {
    expect(e).toBeInstanceOf(FuwuError);
    const err = e as FuwuError;
    expect(err.code).toBe('import_rejected');
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
    return err;
  }
  throw new Error('expected the file to be rejected');
}

describe('reading .osm.pbf', () => {
  const xml = readOsmXml(readFileSync(XML, 'utf8'));
  const strip = (els: { type?: string }[]) => els.map(({ type: _t, ...rest }) => rest);

  it.each([
    ['DenseNodes, zlib', PBF],
    ['plain Nodes, uncompressed', PLAIN_PBF],
  ])('gives the nodes and ways of the XML, tags and all (%s)', async (_name, path) => {
    const pbf = await readPbfElements(path);
    expect(pbf.nodes).toEqual(strip(xml.nodes));
    expect(pbf.ways).toEqual(strip(xml.ways));
  });

  it('reads the header: schema and DenseNodes required, written by osmium', async () => {
    const file = await PbfFile.open(PBF);
    await file.close();
    expect(file.header.requiredFeatures).toEqual(['OsmSchema-V0.6', 'DenseNodes']);
    expect(file.header.writingProgram).toMatch(/^osmium/);
  });

  it('builds the identical network from .osm and .osm.pbf (same content hash)', async () => {
    const fromXml = await networkHash(XML);
    expect(await networkHash(PBF)).toBe(fromXml);
    expect(await networkHash(PLAIN_PBF)).toBe(fromXml);
    const a = await readOsmNetworkFile(XML);
    const b = await readOsmNetworkFile(PBF);
    expect(b.stats).toEqual(a.stats);
    expect(b.osmNodeIds).toEqual(a.osmNodeIds);
    expect(b.projection.origin).toEqual(a.projection.origin);
  });

  it('reads a multi-block extract to the same network as its XML, reporting progress by stage', async () => {
    const pbf = await readPbfElements(SYNTHETIC_PBF);
    expect(pbf.blocks).toBeGreaterThanOrEqual(4); // 9,989 nodes and 9,800 ways, 8,000 per block
    expect(pbf.nodes).toHaveLength(9989);
    expect(pbf.ways).toHaveLength(9800);
    const xmlPath = tmpFile(syntheticGridOsm(), '.osm');
    const stages: string[] = [];
    const net = await readOsmNetworkFile(SYNTHETIC_PBF, {
      reorder: true,
      onProgress: (p) => {
        expect(p.done).toBeLessThanOrEqual(p.total);
        if (stages.at(-1) !== p.stage) stages.push(p.stage);
      },
    });
    expect(stages).toEqual(['readingWays', 'readingNodes', 'buildingGraph', 'reordering']);
    expect(net.stats).toMatchObject({ ways: 9800, inputNodes: 9989 });
    expect(net.stats.missingNodeRefs).toBeGreaterThan(0);
    expect(await networkHash(SYNTHETIC_PBF)).toBe(await networkHash(xmlPath));
  });

  it('tells the formats apart by their first bytes, not the name', async () => {
    expect(detectOsmFormat(readFileSync(PBF))).toBe('pbf');
    expect(detectOsmFormat(readFileSync(XML))).toBe('xml');
    expect(detectOsmFormat(new TextEncoder().encode('\ufeff\n  <osm/>'))).toBe('xml');
    // A PBF named .osm and an XML named .pbf are read for what they are.
    expect(await networkHash(tmpFile(readFileSync(PBF), '.osm'))).toBe(await networkHash(XML));
    expect(await networkHash(tmpFile(readFileSync(XML), '.osm.pbf'))).toBe(await networkHash(XML));
  });
});

/** A PBF file from blocks written by hand. */
function blobHeader(type: string, datasize: number): number[] {
  return [...encodeField(1, new TextEncoder().encode(type)), ...encodeField(3, datasize)];
}
function block(type: string, blob: number[]): number[] {
  const header = blobHeader(type, blob.length);
  const len = header.length;
  return [(len >>> 24) & 255, (len >>> 16) & 255, (len >>> 8) & 255, len & 255, ...header, ...blob];
}
const text = (s: string) => [...new TextEncoder().encode(s)];
const rawBlob = (payload: number[]) => encodeField(1, payload);
const zlibBlob = (payload: number[]) => [
  ...encodeField(2, payload.length),
  ...encodeField(3, [...deflateSync(Uint8Array.from(payload))]),
];
const headerBlock = (...features: string[]) => features.flatMap((f) => encodeField(4, text(f)));
const OK_HEADER = block('OSMHeader', rawBlob(headerBlock('OsmSchema-V0.6', 'DenseNodes')));
/** One primitive block: nodes 1 and 2, and a footway between them. */
function dataBlock(): number[] {
  const strings = encodeField(
    1,
    ['', 'highway', 'footway'].flatMap((s) => encodeField(1, text(s))),
  );
  const dense = [
    ...encodeField(1, [...encodeVarint(zigzag(1)), ...encodeVarint(zigzag(1))]),
    ...encodeField(8, [...encodeVarint(zigzag(306500000)), ...encodeVarint(zigzag(0))]),
    ...encodeField(9, [...encodeVarint(zigzag(1040600000)), ...encodeVarint(zigzag(10000))]),
  ];
  const way = [
    ...encodeField(1, 7),
    ...encodeField(2, encodeVarint(1)),
    ...encodeField(3, encodeVarint(2)),
    ...encodeField(8, [...encodeVarint(zigzag(1)), ...encodeVarint(zigzag(1))]),
  ];
  const group = [...encodeField(2, dense), ...encodeField(3, way)];
  return [...strings, ...encodeField(2, group)];
}
const file = (...blocks: number[][]) => Uint8Array.from(blocks.flat());

describe('hand-made .osm.pbf', () => {
  it('reads raw and zlib blocks, and skips unknown block types', async () => {
    for (const blob of [rawBlob(dataBlock()), zlibBlob(dataBlock())]) {
      const net = await readOsmNetworkFile(
        tmpFile(file(OK_HEADER, block('Unknown', [1, 2, 3]), block('OSMData', blob))),
      );
      expect(net.stats).toMatchObject({ ways: 1, walkableWays: 1, inputNodes: 2, nodes: 2, edges: 1 });
      expect(net.stats.totalLengthMetres).toBeCloseTo(95.8, 0); // 0.001° of longitude at 30.65° N
    }
  });

  it.each([
    ['an empty file', () => new Uint8Array(0), /empty/],
    [
      'a truncated file',
      () => file(OK_HEADER, block('OSMData', zlibBlob(dataBlock()))).slice(0, -10),
      /truncated/,
    ],
    ['a file cut inside a length', () => file(OK_HEADER, [0, 0]), /truncated/],
    [
      'the wrong magic (no OSMHeader first)',
      () => file(block('OSMData', rawBlob(dataBlock()))),
      /not "OSMHeader"/,
    ],
    [
      'bytes that only look like a PBF start',
      () => Uint8Array.from([0, 0, 0, 5, 0x0a, 0x03, 0x61, 0x62, 0x63, 9, 9, 9]),
      /not an OpenStreetMap PBF/,
    ],
    [
      'a blob over 32 MiB',
      () => {
        const header = blobHeader('OSMData', MAX_BLOB_BYTES + 1);
        return file(OK_HEADER, [0, 0, 0, header.length, ...header]);
      },
      /at most 33554432/,
    ],
    [
      'an unsupported required feature',
      () => file(block('OSMHeader', rawBlob(headerBlock('OsmSchema-V0.6', 'HistoricalInformation')))),
      /HistoricalInformation is not supported/,
    ],
    [
      'corrupt zlib data',
      () => {
        const blob = zlibBlob(dataBlock());
        for (const k of [8, 9]) blob[blob.length - k] = blob.at(-k)! ^ 0xff;
        return file(OK_HEADER, block('OSMData', blob));
      },
      /does not inflate|inflates to/,
    ],
    [
      'lzma compression',
      () => file(OK_HEADER, block('OSMData', [...encodeField(2, 3), ...encodeField(4, [1, 2, 3])])),
      /lzma/,
    ],
    [
      'a string index outside the table',
      () => {
        const bad = [
          ...encodeField(1, encodeField(1, text(''))),
          ...encodeField(
            2,
            encodeField(3, [
              ...encodeField(1, 7),
              ...encodeField(2, encodeVarint(5)),
              ...encodeField(3, encodeVarint(5)),
            ]),
          ),
        ];
        return file(OK_HEADER, block('OSMData', rawBlob(bad)));
      },
      /string index 5/,
    ],
  ])('rejects %s with a clear error', async (_name, make, message) => {
    const err = await rejection(tmpFile(make()));
    expect(err.message).toMatch(message);
  });

  it('refuses compressed and unknown files by their first bytes', async () => {
    expect((await rejection(tmpFile(Uint8Array.from([0x1f, 0x8b, 8, 0]), '.osm.gz'))).message).toMatch(
      /gzip/,
    );
    expect((await rejection(tmpFile('BZh91AY&SY', '.osm.bz2'))).message).toMatch(/bzip2/);
    expect((await rejection(tmpFile('hello world', '.osm'))).message).toMatch(/neither with XML/);
  });
});
