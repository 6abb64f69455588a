import { lstat, readlink } from 'node:fs/promises';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { hashFiles, readInstalledFiles, sameHashes } from './folder-files';
import { readOwnership } from './ownership';
import type { InstallRecord } from './records';

/** What stands at an install destination, and whether Skillsmith may replace or remove it. */
export type Destination =
  | { kind: 'absent' }
  | { kind: 'link'; target: string; ours: boolean }
  | { kind: 'folder'; ours: boolean }
  | { kind: 'other' };

/**
 * A link is ours when it points where its record says, or into `<home>/installed/`; a folder is ours only
 * when the store has a copy recorded at that path and the folder's ownership file carries the same id.
 */
export async function inspectDestination(path: string, record: InstallRecord | undefined, installedRoot: string): Promise<Destination> {
  let info;
  try {
    info = await lstat(path);
  } catch {
    return { kind: 'absent' };
  }
  if (info.isSymbolicLink()) {
    const target = resolve(dirname(path), await readlink(path));
    const ours = (record?.method === 'link' && samePath(target, record.source)) || isInside(target, installedRoot);
    return { kind: 'link', target, ours };
  }
  if (info.isDirectory()) {
    const own = await readOwnership(path);
    const ours = record?.method === 'copy' && own?.kind === 'copy' && own.installId === record.installId;
    return { kind: 'folder', ours: Boolean(ours) };
  }
  return { kind: 'other' };
}

/**
 * True when the folder's files are not what was written there: a hand edit (or a deletion). A folder
 * that cannot be read as a skill (it holds a link, say) counts as edited, so nothing replaces it unseen.
 */
export async function folderEdited(dir: string, written: Record<string, string>): Promise<boolean> {
  try {
    return !sameHashes(hashFiles(await readInstalledFiles(dir)), written);
  } catch {
    return true;
  }
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}
