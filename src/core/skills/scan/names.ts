import skeletonOf from 'unhomoglyph';
import type { ScanFinding } from './types';

/**
 * Skill names that imitate other names. Agents pick a skill by its name and description, so `еvil-skill`
 * (Cyrillic е) beside `evil-skill`, or `pdf` spelled with a Greek ο, reads as the real one. Two names are
 * confusable when their Unicode confusable skeletons (UTS #39, the `unhomoglyph` tables) are equal.
 */

const LATIN = /\p{Script=Latin}/u;
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/** A name that mixes Latin letters with letters of another script: never needed, always a disguise. */
export function isMixedScriptName(name: string): boolean {
  return LATIN.test(name) && NON_LATIN_LETTER.test(name);
}

export function nameSkeleton(name: string): string {
  return skeletonOf(name.normalize('NFKC').toLowerCase()).toLowerCase();
}

/** The known name `name` imitates: same skeleton, different spelling. */
export function imitatedName(name: string, known: Iterable<string>): string | undefined {
  const skeleton = nameSkeleton(name);
  for (const other of known) if (other !== name && nameSkeleton(other) === skeleton) return other;
  return undefined;
}

/**
 * The findings for a skill's name (reported against `path`, line `line`): high when it mixes scripts or
 * imitates a known name with letters from another script; medium when it imitates one in plain ASCII
 * look-alikes (`rn` for `m`, `l` for `1`), which can also be chance.
 */
export function nameFindings(name: string, known: Iterable<string>, path = 'SKILL.md', line = 1): ScanFinding[] {
  const imitated = imitatedName(name, known);
  const foreign = /[^\x00-\x7f]/.test(name);
  if (!imitated && !isMixedScriptName(name)) return [];
  const excerpt = imitated ? `name: ${name} (looks like the skill "${imitated}")` : `name: ${name} (mixes Latin with another script)`;
  return [{ path, line, rule: 'confusable-name', severity: foreign || isMixedScriptName(name) ? 'high' : 'medium', excerpt }];
}
