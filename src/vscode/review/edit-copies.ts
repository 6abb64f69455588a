import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { SkillsmithError } from '../../core/errors';
import type { SkillVersion } from '../../core/skills/library/types';
import { currentData, currentLibrary } from '../data/current';
import { skillMdName } from '../model/skill-md';
import { CONTEXT } from '../ids';
import { log } from '../log';
import { acceptCandidate, closeCandidateEditors } from './candidates';

/**
 * "Edit before accepting": the candidate's files copied to a folder of the extension's own storage and opened
 * as an ordinary, editable document. Accepting it proposes the edited folder as the candidate's new version
 * and accepts that, so the library records both the proposal and the person's edit.
 */
export class EditCopies implements vscode.Disposable {
  /** Open copies: URI of the copy's SKILL.md → skill. */
  private readonly copies = new Map<string, string>();

  constructor(private readonly storage: vscode.Uri) {}

  private folderOf(skill: string): string {
    return join(this.storage.fsPath, 'edits', skill);
  }

  /** Writes a fresh copy of the candidate of `skill` and opens its SKILL.md for editing. */
  async open(skill: string): Promise<vscode.Uri> {
    const data = await currentData();
    const candidate = await data.candidate(skill);
    if (!candidate) throw new SkillsmithError(`"${skill}" has no candidate to edit`, skill);
    const snapshot = await (await data.library()).show(skill, candidate.version.id);
    const folder = this.folderOf(skill);
    await rm(folder, { recursive: true, force: true });
    for (const [path, text] of Object.entries(snapshot.files)) {
      const file = join(folder, ...path.split('/'));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    const uri = vscode.Uri.file(join(folder, skillMdName(snapshot)));
    this.copies.set(uri.toString(), skill);
    await this.publish();
    await vscode.window.showTextDocument(uri, { preview: false });
    log().info(`editing a copy of the candidate for ${skill} at ${folder}`);
    return uri;
  }

  /** The skill an open copy belongs to, by any file inside its folder. */
  skillOf(uri: vscode.Uri | undefined): string | undefined {
    if (!uri || uri.scheme !== 'file') return undefined;
    const direct = this.copies.get(uri.toString());
    if (direct) return direct;
    const inside = relative(join(this.storage.fsPath, 'edits'), uri.fsPath);
    const skill = inside.split(sep)[0];
    return skill && !inside.startsWith('..') && [...this.copies.values()].includes(skill) ? skill : undefined;
  }

  /** Saves the copy, records it as the candidate's new version and accepts it. */
  async accept(skill: string): Promise<SkillVersion> {
    const folder = this.folderOf(skill);
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && this.skillOf(doc.uri) === skill) await doc.save();
    }
    const library = await currentLibrary();
    try {
      await library.proposeCandidate(skill, folder, 'edited by hand before accepting');
    } catch (e) {
      // an unedited copy is simply the candidate itself
      if (!(e instanceof SkillsmithError && /already holds exactly this content/.test(e.message))) throw e;
    }
    const version = await acceptCandidate(skill);
    await this.close(skill);
    return version;
  }

  /** Forgets a copy: closes its editors and deletes the folder. */
  async close(skill: string): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && this.skillOf(t.input.uri) === skill);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    for (const [key, s] of this.copies) if (s === skill) this.copies.delete(key);
    await rm(this.folderOf(skill), { recursive: true, force: true });
    await closeCandidateEditors(skill);
    await this.publish();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT.editCopies, [...this.copies.keys()]);
  }

  dispose(): void {
    this.copies.clear();
  }
}
