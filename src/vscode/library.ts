import { SkillLibrary } from '../core/skills/library/library';
import type { LibrarySkill } from '../core/skills/library/types';
import { currentHome } from './settings';

/** The skills of the library the settings point at, with that library's folder. */
export async function listLibrarySkills(): Promise<{ library: string; skills: LibrarySkill[] }> {
  const library = currentHome().library;
  const skills = await (await SkillLibrary.open(library)).list();
  return { library, skills };
}
