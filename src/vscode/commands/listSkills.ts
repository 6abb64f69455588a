import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { LibrarySkill } from '../../core/skills/library/types';
import { listLibrarySkills } from '../library';
import { log } from '../log';

/**
 * "Skillsmith: List Skills": shows the library's skills in a quick pick. Resolves with the listed skills once
 * the pick is shown (not when it closes), so callers such as tests can see what was listed.
 */
export async function listSkills(): Promise<LibrarySkill[]> {
  let listed: { library: string; skills: LibrarySkill[] };
  try {
    listed = await listLibrarySkills();
  } catch (e) {
    log().error(`list skills: ${describeError(e)}`);
    void vscode.window.showErrorMessage(`Skillsmith: cannot list skills: ${describeError(e)}`);
    return [];
  }
  const { library, skills } = listed;
  log().info(`list skills: ${skills.length} in ${library}`);
  if (skills.length === 0) {
    void vscode.window.showInformationMessage(
      `Skillsmith: the library at ${library} has no skills yet. Add a skill folder (one holding a SKILL.md) with \`skillsmith library add FOLDER\`, or set "skillsmith.home" to use another library.`,
    );
    return skills;
  }
  showPick(library, skills);
  return skills;
}

function showPick(library: string, skills: LibrarySkill[]): void {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = 'Skillsmith Skills';
  pick.placeholder = `${skills.length} skill${skills.length === 1 ? '' : 's'} in ${library}`;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = skills.map((s) => ({
    label: s.name,
    description: `${s.version.slice(0, 7)} · ${s.updatedAt.slice(0, 10)}`,
    detail: s.description || undefined,
  }));
  pick.onDidAccept(() => pick.hide());
  pick.onDidHide(() => pick.dispose());
  pick.show();
}
