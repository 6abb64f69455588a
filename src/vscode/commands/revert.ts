import * as vscode from 'vscode';
import type { SkillVersion } from '../../core/skills/library/types';
import { currentLibrary } from '../data/current';
import { libraryChanged } from '../events';
import { log } from '../log';
import { pickSkill, pickVersion, targetOf, type CommandArg } from '../review/targets';

/**
 * "Revert Skill to Version…": the chosen version's content becomes a new version (history is kept). Asks for
 * confirmation unless the caller already gave the reason.
 */
export async function revertSkill(arg?: CommandArg): Promise<SkillVersion | undefined> {
  const target = targetOf(arg);
  const skill = target.skill ?? (await pickSkill('Revert which skill?', 'library'));
  if (!skill) return undefined;
  const library = await currentLibrary();
  const current = (await library.log(skill))[0]?.id;
  const version = target.version ?? (await pickVersion(skill, `Revert "${skill}" to which version?`, current));
  if (!version) return undefined;
  let reason = target.reason;
  if (reason === undefined) {
    const sure = await vscode.window.showWarningMessage(
      `Revert "${skill}" to version ${version.slice(0, 7)}?`,
      { modal: true, detail: 'Its content becomes a new version; the versions in between stay in the history.' },
      'Revert',
    );
    if (sure !== 'Revert') return undefined;
    reason = (await vscode.window.showInputBox({ title: `Why revert "${skill}"?`, prompt: 'Optional: kept in the version history.', ignoreFocusOut: true })) ?? '';
  }
  const reverted = await library.revert(skill, version, reason);
  log().info(`reverted ${skill} to ${version.slice(0, 7)}: now ${reverted.shortId}`);
  libraryChanged.fire();
  void vscode.window.showInformationMessage(`Skillsmith: "${skill}" now has the content of ${version.slice(0, 7)} (new version ${reverted.shortId}).`);
  return reverted;
}
