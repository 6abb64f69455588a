import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { SkillsmithError } from '../errors';
import { holderRuns, processStartTime, UNREADABLE_LOCK_GRACE_MS, unreadableLockIsStale } from './process-identity';

/** Who holds a state file open for writing. */
export interface LockHolder {
  pid: number;
  thread: number;
  host: string;
  since: string;
  token: string;
  /** When the holder process started (see processStartTime); older locks lack it. */
  started?: string;
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
 * whose process is gone (same host), whose pid now belongs to a process started later, or that has named no
 * holder for longer than a writer needs to fill it, is taken over. Taking over has a small race between two
 * processes that both find the same stale lock; the store accepts that rather than depend on OS-specific locking.
 */
export async function acquireLock(target: string): Promise<HeldLock> {
  const path = lockPathFor(target);
  const started = processStartTime(process.pid);
  const mine: LockHolder = {
    pid: process.pid,
    thread: threadId,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    ...(started === undefined ? {} : { started }),
  };
  const waitUntil = Date.now() + UNREADABLE_LOCK_GRACE_MS + 500;
  for (let takeovers = 0; takeovers < 3; ) {
    try {
      await fs.writeFile(path, JSON.stringify(mine) + '\n', { flag: 'wx', mode: 0o600 });
      return { path, release: () => releaseLock(path, mine.token) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(path);
    if (holder && isLive(holder)) throw new StateLockedError(target, holder, path);
    if (!holder && !unreadableLockIsStale(path)) {
      // a writer may be between creating the file and filling it: give it its grace period
      if (Date.now() > waitUntil) throw new StateLockedError(target, undefined, path);
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    await fs.rm(path, { force: true });
    takeovers++;
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
    return undefined; // unreadable, or half-written (by a crashed process, or one still writing)
  }
}

function isLive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot see processes on another machine: assume it runs
  if (holder.pid === process.pid) return holder.thread !== threadId; // this thread's own leftovers are stale
  return holderRuns(holder.pid, typeof holder.started === 'string' ? holder.started : undefined);
}
