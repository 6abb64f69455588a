import { readdir, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { holderRuns } from '../store/process-identity';

/** The lock files an eval's scratch folder holds while its run is alive (the two state stores it opens). */
const SCRATCH_LOCKS = ['sessions.db.lock', join('home', 'state.db.lock')];

/**
 * An eval killed without a chance to clean up (SIGKILL, a crash) leaves its scratch folder in the system's
 * temporary folder. The next eval removes those whose run is provably gone: a lock in it names a process of
 * this host that no longer runs. A folder without a readable lock is left alone (it may be starting).
 */
export async function removeAbandonedScratch(tmp: string, prefix: string): Promise<void> {
  const names = await readdir(tmp).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const dir = join(tmp, name);
    if (await abandoned(dir)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function abandoned(dir: string): Promise<boolean> {
  for (const lock of SCRATCH_LOCKS) {
    const holder = await readFile(join(dir, lock), 'utf8').then(parseHolder, () => undefined);
    if (holder && holder.host === hostname() && !holderRuns(holder.pid, holder.started)) return true;
  }
  return false;
}

function parseHolder(text: string): { pid: number; host: string; started?: string } | undefined {
  try {
    const h = JSON.parse(text) as { pid?: unknown; host?: unknown; started?: unknown };
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return undefined;
    return { pid: h.pid, host: h.host, started: typeof h.started === 'string' ? h.started : undefined };
  } catch {
    return undefined;
  }
}
