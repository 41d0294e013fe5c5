/**
 * The installation's walking network, as every computation over it reads it: the file in the network
 * folder, checked against the network the database says was imported. Several servers and workers
 * share one database but each reads its own folder; one whose file is missing or another refuses,
 * naming the folder, instead of computing other figures — or straight-line ones — without saying so.
 */
import { FuwuError } from '../../domain/shared/errors.ts';
import { loadNetwork } from '../../store/network/network-store.ts';
import { WalkingNetworkRepository } from '../../store/repositories/walking-network.repository.ts';
import type { AppContext } from '../context.ts';

/** The imported network (kept in memory while its file is unchanged), or null when none was imported. */
export async function installedNetwork(ctx: AppContext): Promise<ReturnType<typeof loadNetwork>> {
  const local = ctx.networkDir ? loadNetwork(ctx.networkDir) : null;
  const recorded = await new WalkingNetworkRepository(ctx.db).currentSha256();
  // Nothing recorded (an installation from before the record, or a file written by other means): the file decides.
  if (recorded === null || local?.meta.sha256 === recorded) return local;
  const folder = ctx.networkDir ?? '(none)';
  const found = local ? `另一个路网（${local.meta.sha256.slice(0, 12)}…）` : '没有路网文件';
  const foundEn = local ? `another network (${local.meta.sha256.slice(0, 12)}…)` : 'no network file';
  throw new FuwuError(
    'conflict',
    `本进程的路网目录 ${folder} 中是${found}，而数据库记录导入的是 ${recorded.slice(0, 12)}…：请把导入所在服务器的路网目录复制到这里（或重新导入）`,
    `this process's network folder ${folder} holds ${foundEn}, but the database records ${recorded.slice(0, 12)}… as imported: copy the network folder of the server that imported it here (or import again)`,
  );
}
