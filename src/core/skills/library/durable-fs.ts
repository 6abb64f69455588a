import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { GitFs } from './snapshot-fs';

let counter = 0;

/**
 * Node's file system for isomorphic-git, except that every file under `.git` is written whole or not at
 * all (a temporary file beside it, then a rename). isomorphic-git writes a loose object straight to its
 * final name and never rewrites an object file that exists, so a process killed mid-write left an empty
 * or cut object that every later write of the same content reused: a corrupt library after a SIGKILL.
 */
export const durableFs: GitFs = {
  promises: {
    ...fs.promises,
    writeFile: (async (path: fs.PathLike | fs.promises.FileHandle, data: string | Uint8Array, options?: fs.WriteFileOptions) => {
      if (typeof path !== 'string' || !isInGitDir(path)) return fs.promises.writeFile(path, data, options);
      const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${++counter}`);
      try {
        await fs.promises.writeFile(temp, data, options);
        await fs.promises.rename(temp, path);
      } catch (e) {
        await fs.promises.rm(temp, { force: true });
        throw e;
      }
    }) as typeof fs.promises.writeFile,
  },
};

function isInGitDir(path: string): boolean {
  return /[\\/]\.git[\\/]/.test(path);
}
