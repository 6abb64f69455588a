import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/**
 * A lock file that cannot be read as a holder (empty, half-written, garbage) is taken for a writer caught
 * between creating and filling it only this long; after that its writer is gone and the lock is stale.
 */
export const UNREADABLE_LOCK_GRACE_MS = 2_000;

let ownStart: string | undefined | null = null;

/**
 * When a process started, as a string that differs between two processes that had the same pid: on Linux the
 * boot id plus the start tick from /proc/<pid>/stat, elsewhere what `ps` says. Undefined where neither can be
 * read (then only the pid can be checked).
 */
export function processStartTime(pid: number): string | undefined {
  if (pid === process.pid) {
    if (ownStart === null) ownStart = readStartTime(pid);
    return ownStart;
  }
  return readStartTime(pid);
}

function readStartTime(pid: number): string | undefined {
  return fromProc(pid) ?? fromPs(pid);
}

function fromProc(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after its closing one
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22, starttime
    if (!ticks || !/^\d+$/.test(ticks)) return undefined;
    return `${bootId() ?? 'boot'}:${ticks}`;
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function fromPs(pid: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim() || undefined;
  } catch {
    return undefined; // no such process, or no ps
  }
}

/**
 * Whether the process that wrote a lock still runs: its pid exists and, when the lock recorded a start time and
 * the pid's can be read now, the two agree (a pid reused by an unrelated process has another start time).
 */
export function holderRuns(pid: number, started: string | undefined): boolean {
  if (!pidExists(pid)) return false;
  if (started === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === started;
}

function pidExists(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Whether a lock file that names no holder has been so for longer than a writer needs to fill it. */
export function unreadableLockIsStale(path: string, graceMs = UNREADABLE_LOCK_GRACE_MS): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > graceMs;
  } catch {
    return true; // gone already
  }
}
