import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { SkillsmithError } from '../errors';

/** Who holds a state file open for writing. */
export interface LockHolder {
  pid: number;
  thread: number;
  host: string;
  since: string;
  token: string;
}

export class StateLockedError extends SkillsmithError {
  constructor(
    where: string,
    readonly holder: LockHolder | undefined,
    readonly lockPath: string,
  ) {
    const who = holder ? `pid ${holder.pid}${holder.thread ? ` thread ${holder.thread}` : ''} on ${holder.host}, since ${holder.since}` : 'unknown holder';
    super(`is in use by another Skillsmith process (${who})`, where, `close it and retry; if it is not running, delete ${lockPath}`);
    this.name = 'StateLockedError';
  }
}

export interface HeldLock {
  readonly path: string;
  release(): Promise<void>;
}

export function lockPathFor(target: string): string {
  return `${target}.lock`;
}

/**
 * Takes the single-writer lock beside `target`: a file created exclusively, holding who owns it. A lock
 * whose process is gone (same host) is taken over. Taking over has a small race between two processes
 * that both find the same stale lock; the store accepts that rather than depend on OS-specific locking.
 */
export async function acquireLock(target: string): Promise<HeldLock> {
  const path = lockPathFor(target);
  const mine: LockHolder = { pid: process.pid, thread: threadId, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(path, JSON.stringify(mine) + '\n', { flag: 'wx', mode: 0o600 });
      return { path, release: () => releaseLock(path, mine.token) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(path);
    if (holder && isLive(holder)) throw new StateLockedError(target, holder, path);
    await fs.rm(path, { force: true });
  }
  throw new StateLockedError(target, await readHolder(path), path);
}

async function releaseLock(path: string, token: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder?.token === token) await fs.rm(path, { force: true });
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined; // unreadable or half-written by a crashed process: stale
  }
}

function isLive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot see processes on another machine: assume it runs
  if (holder.pid === process.pid) return holder.thread !== threadId; // this thread's own leftovers are stale
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
