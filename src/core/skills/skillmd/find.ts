import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SkillsmithError } from '../../errors';
import { SKILL_MD_NAMES } from './types';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Skill folders at or under `root`, sorted. `root` may be a skill folder, a SKILL.md file, or any folder to
 * search recursively (node_modules and .git are skipped; symbolic links to folders are followed once).
 * Throws when `root` does not exist.
 */
export async function findSkillFolders(root: string): Promise<string[]> {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new SkillsmithError('no such file or folder', root);
  if (info.isFile()) return basename(root).toLowerCase() === 'skill.md' ? [dirname(root)] : [];
  const found: string[] = [];
  await walk(root, new Set(), found);
  return found.sort();
}

/** The SKILL.md of a folder: `SKILL.md`, else `skill.md` (the reference validator accepts both), else undefined. */
export async function skillMdIn(dir: string): Promise<string | undefined> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  for (const name of SKILL_MD_NAMES) {
    if (names.has(name) && (await stat(join(dir, name)).then((s) => s.isFile(), () => false))) return join(dir, name);
  }
  return undefined;
}

async function walk(dir: string, visited: Set<string>, found: string[]): Promise<void> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined || visited.has(real)) return;
  visited.add(real);
  // sorted, so which path a folder reached twice (through a link) is reported under is stable
  const entries = (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  if (entries.some((e) => (SKILL_MD_NAMES as readonly string[]).includes(e.name) && !e.isDirectory())) found.push(dir);
  for (const entry of entries) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).then((s) => s.isDirectory(), () => false)));
    if (isDir) await walk(path, visited, found);
  }
}
