import * as vscode from 'vscode';
import { SkillsmithError } from '../../core/errors';
import { currentData, currentLibrary } from '../data/current';
import { skillMdName } from '../model/skill-md';
import { docUri } from '../documents/provider';

/** What a compare command opened, for the caller (and tests) to check. */
export interface OpenedDiff {
  left: vscode.Uri;
  right: vscode.Uri;
  title: string;
}

/** Opens two versions of a skill's SKILL.md side by side in VS Code's diff editor. */
export async function compareVersions(skill: string, from: string, to: string): Promise<OpenedDiff> {
  const library = await currentLibrary();
  const [a, b] = [await library.show(skill, from), await library.show(skill, to)];
  const diff: OpenedDiff = {
    left: docUri({ kind: 'version', skill, version: a.version, file: skillMdName(a) }),
    right: docUri({ kind: 'version', skill, version: b.version, file: skillMdName(b) }),
    title: `${skill}: ${a.version.slice(0, 7)} ↔ ${b.version.slice(0, 7)}`,
  };
  await vscode.commands.executeCommand('vscode.diff', diff.left, diff.right, diff.title);
  return diff;
}

/** Compares a version (the current one by default) with the version before it. */
export async function compareWithPrevious(skill: string, version?: string): Promise<OpenedDiff> {
  const history = await (await currentLibrary()).log(skill);
  const at = version ? history.findIndex((v) => v.id.startsWith(version)) : 0;
  if (at < 0) throw new SkillsmithError(`no version ${version} of "${skill}"`, skill);
  const previous = history[at + 1];
  if (!previous) throw new SkillsmithError(`version ${history[at]!.shortId} is the first version of "${skill}"; there is nothing before it`, skill);
  return compareVersions(skill, previous.id, history[at]!.id);
}

/** Shows what accepting the candidate would change: the current version (or nothing, for a new skill) against it. */
export async function compareCandidate(skill: string): Promise<OpenedDiff> {
  const data = await currentData();
  const library = await data.library();
  const candidate = await data.candidate(skill);
  if (!candidate) throw new SkillsmithError(`"${skill}" has no candidate awaiting review`, skill);
  const proposed = await library.show(skill, candidate.version.id);
  const file = skillMdName(proposed);
  const current = await library.show(skill).catch((e: unknown) => {
    if (e instanceof SkillsmithError) return undefined; // a new skill: nothing to compare against
    throw e;
  });
  const diff: OpenedDiff = {
    left: current ? docUri({ kind: 'version', skill, version: current.version, file: skillMdName(current) }) : docUri({ kind: 'empty', skill, file }),
    right: docUri({ kind: 'candidate', skill, version: candidate.version.id, file }),
    title: current ? `${skill}: current ${current.version.slice(0, 7)} ↔ candidate ${candidate.version.shortId}` : `${skill}: new skill (draft ${candidate.version.shortId})`,
  };
  await vscode.commands.executeCommand('vscode.diff', diff.left, diff.right, diff.title, { preview: false });
  return diff;
}

/** Opens one version's SKILL.md, read-only. */
export async function openVersion(skill: string, version: string, kind: 'version' | 'candidate' = 'version'): Promise<vscode.Uri> {
  const snapshot = await (await currentLibrary()).show(skill, version);
  const uri = docUri({ kind, skill, version: snapshot.version, file: skillMdName(snapshot) });
  await vscode.window.showTextDocument(uri, { preview: true });
  return uri;
}
