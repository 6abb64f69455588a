import * as fs from 'node:fs';
import git, { type TreeEntry } from 'isomorphic-git';
import { durableFs } from './durable-fs';
import type { FileSet } from './skill-files';
import type { GitFs } from './snapshot-fs';

/** What every isomorphic-git call here needs: the repository folder and a per-operation object cache. */
export interface GitContext {
  fs: typeof fs | GitFs;
  dir: string;
  cache: object;
}

export function gitContext(dir: string): GitContext {
  return { fs: durableFs, dir, cache: {} };
}

const TREE_MODE = '040000';
const EXECUTABLE_MODE = '100755';
const FILE_MODE = '100644';

/** The top-level entries of a commit's tree. */
export async function rootEntries(ctx: GitContext, commit: string): Promise<TreeEntry[]> {
  const { tree } = await git.readTree({ ...ctx, oid: commit });
  return tree;
}

/** The tree id of the skill folder `name` in a commit, or null when the commit has no such folder. */
export async function folderTreeId(ctx: GitContext, commit: string, name: string): Promise<string | null> {
  return folderIdIn(await rootEntries(ctx, commit), name);
}

export function folderIdIn(entries: TreeEntry[], name: string): string | null {
  const entry = entries.find((e) => e.path === name && e.type === 'tree');
  return entry ? entry.oid : null;
}

/** All files of the skill folder `name` in a commit, or null when the commit has no such folder. */
export async function readFolderAt(ctx: GitContext, commit: string, name: string): Promise<FileSet | null> {
  const treeId = await folderTreeId(ctx, commit, name);
  if (!treeId) return null;
  const files: FileSet = new Map();
  await readTreeInto(ctx, treeId, '', files);
  return files;
}

async function readTreeInto(ctx: GitContext, treeId: string, prefix: string, files: FileSet): Promise<void> {
  const { tree } = await git.readTree({ ...ctx, oid: treeId });
  for (const entry of tree) {
    const path = prefix ? `${prefix}/${entry.path}` : entry.path;
    if (entry.type === 'tree') {
      await readTreeInto(ctx, entry.oid, path, files);
    } else if (entry.type === 'blob' && (entry.mode === FILE_MODE || entry.mode === EXECUTABLE_MODE)) {
      // symlinks and submodules are never written by the library; skip any that arrived from elsewhere
      const { blob } = await git.readBlob({ ...ctx, oid: entry.oid });
      files.set(path, { bytes: blob, executable: entry.mode === EXECUTABLE_MODE });
    }
  }
}

/** Writes `files` as git objects and returns the id of the tree that holds them. */
export async function writeFolderTree(ctx: GitContext, files: FileSet): Promise<string> {
  const entries: TreeEntry[] = [];
  const subfolders = new Map<string, FileSet>();
  for (const [path, file] of files) {
    const slash = path.indexOf('/');
    if (slash === -1) {
      const oid = await git.writeBlob({ ...ctx, blob: file.bytes });
      entries.push({ mode: file.executable ? EXECUTABLE_MODE : FILE_MODE, path, oid, type: 'blob' });
    } else {
      const head = path.slice(0, slash);
      const sub = subfolders.get(head) ?? new Map();
      sub.set(path.slice(slash + 1), file);
      subfolders.set(head, sub);
    }
  }
  for (const [path, sub] of subfolders) {
    entries.push({ mode: TREE_MODE, path, oid: await writeFolderTree(ctx, sub), type: 'tree' });
  }
  return git.writeTree({ ...ctx, tree: entries });
}

/** The root tree of `base` with the folder `name` replaced by `files` (or removed when null). */
export async function replaceFolderInTree(ctx: GitContext, base: string, name: string, files: FileSet | null): Promise<string> {
  const entries = (await rootEntries(ctx, base)).filter((e) => e.path !== name);
  if (files) entries.push({ mode: TREE_MODE, path: name, oid: await writeFolderTree(ctx, files), type: 'tree' });
  return git.writeTree({ ...ctx, tree: entries });
}
