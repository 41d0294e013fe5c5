/**
 * Network import over the API: the uploaded extract (.osm or .osm.pbf, recognised by its first bytes,
 * whatever its name) is written to a temporary file under the network folder, then built and saved
 * by a background job that reports its progress by stage (readingWays, readingNodes, buildingGraph,
 * reordering, saving) in bytes or ways. The temporary file is removed when the job ends (and any a
 * stopped server left, at the next import); a rejected file leaves the current network as it was.
 * Admin only (network.import); one import at a time.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { NetworkMeta } from '../../store/network/network-store.ts';
import { osmFormatOf } from '../../store/network/osm-file.ts';
import type { AppContext } from '../context.ts';
import { startLocalJob } from '../jobs/jobs.ts';
import { authorize } from '../policies.ts';
import { buildAndSaveNetwork, requireNetworkDir } from './import-network.ts';

export const NETWORK_IMPORT_KIND = 'network.import';
/** Largest extract accepted over the API (a whole province's .osm.pbf fits). */
export const MAX_NETWORK_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export type NetworkImportJob = JobView<NetworkMeta>;

const importing = new WeakSet<AppContext>();

export interface NetworkUpload {
  name: string;
  /** The file's bytes as a stream (a multipart part), or in memory. */
  content: Readable | Uint8Array;
}

/**
 * Saves the upload and starts the import job; returns the queued job at once. The upload may be
 * handed over still unread (a function), so that it is read only once the actor is authorized.
 */
export async function startNetworkImport(
  ctx: AppContext,
  actor: Actor,
  source: NetworkUpload | (() => Promise<NetworkUpload>),
): Promise<NetworkImportJob> {
  authorize(actor, 'network.import');
  const dir = requireNetworkDir(ctx);
  const upload = typeof source === 'function' ? await source() : source;
  if (importing.has(ctx)) {
    if (!(upload.content instanceof Uint8Array)) upload.content.resume(); // drain the request
    throw new FuwuError(
      'conflict',
      '已有路网导入正在进行，请等待其完成',
      'a network import is already running; wait for it to finish',
    );
  }
  importing.add(ctx);
  const name = basename(upload.name || 'upload.osm');
  const incoming = join(dir, 'incoming');
  const tmp = join(incoming, `${randomUUID()}.upload`);
  let started = false;
  try {
    // Uploads left by an import a stop cut off (one import at a time, one process per data folder).
    await rm(incoming, { recursive: true, force: true });
    await mkdir(incoming, { recursive: true });
    const source = upload.content instanceof Uint8Array ? [upload.content] : upload.content;
    await pipeline(source, createWriteStream(tmp, { mode: 0o600 }));
    const format = await osmFormatOf(tmp, name);
    const { size } = await stat(tmp);
    // Pinned to this process: the upload is on this machine's disk.
    const job = await startLocalJob(
      ctx,
      actor,
      NETWORK_IMPORT_KIND,
      { source: name, format, bytes: size },
      async ({ progress }) => {
        try {
          return await buildAndSaveNetwork(ctx, actor, tmp, name, progress);
        } finally {
          importing.delete(ctx);
          await rm(tmp, { force: true });
        }
      },
    );
    started = true;
    return job as NetworkImportJob;
  } finally {
    if (!started) {
      importing.delete(ctx);
      await rm(tmp, { force: true });
    }
  }
}
