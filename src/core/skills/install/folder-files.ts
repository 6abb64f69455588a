import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { readFileSet, writeFileSet, type FileSet } from '../library/skill-files';
import { OWNERSHIP_FILE } from './ownership';

/** sha256 of every file, by relative path. */
export function hashFiles(files: FileSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) out[path] = createHash('sha256').update(files.get(path)!.bytes).digest('hex');
  return out;
}

export function sameHashes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Files editors and file browsers leave beside the ones being edited (swap, backup, lock, index files). */
/** The skill's files in an installed folder: everything but Skillsmith's ownership file (and editor litter). */
export async function readInstalledFiles(dir: string): Promise<FileSet> {
  const files = await readFileSet(dir);
  files.delete(OWNERSHIP_FILE);
  return files;
}

/** The newest modification time (ms) of the folder, its subfolders and files: a deletion touches its folder. */
export async function lastModified(dir: string): Promise<number> {
  let newest = (await lstat(dir)).mtimeMs;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await lastModified(full) : (await lstat(full)).mtimeMs);
  }
  return newest;
}

/**
 * Writes `files` as the folder `dir`, replacing what is there, through a hidden sibling that is renamed into
 * place: an agent scanning its skills folder never sees half a skill.
 */
export async function writeFolderAtomically(dir: string, files: FileSet): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const fresh = join(dirname(dir), `.${basename(dir)}.skillsmith-new-${tag}`);
  const old = join(dirname(dir), `.${basename(dir)}.skillsmith-old-${tag}`);
  await writeFileSet(fresh, files);
  const replacing = await exists(dir);
  try {
    if (replacing) await rename(dir, old);
    await rename(fresh, dir);
  } catch (e) {
    await rm(fresh, { recursive: true, force: true });
    if (replacing && !(await exists(dir))) await rename(old, dir);
    throw e;
  }
  await rm(old, { recursive: true, force: true });
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** `path` with the user's home written `~`, for messages and commit messages (a library may be shared). */
export function tildePath(path: string, userHome: string): string {
  if (path === userHome) return '~';
  const inside = path.startsWith(userHome + sep) || path.startsWith(userHome + '/');
  return inside ? `~/${path.slice(userHome.length + 1).replace(/\\/g, '/')}` : path;
}
