/**
 * Import a walking network from an OpenStreetMap extract (.osm XML or .osm.pbf, told apart by their
 * first bytes): walkable ways by their tags, lengths from the geometry, walking time at 1.2 m/s,
 * nodes reordered for locality; saved as the installation's network file, which coverage then uses
 * instead of the straight-line fallback. Nothing is saved when the file is rejected.
 */
import { basename } from 'node:path';
import type { Actor } from '../../domain/identity/roles.ts';
import { DEFAULT_WALK_SPEED_MPS } from '../../domain/osm/build-walk-network.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { JobProgress } from '../../domain/shared/job-view.ts';
import type { NetworkMeta } from '../../store/network/network-store.ts';
import { saveNetwork } from '../../store/network/network-store.ts';
import { installedNetwork } from './installed-network.ts';
import { WalkingNetworkRepository } from '../../store/repositories/walking-network.repository.ts';
import { readOsmNetworkFile } from '../../store/network/osm-file.ts';
import { audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export function requireNetworkDir(ctx: AppContext): string {
  if (!ctx.networkDir)
    throw new FuwuError('invalid_input', '未配置路网目录', 'no network folder is configured');
  return ctx.networkDir;
}

/**
 * Builds the network from the file at `osmPath` and saves it; `source` is the name it is known by
 * (the uploaded file's name). Progress stages: readingWays, readingNodes, buildingGraph,
 * reordering, saving. The actor's role is checked by the caller.
 */
export async function buildAndSaveNetwork(
  ctx: AppContext,
  actor: Actor,
  osmPath: string,
  source: string,
  progress?: (p: JobProgress) => Promise<void>,
): Promise<NetworkMeta> {
  const dir = requireNetworkDir(ctx);
  const network = await readOsmNetworkFile(
    osmPath,
    { speedMps: DEFAULT_WALK_SPEED_MPS, reorder: true, onProgress: progress },
    source,
  );
  if (network.graph.nodeCount === 0) {
    throw new FuwuError(
      'import_rejected',
      `${source} 中没有可步行的道路`,
      `${source} holds no walkable ways`,
    );
  }
  await progress?.({ stage: 'saving', done: 0, total: 1 });
  const at = ctx.clock.now();
  const meta = saveNetwork(dir, network, source, DEFAULT_WALK_SPEED_MPS, at);
  // Recorded once the file is in place: other processes check their copy against this hash.
  await ctx.db.transaction(async (tx) => {
    await new WalkingNetworkRepository(tx).recordCurrent(meta, actor.username, at);
    await audit(tx, actor, at, 'network.import', 'network', meta.sha256, {
      source: meta.source,
      ...meta.stats,
    });
  });
  await progress?.({ stage: 'saving', done: 1, total: 1 });
  return meta;
}

/** Imports the network from a file on the server's disk (the CLI), waiting for it. Admin only. */
export async function importNetwork(ctx: AppContext, actor: Actor, osmPath: string): Promise<NetworkMeta> {
  authorize(actor, 'network.import');
  return buildAndSaveNetwork(ctx, actor, osmPath, basename(osmPath));
}

/** The installation's current network (its meta: source, hash, statistics), or null. */
export async function getNetwork(ctx: AppContext, actor: Actor): Promise<NetworkMeta | null> {
  authorize(actor, 'plan.read');
  return (await installedNetwork(ctx))?.meta ?? null;
}
