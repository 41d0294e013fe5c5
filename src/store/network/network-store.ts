/**
 * The imported walking network of an installation: the binary graph (walk.fwnet, with its SHA-256)
 * and a small JSON beside it with the projection origin, the build statistics and where it came from.
 * Loaded once and kept while the file's hash is unchanged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WalkGraph } from '../../domain/access/graph.ts';
import type { LonLat } from '../../domain/geo/china-coordinates.ts';
import type { WalkNetwork } from '../../domain/osm/build-walk-network.ts';
import { readNetworkFile, writeNetworkFile } from './network-file.ts';

export interface NetworkMeta {
  sha256: string;
  origin: LonLat;
  source: string;
  builtAt: string;
  speedMps: number;
  stats: WalkNetwork['stats'];
}

const GRAPH = 'walk.fwnet';
const META = 'walk.json';

export function saveNetwork(
  dir: string,
  network: WalkNetwork,
  source: string,
  speedMps: number,
  builtAt: Date,
): NetworkMeta {
  mkdirSync(dir, { recursive: true });
  const { sha256 } = writeNetworkFile(join(dir, GRAPH), network.graph);
  const meta: NetworkMeta = {
    sha256,
    origin: network.projection.origin,
    source,
    builtAt: builtAt.toISOString(),
    speedMps,
    stats: network.stats,
  };
  writeFileSync(join(dir, META), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

let cached: { dir: string; sha256: string; graph: WalkGraph; meta: NetworkMeta } | null = null;

/** The installation's network, or null when none has been imported. */
export function loadNetwork(dir: string): { graph: WalkGraph; meta: NetworkMeta } | null {
  if (!existsSync(join(dir, META)) || !existsSync(join(dir, GRAPH))) return null;
  const meta = JSON.parse(readFileSync(join(dir, META), 'utf8')) as NetworkMeta;
  if (cached && cached.dir === dir && cached.sha256 === meta.sha256) return { graph: cached.graph, meta };
  const { graph, sha256 } = readNetworkFile(join(dir, GRAPH));
  cached = { dir, sha256, graph, meta: { ...meta, sha256 } };
  return { graph, meta: cached.meta };
}
