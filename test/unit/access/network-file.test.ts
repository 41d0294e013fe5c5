/** The binary network file (src/store/network/network-file.ts): exact round trip, corruption caught. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSyntheticNetwork } from '../../../src/domain/access/synthetic-network.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { readNetworkFile, writeNetworkFile } from '../../../src/store/network/network-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'fuwu-net-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network file', () => {
  // An odd node count, so the offsets section (n + 1 u32) needs padding to stay 8-byte aligned.
  const graph = generateSyntheticNetwork({ nodeCount: 2_501, seed: 9 }).graph;

  it('round-trips the graph exactly and returns the same hash on write and read', () => {
    const path = join(dir, 'a.fuwunet');
    const written = writeNetworkFile(path, graph);
    const file = readFileSync(path);
    expect(file.subarray(0, 8).toString('latin1')).toBe('FUWUNET1');
    expect(written.bytes).toBe(file.length);
    expect(written.sha256).toMatch(/^[0-9a-f]{64}$/);
    const read = readNetworkFile(path);
    expect(read.sha256).toBe(written.sha256);
    expect(read.graph.nodeCount).toBe(graph.nodeCount);
    expect(read.graph.x).toEqual(graph.x);
    expect(read.graph.y).toEqual(graph.y);
    expect(read.graph.offsets).toEqual(graph.offsets);
    expect(read.graph.targets).toEqual(graph.targets);
    expect(read.graph.costs).toEqual(graph.costs);
  });

  it('reads small files too, whose bytes may start anywhere in a shared buffer (copied, then viewed)', () => {
    // readFileSync hands out small files from a pooled buffer, at any byte offset; typed-array views
    // need 8-byte alignment, so the reader copies then. Several in a row land at different offsets.
    for (let n = 1; n <= 6; n++) {
      const small = generateSyntheticNetwork({ nodeCount: n, seed: n }).graph;
      const path = join(dir, `small-${n}.fuwunet`);
      writeNetworkFile(path, small);
      readFileSync(path); // moves the pool's offset along
      const read = readNetworkFile(path).graph;
      expect(read.x).toEqual(small.x);
      expect(read.y).toEqual(small.y);
      expect(read.offsets).toEqual(small.offsets);
      expect(read.targets).toEqual(small.targets);
      expect(read.costs).toEqual(small.costs);
    }
  });

  it('detects a corrupted byte anywhere in the body', () => {
    const path = join(dir, 'b.fuwunet');
    writeNetworkFile(path, graph);
    const file = readFileSync(path);
    for (const at of [64, 64 + 8 * 2501 + 3, file.length - 1]) {
      const copy = Buffer.from(file);
      copy[at] = copy[at]! ^ 0x01;
      writeFileSync(path, copy);
      expect(() => readNetworkFile(path)).toThrow(FuwuError);
      expect(() => readNetworkFile(path)).toThrow(/hash mismatch/);
    }
  });

  it('rejects a wrong magic, a truncated file and an unknown version', () => {
    const path = join(dir, 'c.fuwunet');
    writeNetworkFile(path, graph);
    const file = readFileSync(path);
    writeFileSync(path, Buffer.concat([Buffer.from('NOTANET1'), file.subarray(8)]));
    expect(() => readNetworkFile(path)).toThrow(/magic/);
    writeFileSync(path, file.subarray(0, file.length - 8));
    expect(() => readNetworkFile(path)).toThrow(/truncated/);
    const v2 = Buffer.from(file);
    v2.writeUInt32LE(2, 8);
    writeFileSync(path, v2);
    expect(() => readNetworkFile(path)).toThrow(/version 2/);
  });
});
