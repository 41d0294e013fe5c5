/**
 * The working-day calendar for case deadlines, as stored with the active plan pack (plan_packs.calendar,
 * written when the pack is loaded): deadlines never read the pack folder at run time, so a server runs
 * on what was loaded and checked. Built once per pack content in the process; a pack load changes the
 * active pack's hash (ctx.plan is invalidated by loadPack), so the next call builds the new calendar.
 */
import type { WorkingCalendar } from '../../domain/cases/working-days.ts';
import { buildWorkingCalendar } from '../../domain/cases/working-days.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import { PackRepository } from '../../store/repositories/pack.repository.ts';
import type { AppContext } from '../context.ts';

/** By pack id, version and content hash: equal hashes mean an equal calendar, whatever the database. */
const cache = new Map<string, Promise<WorkingCalendar>>();
/** Packs kept built: the active one and a few recent ones (tests load several). */
const MAX_CACHED = 8;

export async function caseCalendar(ctx: AppContext): Promise<WorkingCalendar> {
  const { meta, contentHash } = await ctx.plan.get();
  const key = `${meta.id}@${meta.version}#${contentHash}`;
  let p = cache.get(key);
  if (!p) {
    p = new PackRepository(ctx.db).calendar(meta.id, meta.version, contentHash).then((years) => {
      if (years === null)
        throw new FuwuError(
          'not_found',
          '未找到当前规划包的工作日历，请重新加载规划包',
          'the working-day calendar of the active pack is not stored; load the pack again',
        );
      return buildWorkingCalendar(years);
    });
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  }
  return p;
}
