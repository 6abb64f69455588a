import { open, readFile, rm } from 'node:fs/promises';
import { SkillsmithError } from '../../errors';
import { holderRuns, processStartTime, unreadableLockIsStale } from '../../store/process-identity';

const RETRY_MS = 50;
const DEFAULT_WAIT_MS = 15_000;

/** Who wrote a lock: older versions wrote the bare pid, so `started` may be missing. */
interface Holder {
  pid: number;
  started?: string;
}

/**
 * Holds a lock file while `task` runs, so the extension and a CLI process never write the same library at
 * once. A lock left by a process that no longer exists (or whose pid now belongs to another process), or one
 * that has named no holder for longer than a writer needs to fill it, is taken over.
 */
export async function withProcessLock<T>(lockPath: string, task: () => Promise<T>, waitMs = DEFAULT_WAIT_MS): Promise<T> {
  await acquire(lockPath, waitMs);
  try {
    return await task();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function acquire(lockPath: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await tryCreate(lockPath)) return;
    const holder = await readHolder(lockPath);
    if (holder ? !holderRuns(holder.pid, holder.started) : unreadableLockIsStale(lockPath)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SkillsmithError(
        `the skill library is busy${holder ? ` (locked by process ${holder.pid})` : ''}`,
        lockPath,
        'wait for the other Skillsmith process to finish, or delete the lock file if no such process runs',
      );
    }
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    try {
      const started = processStartTime(process.pid);
      await handle.writeFile(JSON.stringify(started === undefined ? { pid: process.pid } : { pid: process.pid, started }));
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function readHolder(lockPath: string): Promise<Holder | undefined> {
  let text: string;
  try {
    text = (await readFile(lockPath, 'utf8')).trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return validPid(Number(text)) ? { pid: Number(text) } : undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    if (typeof parsed.pid !== 'number' || !validPid(parsed.pid)) return undefined;
    return typeof parsed.started === 'string' ? { pid: parsed.pid, started: parsed.started } : { pid: parsed.pid };
  } catch {
    return undefined;
  }
}

function validPid(pid: number): boolean {
  return Number.isInteger(pid) && pid > 0;
}
