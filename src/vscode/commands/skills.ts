import * as vscode from 'vscode';
import { describeError, SkillsmithError } from '../../core/errors';
import type { LibrarySkill } from '../../core/skills/library/types';
import type { SkillDetail } from '../../../webview/protocol';
import { currentLibrary } from '../data/current';
import { docUri } from '../documents/provider';
import { log } from '../log';
import { openVersion as openVersionDoc } from '../review/compare';
import { pickSkill, targetOf, type CommandArg } from '../review/targets';
import type { Services } from '../services';

/** "Open Skill…": the skill's detail panel (its candidate, when it is only a candidate or one is asked for). */
export async function openSkill(s: Services, arg?: CommandArg & { candidate?: unknown }): Promise<SkillDetail | undefined> {
  const skill = targetOf(arg).skill ?? (await pickSkill('Open which skill?', 'any'));
  if (!skill) return undefined;
  const candidate = typeof arg === 'object' && !(arg instanceof vscode.Uri) && arg?.candidate === true;
  return s.detail.show(skill, candidate);
}

/** Opens one version of a skill as a read-only document. */
export async function openVersion(arg: CommandArg): Promise<vscode.Uri> {
  const { skill, version } = targetOf(arg);
  if (!skill || !version) throw new SkillsmithError('no skill version was given to open', 'Skillsmith');
  return openVersionDoc(skill, version);
}

/** Opens a stored session read-only, scrolled to a turn (provenance links). */
export async function openSession(s: Services, arg: { session?: unknown; turn?: unknown }): Promise<vscode.Uri> {
  if (typeof arg?.session !== 'string') throw new SkillsmithError('no session was given to open', 'Skillsmith');
  const uri = docUri({ kind: 'session', key: arg.session });
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = s.documents.lineOfTurn(uri, typeof arg.turn === 'number' ? arg.turn : 0);
  const at = new vscode.Range(line, 0, line, 0);
  await vscode.window.showTextDocument(doc, { preview: true, selection: at });
  return uri;
}

/**
 * "List Skills": the library's skills in a quick pick; picking one opens it. Resolves with the listed skills
 * once the pick is shown (not when it closes), so callers such as tests can see what was listed.
 */
export async function listSkills(s: Services): Promise<LibrarySkill[]> {
  let skills: LibrarySkill[];
  const library = await currentLibrary();
  try {
    skills = await library.list();
  } catch (e) {
    throw new SkillsmithError(`cannot list skills: ${describeError(e)}`, library.dir);
  }
  log().info(`list skills: ${skills.length} in ${library.dir}`);
  if (skills.length === 0) {
    void vscode.window.showInformationMessage(`Skillsmith: the library at ${library.dir} has no skills yet. Run "Skillsmith: Distill Now" to draft some from your sessions.`);
    return skills;
  }
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = 'Skillsmith Skills';
  pick.placeholder = `${skills.length} skill${skills.length === 1 ? '' : 's'} in ${library.dir}`;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = skills.map((x) => ({ label: x.name, description: `${x.version.slice(0, 7)} · ${x.updatedAt.slice(0, 10)}`, detail: x.description || undefined }));
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0]?.label;
    pick.hide();
    if (chosen) void s.detail.show(chosen);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return skills;
}
