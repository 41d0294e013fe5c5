/** What every benchmark result records about where it ran: the machine and the commit. */
import { execSync } from 'node:child_process';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';

export function machine() {
  return {
    platform: platform(),
    arch: arch(),
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '',
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export function commit(): string {
  try {
    return execSync('git rev-parse HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The machine's load average (1, 5, 15 min) before a run and now: on a shared machine, how busy it was. */
export function loadAverageSince(before: readonly number[]) {
  const round = (xs: readonly number[]) => xs.map((x) => Math.round(x * 100) / 100);
  return { before: round(before), after: round(loadavg()) };
}
