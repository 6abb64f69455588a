import * as vscode from 'vscode';
import { SkillsmithError } from '../../core/errors';
import type { CandidateRejection, SkillVersion } from '../../core/skills/library/types';
import { currentLibrary } from '../data/current';
import { parseDocPath } from '../documents/paths';
import { libraryChanged } from '../events';
import { SCHEME } from '../ids';
import { log } from '../log';

/** Merges the candidate into the library, closes its diff editors and refreshes every view. */
export async function acceptCandidate(skill: string): Promise<SkillVersion> {
  const version = await (await currentLibrary()).acceptCandidate(skill);
  log().info(`accepted the candidate for ${skill}: now ${version.shortId}`);
  await closeCandidateEditors(skill);
  libraryChanged.fire();
  void vscode.window.showInformationMessage(`Skillsmith: accepted "${skill}"; it is now version ${version.shortId}.`);
  return version;
}

/** Asks why (a rejection always keeps its reason), then drops the candidate. Undefined when the user backs out. */
export async function rejectCandidate(skill: string, reason?: string): Promise<CandidateRejection | undefined> {
  const why =
    reason ??
    (await vscode.window.showInputBox({
      title: `Reject the candidate for "${skill}"`,
      prompt: 'Why? The reason is kept with the rejected version and guides the next rewrite.',
      placeHolder: 'e.g. the steps skip the migration check',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Give a reason, even a short one.'),
    }));
  if (!why?.trim()) return undefined;
  const rejection = await (await currentLibrary()).rejectCandidate(skill, why.trim());
  log().info(`rejected the candidate for ${skill}: ${why.trim()}`);
  await closeCandidateEditors(skill);
  libraryChanged.fire();
  void vscode.window.showInformationMessage(`Skillsmith: rejected the candidate for "${skill}". The reason is kept.`);
  return rejection;
}

/** Closes the tabs that show the candidate of `skill` (alone or in a diff): it no longer exists as a candidate. */
export async function closeCandidateEditors(skill: string): Promise<void> {
  const showsCandidate = (uri: unknown) => {
    if (!(uri instanceof vscode.Uri) || uri.scheme !== SCHEME) return false;
    const t = parseDocPath(uri.path);
    return (t?.kind === 'candidate' || t?.kind === 'empty') && t.skill === skill;
  };
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputTextDiff) return showsCandidate(input.modified);
    if (input instanceof vscode.TabInputText) return showsCandidate(input.uri);
    return false;
  });
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

export function requireSkill(skill: string | undefined, what: string): string {
  if (!skill) throw new SkillsmithError(`no skill was given to ${what}`, 'Skillsmith', 'run the command from the sidebar, a candidate diff, or the command palette');
  return skill;
}
