import * as fs from 'node:fs';

/** The promise-style file system isomorphic-git accepts in place of node's `fs`. */
export interface GitFs {
  promises: Pick<typeof fs.promises, 'readFile' | 'writeFile' | 'mkdir' | 'rmdir' | 'unlink' | 'stat' | 'lstat' | 'readdir' | 'readlink' | 'symlink' | 'rm'>;
}

// made once: isomorphic-git probes its fs on every call, and a missing loose object is the common case
const NOT_FOUND = Object.freeze(Object.assign(new Error('no such loose object'), { code: 'ENOENT' }));
const NO_PATH = Object.freeze(Object.assign(new TypeError('a path is required'), { code: 'ERR_INVALID_ARG_TYPE' }));

/**
 * A file system for one read-only pass over the object database of the repository at `dir`. isomorphic-git looks for every object as a
 * loose file before it lists the pack folder, so in a packed library each read costs a failed open and a
 * directory listing. Here each object folder is listed once, a missing loose object fails without a system
 * call, and the .git folder is looked at once. Only for reads: an object written meanwhile would not be seen.
 */
export function snapshotFs(dir: string): GitFs {
  // spelled as isomorphic-git spells the paths it asks for (`${dir}/.git/objects/...`), on every platform
  const objects = `${dir}/.git/objects`;
  const listings = new Map<string, Promise<string[]>>();
  const listing = (dir: string): Promise<string[]> => {
    let names = listings.get(dir);
    if (!names) {
      names = fs.promises.readdir(dir).catch(() => []);
      listings.set(dir, names);
    }
    return names;
  };
  const looseObjects = new Map<string, Promise<Set<string>>>();
  const looseIn = (dir: string): Promise<Set<string>> => {
    let names = looseObjects.get(dir);
    if (!names) {
      names = listing(dir).then((list) => new Set(list));
      looseObjects.set(dir, names);
    }
    return names;
  };
  const dotGit = `${dir}/.git`;
  let dotGitStat: ReturnType<typeof fs.promises.stat> | undefined;
  const promises = {
    ...fs.promises,
    // asked before every call, to find out whether .git is a folder or a link to one
    stat(path: string, options?: unknown) {
      if (path !== dotGit) return fs.promises.stat(path, options as never);
      dotGitStat ??= fs.promises.stat(path);
      return dotGitStat;
    },
    async readFile(path: string, options?: unknown) {
      if (typeof path !== 'string') throw NO_PATH;
      if (path.startsWith(objects) && path.length === objects.length + 42) {
        const dir = path.slice(0, objects.length + 3);
        if (!(await looseIn(dir)).has(path.slice(objects.length + 4))) throw NOT_FOUND;
      }
      return fs.promises.readFile(path, options as never);
    },
    async readdir(path: string, options?: unknown) {
      if (typeof path === 'string' && path.startsWith(objects)) return [...(await listing(path))];
      return fs.promises.readdir(path, options as never);
    },
  };
  return { promises } as unknown as GitFs;
}
