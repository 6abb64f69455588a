import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(lock, 'wx').catch((e: NodeJS.ErrnoException) => {
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
  }
}
