/**
 * PGlite does not lock its data folder: a second process would open it and the two would silently
 * diverge. fuwu holds a lock file with its process id and refuses a second owner while the first lives.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuwuError } from '../domain/shared/errors.ts';

export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'fuwu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new FuwuError(
          'locked',
          `数据目录 ${dataDir} 正被进程 ${owner} 使用；同一目录只能由一个 fuwu 进程打开`,
          `data folder ${dataDir} is in use by process ${owner}; only one fuwu process may open it`,
        );
      }
      if (owner === process.pid) {
        throw new FuwuError(
          'locked',
          `数据目录 ${dataDir} 已在本进程中打开`,
          `data folder ${dataDir} is already open in this process`,
        );
      }
      rmSync(file, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
