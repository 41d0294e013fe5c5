/** The installation's walking network, as every computation over it reads it. */
import type { AppContext } from '../context.ts';
import { loadNetwork } from '../../store/network/network-store.ts';

/** The imported network (kept in memory while its file is unchanged), or null: none imported, or no folder configured. */
export function installedNetwork(ctx: AppContext): ReturnType<typeof loadNetwork> {
  return ctx.networkDir ? loadNetwork(ctx.networkDir) : null;
}
