/**
 * Reads an OpenStreetMap extract from disk and builds the walking network (issue 3 §2).
 * `.osm` (XML, UTF-8) is supported; `.osm.pbf` is not yet and fails with a clear error.
 */
import { readFileSync } from 'node:fs';
import type { BuildWalkNetworkOptions, WalkNetwork } from '../../domain/osm/build-walk-network.ts';
import { buildWalkNetwork } from '../../domain/osm/build-walk-network.ts';
import { readOsmXml } from '../../domain/osm/osm-xml.ts';
import { FuwuError } from '../../domain/shared/errors.ts';

/** Builds the walking network from a `.osm` file. */
export function readOsmNetworkFile(path: string, options: BuildWalkNetworkOptions = {}): WalkNetwork {
  const lower = path.toLowerCase();
  if (lower.endsWith('.pbf')) {
    throw new FuwuError(
      'import_rejected',
      `暂不支持 .osm.pbf 格式：${path}；请先转换为 .osm（XML），例如 osmium cat in.osm.pbf -o out.osm`,
      `.osm.pbf is not supported yet: ${path}; convert it to .osm XML first (e.g. osmium cat in.osm.pbf -o out.osm)`,
      [{ field: 'file', zh: '暂不支持 .osm.pbf', en: '.osm.pbf is not supported yet' }],
    );
  }
  const text = readFileSync(path, 'utf8');
  return buildWalkNetwork(readOsmXml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), options);
}
