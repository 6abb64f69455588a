import { homedir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { AGENTS } from '../../skills/install/agents';
import type { SkillLibrary } from '../../skills/library/library';
import { findSkillFolders } from '../../skills/skillmd/find';
import type { SkillRoot } from './load-skill';

/** The library's folder; its skills carry the library's commit ids as versions. */
export function libraryRoot(library: SkillLibrary): SkillRoot {
  return {
    dir: library.dir,
    label: 'library',
    versions: async () => new Map((await library.list()).map((s) => [s.name, s.version])),
  };
}

/**
 * The skill folders of every agent Skillsmith installs into, project level first (a workspace's skills
 * are the most specific), then user level.
 */
export function agentRoots(workspace: string | undefined, userHome: string = homedir()): SkillRoot[] {
  const project = workspace ? AGENTS.map((a) => ({ dir: a.projectDir(resolve(workspace)), label: `${a.name} (project)` })) : [];
  const user = AGENTS.map((a) => ({ dir: a.userDir(userHome), label: `${a.name} (user)` }));
  return [...project, ...user];
}

/** The library first (it is the source of truth), then the agents' folders. */
export function defaultSkillRoots(library: SkillLibrary | undefined, workspace: string | undefined, userHome?: string): SkillRoot[] {
  return [...(library ? [libraryRoot(library)] : []), ...agentRoots(workspace, userHome)];
}

/**
 * Any folder of skills, at any depth (a skill folder itself, a folder of them, a repository that keeps
 * them under `skills/`): one root per folder that holds skills, limited to the skills found.
 */
export async function folderRoot(dir: string): Promise<SkillRoot[]> {
  const found = await findSkillFolders(resolve(dir));
  const byParent = new Map<string, string[]>();
  for (const folder of found) {
    const parent = dirname(folder);
    byParent.set(parent, [...(byParent.get(parent) ?? []), basename(folder)]);
  }
  return [...byParent].map(([parent, folders]) => ({ dir: parent, label: 'folder', folders }));
}
