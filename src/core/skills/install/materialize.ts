import { join } from 'node:path';
import { SkillsmithError } from '../../errors';
import type { FileSet } from '../library/skill-files';
import { SKILL_MD_NAMES } from '../skillmd/types';
import { exists, writeFolderAtomically } from './folder-files';
import { OWNERSHIP_FILE, ownershipFile, readOwnership } from './ownership';
import { addVersionMarker } from './version-marker';

/** The folder under the Skillsmith home that holds one installed version, e.g. `installed/tests@1a2b3c4`. */
export function materializedDir(skillsmithHome: string, skill: string, version: string): string {
  return join(skillsmithHome, 'installed', `${skill}@${version.slice(0, 7)}`);
}

/** Which file of a skill is its SKILL.md (the specification also accepts `skill.md`). */
export function skillMdPath(files: FileSet | Record<string, unknown>): string | undefined {
  const has = (p: string) => (files instanceof Map ? files.has(p) : p in files);
  return SKILL_MD_NAMES.find(has);
}

/** The skill's files as installed: SKILL.md carries the version marker, everything else as in the library. */
export function markedFiles(skill: string, version: string, files: FileSet): FileSet {
  const out: FileSet = new Map(files);
  const md = skillMdPath(files);
  if (!md) throw new SkillsmithError(`skill "${skill}" at ${version.slice(0, 7)} has no SKILL.md`, skill);
  const text = Buffer.from(files.get(md)!.bytes).toString('utf8');
  const marked = addVersionMarker(text, skill, version, `${skill}/${md}`);
  out.set(md, { bytes: new TextEncoder().encode(marked), executable: files.get(md)!.executable });
  return out;
}

/**
 * Makes sure the version is materialized under the home and returns its folder. An existing folder is kept
 * as it is (a link may have carried a hand edit into it that is not absorbed yet); a folder there that
 * Skillsmith did not write, or that holds another version, is an error.
 */
export async function materialize(skillsmithHome: string, skill: string, version: string, marked: FileSet): Promise<string> {
  const dir = materializedDir(skillsmithHome, skill, version);
  if (await exists(dir)) {
    const own = await readOwnership(dir);
    if (!own || own.kind !== 'materialized' || own.skill !== skill) {
      throw new SkillsmithError('this folder was not created by Skillsmith; not using it', dir, 'move it away and install again');
    }
    if (own.version !== version) throw new SkillsmithError(`this folder holds version ${own.version}, not ${version}`, dir, 'move it away and install again');
    return dir;
  }
  const files: FileSet = new Map(marked);
  files.set(OWNERSHIP_FILE, ownershipFile({ kind: 'materialized', skill, version }));
  await writeFolderAtomically(dir, files);
  return dir;
}
