import { skillMdSizeProblem } from '../../skills/skillmd/types';
import type { SkillDraft } from '../offline/draft';
import { isUnusableReply, type StageContext } from './context';
import { checkDraft, cleanBody, cleanDescription, type Allowed } from './draft-check';
import { repairUser } from './prompts';
import { repairSchema } from './schemas';

export interface DraftRequest {
  stage: 'propose' | 'revise';
  system: string;
  user: string;
}

/**
 * Takes a model's draft to one that may be committed, or to nothing. A draft with problems gets exactly one
 * repair round that names them (which commands the evidence does not show, which validator rule failed);
 * if anything blocking remains after it, the draft is refused with a problem line and nothing is written.
 * One round, not a loop: a model that cannot fix it in one try rarely does in five, and each try is paid.
 */
export async function finishDraft(ctx: StageContext, request: DraftRequest, first: SkillDraft, allowed: Allowed): Promise<SkillDraft | undefined> {
  // a runaway reply is not worth a repair round: its size is the whole problem
  const oversize = sizeProblem(first);
  if (oversize) return refuse(ctx, request, first, [oversize], 'at once', true);
  const problems = checkDraft(first, allowed);
  if (problems.blocking.length === 0 && problems.advice.length === 0) return first;

  let second: SkillDraft;
  try {
    const { value } = await ctx.client.chatJson({
      stage: request.stage,
      system: request.system,
      user: repairUser(request.user, { description: first.description, body: first.body }, [...problems.blocking, ...problems.advice]),
      schema: repairSchema,
      maxOutputTokens: ctx.options.maxOutputTokens.write,
      signal: ctx.signal,
    });
    second = { ...first, description: cleanDescription(value.description), body: cleanBody(value.body) };
  } catch (e) {
    if (!isUnusableReply(e)) throw e;
    if (problems.blocking.length === 0) return first;
    return refuse(ctx, request, first, problems.blocking, `the repair answer was unusable (${e.reason})`);
  }
  const grown = sizeProblem(second);
  if (grown) return problems.blocking.length === 0 ? first : refuse(ctx, request, second, [grown], 'after one repair round', true);
  const after = checkDraft(second, allowed);
  if (after.blocking.length === 0) return second;
  // advice alone never costs a draft; the first draft may have been the better of the two
  if (problems.blocking.length === 0) return first;
  return refuse(ctx, request, second, after.blocking, 'after one repair round');
}

/** `call`: name the model call the draft came from (for sizes, where the reply itself is the fault). */
function refuse(ctx: StageContext, request: DraftRequest, draft: SkillDraft, blocking: string[], when: string, call = false): undefined {
  const what = `the model's ${request.stage === 'revise' ? 'revision' : 'draft'}${call ? ` (${request.stage} call)` : ''}`;
  ctx.problem(`skill ${draft.name}: ${what} was refused ${when}, nothing written: ${blocking.join('; ')}`);
  return undefined;
}

/** The draft's SKILL.md would be over the size limit: the reason, else undefined. */
function sizeProblem(draft: SkillDraft): string | undefined {
  const problem = skillMdSizeProblem(draft.name.length + draft.description.length + draft.body.length);
  return problem ? `it is ${problem}` : undefined;
}
