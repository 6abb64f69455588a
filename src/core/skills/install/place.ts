import { symlink } from 'node:fs/promises';
import { describeError } from '../../errors';
import type { FileSet } from '../library/skill-files';
import { writeFolderAtomically } from './folder-files';
import { OWNERSHIP_FILE, ownershipFile, type Ownership } from './ownership';
import type { InstallMethod } from './records';

/** Creates a link at `path` to the folder `target`; injectable so tests can refuse links as Windows does. */
export type LinkFn = (target: string, path: string) => Promise<void>;

/**
 * A directory symbolic link. On Windows without Developer Mode (or the privilege) this fails with EPERM
 * and the install falls back to a copy.
 */
export const symlinkFolder: LinkFn = (target, path) => symlink(target, path, 'dir');

/** Errors that mean "links are not allowed here", not "something is broken". */
const LINK_REFUSED = new Set(['EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

export interface Placement {
  method: InstallMethod;
  /** Why a copy stands where a link was wanted. */
  note?: string;
}

/**
 * Puts the skill at `dest` (which must not exist): a link to `source` when `wantLink`, falling back to a
 * copy of `files` when links are refused; a copy otherwise. A copy carries the ownership file.
 */
export async function placeSkill(
  dest: string,
  source: string,
  files: FileSet,
  owner: Ownership,
  wantLink: boolean,
  link: LinkFn = symlinkFolder,
): Promise<Placement> {
  if (wantLink) {
    try {
      await link(source, dest);
      return { method: 'link' };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!code || !LINK_REFUSED.has(code)) throw e;
      await writeCopy(dest, files, owner);
      return { method: 'copy', note: `links are not permitted here (${code}: ${describeError(e)}); copied instead` };
    }
  }
  await writeCopy(dest, files, owner);
  return { method: 'copy' };
}

async function writeCopy(dest: string, files: FileSet, owner: Ownership): Promise<void> {
  const withOwner: FileSet = new Map(files);
  withOwner.set(OWNERSHIP_FILE, ownershipFile(owner));
  await writeFolderAtomically(dest, withOwner);
}
