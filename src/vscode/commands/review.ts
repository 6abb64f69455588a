import * as vscode from 'vscode';
import type { CandidateRejection, SkillVersion } from '../../core/skills/library/types';
import { acceptCandidate as accept, rejectCandidate as reject } from '../review/candidates';
import { pickSkill, targetOf, type CommandArg } from '../review/targets';
import type { Services } from '../services';
import { SkillsmithError } from '../../core/errors';

async function candidateSkill(arg: CommandArg, s: Services, question: string): Promise<string | undefined> {
  return targetOf(arg).skill ?? s.editCopies.skillOf(arg as vscode.Uri | undefined) ?? (await pickSkill(question, 'candidates'));
}

/** "Accept Candidate": the candidate becomes the skill's new version. */
export async function acceptCandidate(s: Services, arg?: CommandArg): Promise<SkillVersion | undefined> {
  const skill = await candidateSkill(arg, s, 'Accept the candidate of which skill?');
  return skill ? accept(skill) : undefined;
}

/** "Reject Candidate…": asks why, keeps the reason with the rejected version. */
export async function rejectCandidate(s: Services, arg?: CommandArg): Promise<CandidateRejection | undefined> {
  const target = targetOf(arg);
  const skill = target.skill ?? (await pickSkill('Reject the candidate of which skill?', 'candidates'));
  return skill ? reject(skill, target.reason) : undefined;
}

/** "Edit Before Accepting": an editable copy of the candidate; Accept Edited Candidate commits the edit. */
export async function editCandidate(s: Services, arg?: CommandArg): Promise<vscode.Uri | undefined> {
  const skill = await candidateSkill(arg, s, 'Edit the candidate of which skill?');
  return skill ? s.editCopies.open(skill) : undefined;
}

/** "Accept Edited Candidate": saves the copy, records it as the candidate, accepts it. */
export async function acceptEditedCandidate(s: Services, arg?: vscode.Uri | { skill?: unknown }): Promise<SkillVersion | undefined> {
  const skill =
    (arg instanceof vscode.Uri ? s.editCopies.skillOf(arg) : typeof arg?.skill === 'string' ? arg.skill : undefined) ??
    s.editCopies.skillOf(vscode.window.activeTextEditor?.document.uri);
  if (!skill) throw new SkillsmithError('the active editor is not an edited copy of a candidate', 'Accept Edited Candidate', 'use "Edit Before Accepting" on a candidate first');
  return s.editCopies.accept(skill);
}
