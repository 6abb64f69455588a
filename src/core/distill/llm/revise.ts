import { parseSkillMd } from '../../skills/skillmd/parse';
import type { Atom } from '../atoms/types';
import type { ExistingSkill, Unanswered } from '../engine';
import { findBoilerplate, withoutBoilerplate } from '../offline/boilerplate';
import type { SkillDraft } from '../offline/draft';
import { commandsInMarkdown, evidenceCommands, evidenceFiles, programsOf } from './commands';
import { isUnusableReply, type StageContext } from './context';
import { cleanBody, cleanDescription } from './draft-check';
import { draftEvidence, renderEvidence } from './evidence';
import { finishDraft } from './finish-draft';
import { novelty } from './novelty';
import { HAND_EDIT_ENGINE, keepsUserText } from '../../evolve/hand-edits/user-version';
import { HAND_EDIT_RULE, REVISE_SYSTEM, reviseUser } from './prompts';
import { reviseSchema } from './schemas';

const ENGINE_KEY = 'skillsmith-engine';

/** Frontmatter a draft carries; a skill with anything else is not revised, since a draft would drop it. */
const CARRIED = new Set(['name', 'description', 'metadata']);

/**
 * A new version of a skill from its evidence, or none. Evidence that adds nothing the skill does not say
 * (see `novelty`) costs no call. The current SKILL.md is ground truth (a person may have edited it): the
 * prompt says to keep it unless the evidence contradicts it, and the commands it already names stay
 * allowed beside those the evidence shows.
 */
export async function reviseWithModel(ctx: StageContext, skill: ExistingSkill, evidence: readonly Atom[]): Promise<SkillDraft | Unanswered | undefined> {
  const current = skill.files['SKILL.md'];
  if (!current || evidence.length === 0) return undefined;
  let parsed;
  try {
    parsed = parseSkillMd(current, `${skill.name}/SKILL.md`);
  } catch (e) {
    ctx.problem(`skill ${skill.name}: not revised, its SKILL.md does not parse (${(e as Error).message})`);
    return undefined;
  }
  const metadata = carriedMetadata((parsed.data as { metadata?: unknown }).metadata);
  const extra = Object.keys(parsed.data).filter((k) => !CARRIED.has(k));
  if (!metadata) extra.push('nested metadata');
  if (extra.length || !metadata) {
    ctx.notice(`skill ${skill.name}: not revised by the model, a new version would drop its ${extra.join(', ')} field${extra.length > 1 ? 's' : ''}`);
    return undefined;
  }

  const added = novelty(parsed.body, evidence);
  if (added.length === 0) return undefined;

  const boilerplate = findBoilerplate(evidence);
  const requests = new Map(evidence.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
  const shown = renderEvidence(evidence, requests, ctx.options.maxEvidenceAtoms);
  // the model needs what an agent reads (description and body), not our bookkeeping metadata
  const shownSkill = `description: ${String(parsed.data.description ?? '')}\n\n${parsed.body.trim()}`;
  const user = reviseUser({ name: skill.name, current: shownSkill, added, evidence: [shown.headline, ...shown.lines] });
  // a version the user wrote by hand is kept word for word: the model may only add to it
  const handEdited = metadata[ENGINE_KEY] === HAND_EDIT_ENGINE;
  const system = handEdited ? `${REVISE_SYSTEM}\n${HAND_EDIT_RULE}` : REVISE_SYSTEM;
  let answer;
  try {
    ({ value: answer } = await ctx.client.chatJson({
      stage: 'revise',
      system,
      user,
      schema: reviseSchema,
      maxOutputTokens: ctx.options.maxOutputTokens.write,
      signal: ctx.signal,
    }));
  } catch (e) {
    if (!isUnusableReply(e)) throw e;
    ctx.problem(`revise call for skill ${skill.name}: the model's reply was unusable (${e.reason}); the skill is kept as it is and the next run asks again`);
    return { unanswered: e.reason };
  }
  if (answer.decision === 'keep') return undefined;

  const workflow = metadata['skillsmith-workflow'];
  delete metadata['skillsmith-workflow'];
  const draft: SkillDraft = {
    name: skill.name,
    description: cleanDescription(answer.description),
    body: cleanBody(answer.body),
    metadata: { ...metadata, 'skillsmith-engine': 'llm', 'skillsmith-model': ctx.client.id },
    evidence: draftEvidence(evidence, workflow ? workflow.split(' > ') : undefined),
  };
  const own = commandsInMarkdown(parsed.body, programsOf(evidenceCommands(evidence)));
  const files = evidenceFiles(evidence);
  const revised = await finishDraft(ctx, { stage: 'revise', system, user }, draft, {
    commands: [...evidenceCommands(evidence), ...own],
    files,
  });
  if (revised && handEdited && !keepsUserText(parsed.body, revised.body)) {
    ctx.notice(`skill ${skill.name}: not revised, the model's version rewrote the user's own text`);
    return undefined;
  }
  return revised;
}

/** Metadata as the draft carries it (string values); undefined when a value is a list or a mapping. */
function carriedMetadata(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') return undefined;
    out[k] = String(v ?? '');
  }
  return out;
}
