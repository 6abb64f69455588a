import type { SkillLibrary } from '../library/library';
import { normalizeName } from '../skillmd/fields';
import { readSkillFolder } from '../skillmd/folder';
import type { SkillVersion } from '../library/types';
import type { SqlRunner } from '../../store/statements';
import { quarantineOnHighFindings, quarantineReason } from './quarantine';
import { scanPath } from './scan-folder';

export interface ImportResult {
  version: SkillVersion;
  quarantined: boolean;
  /** Why it was quarantined (the line the store keeps); null when it was not. */
  quarantineReason: string | null;
}

/**
 * Adds a skill folder to the library. The library's intake refuses a folder with a high-severity finding;
 * with `allowQuarantined` (the explicit override) it is recorded anyway and its version is quarantined in
 * the state store, so it still cannot be installed without a second, explicit override.
 */
export async function importSkill(library: SkillLibrary, db: SqlRunner, folder: string, options: { reason?: string; allowQuarantined?: boolean; allowSecrets?: readonly string[] } = {}): Promise<ImportResult> {
  const version = await library.add(folder, options.reason, { allowQuarantined: options.allowQuarantined, allowSecrets: options.allowSecrets });
  const { findings } = await scanPath(folder);
  const name = normalizeName(String((await readSkillFolder(folder)).parsed.data.name));
  const quarantined = quarantineOnHighFindings(db, { skill: name, version: version.id }, findings);
  return { version, quarantined, quarantineReason: quarantined ? quarantineReason(findings) : null };
}
