import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillFile } from '../library/skill-files';

/**
 * The file that marks a folder as placed by Skillsmith. Together with the install record in the store it
 * is what allows Skillsmith to replace or remove the folder later; a folder without both is never touched.
 */
export const OWNERSHIP_FILE = '.skillsmith-install.json';

export interface Ownership {
  /** `materialized`: a version under `<home>/installed/`; `copy`: a copy in an agent's skills folder. */
  kind: 'materialized' | 'copy';
  skill: string;
  version: string;
  /** The install record's id (copies only). */
  installId?: string;
}

export function ownershipFile(o: Ownership): SkillFile {
  const text = JSON.stringify({ ...o, note: 'Placed by Skillsmith. Edits here are recorded as your version of the skill (skillsmith absorb).' }, null, 2) + '\n';
  return { bytes: new TextEncoder().encode(text), executable: false };
}

/** The folder's ownership, or undefined when it has no readable ownership file. */
export async function readOwnership(dir: string): Promise<Ownership | undefined> {
  try {
    const data = JSON.parse(await readFile(join(dir, OWNERSHIP_FILE), 'utf8')) as Partial<Ownership>;
    if ((data.kind !== 'materialized' && data.kind !== 'copy') || typeof data.skill !== 'string' || typeof data.version !== 'string') return undefined;
    return { kind: data.kind, skill: data.skill, version: data.version, ...(typeof data.installId === 'string' ? { installId: data.installId } : {}) };
  } catch {
    return undefined;
  }
}
