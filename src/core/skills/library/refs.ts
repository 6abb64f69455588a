import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import git, { Errors } from 'isomorphic-git';
import { SkillsmithError } from '../../errors';
import type { GitContext } from './objects';

/** Where `ref` points, or null when it does not exist. */
export async function readRef(ctx: GitContext, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ ...ctx, ref });
  } catch (e) {
    if (e instanceof Errors.NotFoundError) return null;
    throw e;
  }
}

/**
 * Points `ref` at `oid` only if it still points at `expected` (null: does not exist yet). Follows git's own
 * protocol: the new value goes to `<ref>.lock`, is flushed, and is renamed over the ref, so a crash never
 * leaves a torn ref and a real git process working on the same ref is noticed instead of overwritten.
 */
export async function moveRef(ctx: GitContext, ref: string, oid: string, expected: string | null): Promise<void> {
  const path = join(ctx.dir, '.git', ...ref.split('/'));
  const lock = `${path}.lock`;
  const note = refLockNote(ctx.dir);
  await mkdir(dirname(path), { recursive: true });
  // noted before it is taken: a process killed while holding it leaves the note, and the next open
  // (under the library's process lock) knows that lock is ours and stale
  await writeFile(note, `${lock}\n`);
  const handle = await open(lock, 'wx').catch(async (e: NodeJS.ErrnoException) => {
    await rm(note, { force: true });
    if (e.code !== 'EEXIST') throw e;
    throw new SkillsmithError(`${ref} is locked by another git process`, lock, 'wait for it to finish, or delete the lock file if no git process is running');
  });
  try {
    try {
      await handle.writeFile(`${oid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const current = await readRef(ctx, ref);
    if (current !== expected) throw new SkillsmithError(`${ref} moved while the library was writing to it`, ctx.dir, 'try again');
    await rename(lock, path);
  } catch (e) {
    await rm(lock, { force: true });
    throw e;
  } finally {
    await rm(note, { force: true });
  }
}

/** The file naming the ref lock a write of this library holds right now. */
function refLockNote(dir: string): string {
  return join(dir, '.git', 'skillsmith-ref-lock');
}

/**
 * Removes the ref lock a killed write of ours left behind (the note names it), so the ref can move again
 * and `<ref>.lock` is not mistaken for a branch. Only locks we noted are touched: a real git's are not.
 * Run under the library's process lock, when no write of ours can be in progress.
 */
export async function removeStaleRefLock(dir: string): Promise<void> {
  const note = refLockNote(dir);
  let lock: string;
  try {
    lock = (await readFile(note, 'utf8')).trim();
  } catch {
    return;
  }
  const refs = join(dir, '.git', 'refs') + sep;
  if (lock.startsWith(refs) && lock.endsWith('.lock')) await rm(lock, { force: true });
  await rm(note, { force: true });
}
