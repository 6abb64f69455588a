import { join } from 'node:path';
import { describeError } from '../../errors';
import { isPlainObject, parseSkillMd } from '../../skills/skillmd/parse';
import { SKILL_MD_NAMES } from '../../skills/skillmd/types';
import { headingsOf } from '../skill-index';
import { hashSkillFiles, readSkillFiles } from './content-hash';

/** A folder that holds skill folders, one level down (`<dir>/<skill>/SKILL.md`). */
export interface SkillRoot {
  dir: string;
  /** Says where a skill came from: `library`, `claude-code (user)`, `folder`, … */
  label: string;
  /** Versions this root knows by name (the library's commit ids); asked once per load or reload. */
  versions?: () => Promise<ReadonlyMap<string, string>>;
  /** Only these folders of `dir` count (for a root made from one skill folder among others). */
  folders?: readonly string[];
}

/** A skill as matching and prompting see it. */
export interface RegisteredSkill {
  name: string;
  description: string;
  headings: string[];
  body: string;
  dir: string;
  /** The root's label. */
  source: string;
  /**
   * The library's commit id; for an installed copy, the version its marker names; otherwise
   * `sha256:` and the start of the content hash.
   */
  version: string;
  /** SHA-256 over every file in the folder (see content-hash.ts). */
  hash: string;
  /** The folder's other files, relative paths, sorted. */
  files: string[];
}

export type LoadResult = { skill: RegisteredSkill } | { problem: string } | { absent: true };

/**
 * Reads the skill in `<root>/<folder>`. A folder with no SKILL.md is absent (not a skill); one whose
 * SKILL.md cannot be parsed, or lacks a name or description, is a problem, reported and skipped.
 */
export async function loadSkill(root: SkillRoot, folder: string, versions: ReadonlyMap<string, string>): Promise<LoadResult> {
  const dir = join(root.dir, folder);
  let files;
  try {
    files = await readSkillFiles(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { absent: true } : { problem: `${dir}: ${describeError(e)}` };
  }
  const skillMd = SKILL_MD_NAMES.map((n) => files.find((f) => f.path === n && f.link === undefined)).find((f) => f !== undefined);
  if (!skillMd) return { absent: true };
  const where = join(dir, skillMd.path);
  try {
    const parsed = parseSkillMd(new TextDecoder().decode(skillMd.bytes), where);
    const name = typeof parsed.data.name === 'string' ? parsed.data.name.trim() : '';
    const description = typeof parsed.data.description === 'string' ? parsed.data.description.trim() : '';
    if (!name || !description) return { problem: `${where}: a skill needs a name and a description to be matched` };
    const hash = hashSkillFiles(files);
    const marker = installedVersion(parsed.data);
    return {
      skill: {
        name,
        description,
        headings: headingsOf(parsed.body),
        body: parsed.body,
        dir,
        source: root.label,
        version: versions.get(name) ?? marker ?? `sha256:${hash.slice(0, 12)}`,
        hash,
        files: files.map((f) => f.path).filter((p) => p !== skillMd.path).sort(),
      },
    };
  } catch (e) {
    return { problem: describeError(e) };
  }
}

/** The version an installed copy carries in `metadata.skillsmith-version` (written by the install layer). */
function installedVersion(data: Record<string, unknown>): string | undefined {
  const value = isPlainObject(data.metadata) ? data.metadata['skillsmith-version'] : undefined;
  return typeof value === 'string' && /^[0-9a-f]{7,40}$/i.test(value.trim()) ? value.trim().toLowerCase() : undefined;
}
