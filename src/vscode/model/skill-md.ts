import type { SkillSnapshot } from '../../core/skills/library/types';
import { SKILL_MD_NAMES } from '../../core/skills/skillmd/types';

/** The SKILL.md text of a snapshot ('' when it has none). */
export function skillMdOf(snapshot: SkillSnapshot): string {
  for (const n of SKILL_MD_NAMES) if (snapshot.files[n] !== undefined) return snapshot.files[n]!;
  return '';
}

/** The file name its SKILL.md has (the spec allows `skill.md` too). */
export function skillMdName(snapshot: SkillSnapshot): string {
  return SKILL_MD_NAMES.find((n) => snapshot.files[n] !== undefined) ?? 'SKILL.md';
}
