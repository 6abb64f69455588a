import type { SkillLibrary } from '../../core/skills/library/library';
import type { SkillData } from './skill-data';
import { currentHome } from '../settings';

/**
 * The data of the home the settings point at now (the library object itself is shared per folder). Loaded
 * on first use: the core (git, SQLite, the LLM layer) is not evaluated while VS Code activates the extension.
 */
export async function currentData(): Promise<SkillData> {
  const { SkillData } = await import('./skill-data.js');
  return new SkillData(currentHome());
}

/** The library of the home the settings point at now. */
export async function currentLibrary(): Promise<SkillLibrary> {
  return (await currentData()).library();
}
