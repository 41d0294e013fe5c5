/**
 * PGlite does not lock its data folder: a second process would open it and the two would silently
 * diverge. fuwu holds a lock file naming its process (id and start time) and refuses a second owner
 * while the first lives. A process killed without a chance to release it (SIGKILL, power loss)
 * leaves the file behind; the next start sees its owner is gone and takes it over, saying so.
 * The start time matters because process ids come back: a container restarted after a kill often
 * runs fuwu under the very id the dead one had, and another program may hold it by now.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FuwuError } from '../domain/shared/errors.ts';

/** Lock files this process holds: only these make "already open in this process". */
const held = new Set<string>();

export function acquireDataDirLock(
  dataDir: string,
  warn: (message: string) => void = (m) => console.warn(m),
): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = resolve(join(dataDir, 'fuwu.lock'));
  if (held.has(file)) {
    throw new FuwuError(
      'locked',
      `数据目录 ${dataDir} 已在本进程中打开`,
      `data folder ${dataDir} is already open in this process`,
    );
  }
  const me = `${process.pid} ${startTimeOf(process.pid) ?? ''}`.trim();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      held.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(file);
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const content = readLock(file);
      if (content === null) continue; // released between our write and our read
      const owner = parseOwner(content);
      if (owner && ownerLives(owner)) {
        throw new FuwuError(
          'locked',
          `数据目录 ${dataDir} 正被进程 ${owner.pid} 使用；同一目录只能由一个 fuwu 进程打开`,
          `data folder ${dataDir} is in use by process ${owner.pid}; only one fuwu process may open it`,
        );
      }
      // Remove it only if it is still the stale one we read (another starter may have taken it over).
      if (readLock(file) !== content) continue;
      rmSync(file, { force: true });
      warn(
        `数据目录 ${dataDir} 的锁属于已结束的进程 ${owner?.pid ?? '?'}（未正常停止），现已接管 / ` +
          `taking over the stale lock of process ${owner?.pid ?? '?'} on data folder ${dataDir} (it ended without releasing it)`,
      );
    }
  }
  throw new FuwuError(
    'locked',
    `无法锁定数据目录 ${dataDir}：另一个进程正在同时启动`,
    `could not lock data folder ${dataDir}: another process is starting on it at the same time`,
  );
}

interface Owner {
  pid: number;
  /** The owner's start time in clock ticks since boot (Linux), or null when it was not known. */
  started: string | null;
}

function readLock(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** "<pid> <start time>", or "<pid>" as older versions wrote it. */
function parseOwner(content: string): Owner | null {
  const [pid, started] = content.trim().split(/\s+/);
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, started: started ?? null } : null;
}

function ownerLives(owner: Owner): boolean {
  // Our own id in a lock we do not hold is a previous life of this id, not us.
  if (owner.pid === process.pid) return false;
  if (!isAlive(owner.pid)) return false;
  // A live process under the id, started at another time, is another process that got the id.
  const now = startTimeOf(owner.pid);
  return owner.started === null || now === null || now === owner.started;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces); null off Linux. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
