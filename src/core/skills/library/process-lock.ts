import { open, readFile, rm } from 'node:fs/promises';
import { SkillsmithError } from '../../errors';

const RETRY_MS = 50;
const DEFAULT_WAIT_MS = 15_000;

/**
 * Holds a lock file while `task` runs, so the extension and a CLI process never write the same library at
 * once. A lock left by a process that no longer exists is taken over.
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
    if (holder !== undefined && !isAlive(holder)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SkillsmithError(
        `the skill library is busy${holder ? ` (locked by process ${holder})` : ''}`,
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
      await handle.writeFile(String(process.pid));
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function readHolder(lockPath: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
