/**
 * Import a walking network from an OpenStreetMap extract (.osm XML): walkable ways by their tags,
 * lengths from the geometry, walking time at 1.2 m/s, nodes reordered for locality; saved as the
 * installation's network file, which coverage then uses instead of the straight-line fallback.
 */
import { basename } from 'node:path';
import type { Actor } from '../../domain/identity/roles.ts';
import { DEFAULT_WALK_SPEED_MPS } from '../../domain/osm/build-walk-network.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { NetworkMeta } from '../../store/network/network-store.ts';
import { saveNetwork } from '../../store/network/network-store.ts';
import { readOsmNetworkFile } from '../../store/network/osm-file.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { requireRole } from '../policies.ts';

export async function importNetwork(ctx: AppContext, actor: Actor, osmPath: string): Promise<NetworkMeta> {
  requireRole(actor, ['admin']);
  if (!ctx.networkDir)
    throw new FuwuError('invalid_input', '未配置路网目录', 'no network folder is configured');
  const network = readOsmNetworkFile(osmPath, { speedMps: DEFAULT_WALK_SPEED_MPS, reorder: true });
  if (network.graph.nodeCount === 0) {
    throw new FuwuError(
      'import_rejected',
      `${basename(osmPath)} 中没有可步行的道路`,
      `${basename(osmPath)} holds no walkable ways`,
    );
  }
  const at = ctx.clock.now();
  const meta = saveNetwork(ctx.networkDir, network, basename(osmPath), DEFAULT_WALK_SPEED_MPS, at);
  await audit(ctx.db, actor, at, 'network.import', 'network', meta.sha256, {
    source: meta.source,
    ...meta.stats,
  });
  return meta;
}
