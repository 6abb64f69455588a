import { chmod, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkillsmithError } from '../../errors';

/** One file of a skill folder, byte for byte. */
export interface SkillFile {
  bytes: Uint8Array;
  executable: boolean;
}

/** A skill folder's files keyed by path relative to the folder, with `/` separators. */
export type FileSet = Map<string, SkillFile>;

/** A `.git` folder (or a worktree's `.git` file) belongs to the source checkout, never to the skill. */
const SKIPPED = '.git';

/**
 * What editors and file browsers leave beside the files a person edits (swap, backup and lock files, Finder and
 * Explorer metadata): never part of a skill, so never recorded, installed or taken for a hand edit.
 */
const EDITOR_LITTER = /^(?:\.[^/]*\.sw[a-p]|[^/]*~|\.#[^/]*|#[^/]*#|\.DS_Store|Thumbs\.db|desktop\.ini)$/;

export function isEditorLitter(fileName: string): boolean {
  return EDITOR_LITTER.test(fileName);
}

/**
 * A skill name is also a folder at the root of the library repository, so it must be one plain path
 * segment that git and every file system accept.
 */
export function assertSkillName(name: string): void {
  const ok = name.length > 0 && name.length <= 128 && !name.startsWith('.') && !/[\\/:*?"<>|\0\s]/.test(name);
  if (!ok) throw new SkillsmithError(`"${name}" cannot be a skill name`, undefined, 'use lowercase letters, digits and hyphens');
}

/**
 * Git and isomorphic-git refuse some names inside a tree (a backslash, anything that reads as `.git` on
 * a case-insensitive or 8.3 file system); one such name would make the whole library unreadable.
 */
function assertStorableName(entryName: string, where: string): void {
  const folded = entryName.split(':')[0].toLowerCase().replace(/[. ]+$/, '');
  if (/[\\\0-\x1f]/.test(entryName) || folded === '.git' || /^\.?git~[1-9]$/.test(folded)) {
    throw new SkillsmithError('this file name cannot be stored in git', where, 'rename it');
  }
}

/**
 * Reads every file under `dir` but editor litter. Symbolic links are refused: they could pull in files from
 * outside the skill.
 */
export async function readFileSet(dir: string): Promise<FileSet> {
  const files: FileSet = new Map();
  await collect(dir, '', files);
  return files;
}

async function collect(root: string, rel: string, files: FileSet): Promise<void> {
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name === SKIPPED || isEditorLitter(entry.name)) continue;
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    assertStorableName(entry.name, join(root, relPath));
    if (entry.isDirectory()) {
      await collect(root, relPath, files);
    } else if (entry.isFile()) {
      const full = join(root, relPath);
      const [bytes, stat] = await Promise.all([readFile(full), lstat(full)]);
      files.set(relPath, { bytes, executable: (stat.mode & 0o111) !== 0 });
    } else {
      throw new SkillsmithError('symbolic links and special files cannot be stored in a skill', join(root, relPath));
    }
  }
}

/** Replaces the folder `dir` with exactly `files` (or removes it when `files` is null). */
export async function writeFileSet(dir: string, files: FileSet | null): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  if (!files) return;
  await mkdir(dir, { recursive: true });
  for (const [rel, file] of files) {
    const full = join(dir, ...rel.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.bytes);
    if (file.executable) await chmod(full, 0o755);
  }
}

/** File contents as text, for people and diffs. */
export function fileSetToText(files: FileSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) out[path] = Buffer.from(files.get(path)!.bytes).toString('utf8');
  return out;
}

/** Same paths, same bytes, same executable bits (the bit is not kept on Windows, so it is not compared there). */
export function sameFileSet(a: FileSet, b: FileSet): boolean {
  if (a.size !== b.size) return false;
  for (const [path, file] of a) {
    const other = b.get(path);
    if (!other || !Buffer.from(file.bytes).equals(Buffer.from(other.bytes))) return false;
    if (process.platform !== 'win32' && file.executable !== other.executable) return false;
  }
  return true;
}

/** The files as the scanner takes them: path and bytes. */
export function bytesOf(files: FileSet): [string, Uint8Array][] {
  return [...files].map(([path, file]) => [path, file.bytes]);
}
