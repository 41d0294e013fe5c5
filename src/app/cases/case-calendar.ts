/**
 * The working-day calendar for case deadlines. The pack loader reads it (calendar/holidays.yaml) but
 * the database does not store it yet, so it is read from the pack folder once per process and kept.
 * Tests and a server with another pack may pass their own folder.
 */
import type { WorkingCalendar } from '../../domain/cases/working-days.ts';
import { buildWorkingCalendar } from '../../domain/cases/working-days.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../store/pack/pack-loader.ts';

const cache = new Map<string, Promise<WorkingCalendar>>();

export function caseCalendar(packDir: string = DEFAULT_PACK_DIR): Promise<WorkingCalendar> {
  let p = cache.get(packDir);
  if (!p) {
    p = loadPackFromDir(packDir).then((pack) => buildWorkingCalendar(pack.calendar));
    p.catch(() => cache.delete(packDir));
    cache.set(packDir, p);
  }
  return p;
}
