import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SkillsmithError } from '../../errors';
import { writeFileAtomic } from '../../store/atomic-write';
import { skillMdIn } from './find';
import { parseSkillMd } from './parse';
import type { ParsedSkillMd } from './types';

/** A skill folder's SKILL.md, read and parsed. */
export interface SkillFolder {
  dir: string;
  /** The SKILL.md (or skill.md) path. */
  file: string;
  text: string;
  parsed: ParsedSkillMd;
}

/** Reads and parses a skill folder's SKILL.md; throws a SkillsmithError naming the file when it cannot. */
export async function readSkillFolder(dir: string): Promise<SkillFolder> {
  const file = await skillMdIn(dir);
  if (!file) throw new SkillsmithError('no SKILL.md in this folder', dir);
  const text = await readFile(file, 'utf8');
  return { dir, file, text, parsed: parseSkillMd(text, file) };
}

/**
 * Writes `text` as the folder's SKILL.md (replacing skill.md when that is the name in use), atomically and
 * keeping the file's permissions. Text without valid frontmatter is refused, so a bad edit never replaces
 * a good file.
 */
export async function writeSkillMd(dir: string, text: string): Promise<string> {
  const file = (await skillMdIn(dir)) ?? join(dir, 'SKILL.md');
  parseSkillMd(text, file);
  const mode = await stat(file).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  );
  await writeFileAtomic(file, new TextEncoder().encode(text));
  await chmod(file, mode);
  return file;
}
