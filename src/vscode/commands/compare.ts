import * as vscode from 'vscode';
import { compareCandidate as openCandidateDiff, compareVersions as openVersionsDiff, compareWithPrevious as openPreviousDiff, type OpenedDiff } from '../review/compare';
import { pickSkill, pickVersion, targetOf, type CommandArg } from '../review/targets';

/** "Compare Versions…": any two versions of a skill in the diff editor. */
export async function compareVersions(arg?: CommandArg & { from?: unknown; to?: unknown }): Promise<OpenedDiff | undefined> {
  const given = typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : undefined;
  const skill = targetOf(arg).skill ?? (await pickSkill('Compare versions of which skill?', 'library'));
  if (!skill) return undefined;
  const from = typeof given?.from === 'string' ? given.from : await pickVersion(skill, 'The older version (left side)');
  if (!from) return undefined;
  const to = typeof given?.to === 'string' ? given.to : await pickVersion(skill, 'The newer version (right side)', from);
  if (!to) return undefined;
  return openVersionsDiff(skill, from, to);
}

/** "Compare with Previous Version": a version (the current one by default) against the one before it. */
export async function compareWithPrevious(arg?: CommandArg): Promise<OpenedDiff | undefined> {
  const target = targetOf(arg);
  const skill = target.skill ?? (await pickSkill('Compare which skill with its previous version?', 'library'));
  if (!skill) return undefined;
  return openPreviousDiff(skill, target.version);
}

/** "Compare Candidate with Current": what accepting would change; Accept, Reject and Edit sit in the editor title. */
export async function compareCandidate(arg?: CommandArg): Promise<OpenedDiff | undefined> {
  const skill = targetOf(arg).skill ?? (await pickSkill('Review the candidate of which skill?', 'candidates'));
  if (!skill) return undefined;
  return openCandidateDiff(skill);
}
