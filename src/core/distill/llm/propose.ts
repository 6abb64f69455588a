import { estimateTokens } from '../../llm/token-estimate';
import type { Atom } from '../atoms/types';
import { declineCovering, declineOf } from '../declines';
import type { Proposals, ProposeRequest } from '../engine';
import { findBoilerplate, withoutBoilerplate } from '../offline/boilerplate';
import { slug, type SkillDraft } from '../offline/draft';
import { mineWorkflowGroups } from '../offline/engine';
import type { ProjectEvidence } from '../offline/project-skill';
import { minedLines } from './mined';
import { evidenceCommands, evidenceFiles } from './commands';
import { isUnusableReply, type StageContext } from './context';
import { cleanBody, cleanDescription } from './draft-check';
import { draftEvidence, renderEvidence } from './evidence';
import { finishDraft } from './finish-draft';
import { PROPOSE_SYSTEM, proposeGroup, proposeUser } from './prompts';
import { proposeSchema, type Proposal } from './schemas';

type WrittenProposal = Extract<Proposal, { decision: 'write' }>;

/** A candidate group as the model sees it, and what the draft is built from. */
interface Group {
  mined: SkillDraft;
  project?: ProjectEvidence;
  members: Atom[];
  text: string;
}

/**
 * New skills from unclaimed atoms. Which atoms belong together is decided without the model, by the
 * offline miner (requests that ask for similar things and share a tool workflow, in enough distinct
 * sessions, boilerplate lines stripped first): that is the diversity rule xskill lacked, and it means the
 * model is only asked about groups that already qualify. The model then writes each group's skill from
 * the evidence, or declines when the group is boilerplate, a prompt template or not reusable. A group an
 * earlier decline still answers for is not asked again (see `declineCovering`). Small groups share a call
 * (up to `groupsPerCall`, within `groupTokens` of evidence).
 */
export async function proposeWithModel(ctx: StageContext, request: ProposeRequest): Promise<Proposals> {
  const { unclaimed, takenNames } = request;
  const result: Proposals = { drafts: [], declined: [], skippedAsDeclined: 0 };
  const mined = mineWorkflowGroups(unclaimed, takenNames, ctx.options.groupRules);
  if (mined.length === 0) return result;
  const byId = new Map(unclaimed.map((a) => [a.id, a]));
  const working = unclaimed.filter((a) => a.steps.length > 0);
  const boilerplate = findBoilerplate(working);
  const requests = new Map(working.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
  const groups: Group[] = [];
  for (const { draft: m, project } of mined) {
    const members = m.evidence.atoms.map((id) => byId.get(id)!);
    if (declineCovering(members, request.declined)) result.skippedAsDeclined++;
    else groups.push(groupOf(ctx, m, members, requests, project));
  }

  const taken = new Set(takenNames);
  for (const batch of packed(ctx, groups)) {
    for (const [group, answer] of await answersFor(ctx, batch)) {
      if (answer?.decision === 'decline') {
        ctx.notice(`the model declined a skill for ${group.members.length} requests like "${group.members[0].intent}": ${answer.reason}`);
        result.declined.push(declineOf(group.members, answer.reason, ctx.client.id));
        continue;
      }
      const draft = answer && (await draftFrom(ctx, group, answer, taken));
      // no usable reply: nothing was decided, so the group is asked again next run (answersFor said why);
      // a draft refused after its repair round is an answer, and is not asked for again
      if (!answer) (result.unanswered ??= []).push({ atoms: group.members.map((a) => a.id), reason: 'unusable reply' });
      if (!draft) continue;
      taken.add(draft.name);
      result.drafts.push(draft);
    }
  }
  return result;
}

function groupOf(ctx: StageContext, mined: SkillDraft, members: Atom[], requests: ReadonlyMap<string, string>, project?: ProjectEvidence): Group {
  const evidence = renderEvidence(members, requests, ctx.options.maxEvidenceAtoms);
  const text = proposeGroup({
    ref: 'G?',
    summary: evidence.headline,
    workflow: mined.evidence.sequence.join(' > '),
    suggestedName: mined.name,
    mined: minedLines(project, members),
    evidence: evidence.lines,
  });
  return { mined, members, text, ...(project ? { project } : {}) };
}

/** Groups in calls: consecutive groups while they fit the count and the evidence budget. */
function packed(ctx: StageContext, groups: Group[]): Group[][] {
  const batches: Group[][] = [];
  let tokens = 0;
  for (const g of groups) {
    const t = estimateTokens(g.text);
    const last = batches[batches.length - 1];
    if (last && last.length < ctx.options.groupsPerCall && tokens + t <= ctx.options.groupTokens) {
      last.push(g);
      tokens += t;
    } else {
      batches.push([g]);
      tokens = t;
    }
  }
  return batches;
}

/** The model's answer for each group of a batch; a batch answer that stays unusable is asked group by group. */
async function answersFor(ctx: StageContext, batch: Group[]): Promise<[Group, Proposal | undefined][]> {
  const refs = batch.map((_, i) => `G${i + 1}`);
  try {
    const { value } = await ctx.client.chatJson({
      stage: 'propose',
      system: PROPOSE_SYSTEM,
      user: proposeUser(batch.map((g, i) => withRef(g, refs[i]))),
      schema: proposeSchema(refs),
      maxOutputTokens: ctx.options.maxOutputTokens.write * batch.length,
      signal: ctx.signal,
    });
    return batch.map((g, i) => [g, value.skills.find((s) => s.group === refs[i])]);
  } catch (e) {
    if (!isUnusableReply(e)) throw e;
    if (batch.length > 1) {
      const one: [Group, Proposal | undefined][] = [];
      for (const g of batch) one.push(...(await answersFor(ctx, [g])));
      return one;
    }
    ctx.problem(`propose call for skill ${batch[0].mined.name}: the model's reply was unusable (${e.reason}); nothing written for ${batch[0].members.length} requests, the next run asks again`);
    return [[batch[0], undefined]];
  }
}

async function draftFrom(ctx: StageContext, group: Group, answer: WrittenProposal, taken: ReadonlySet<string>): Promise<SkillDraft | undefined> {
  const draft: SkillDraft = {
    name: nameFor(answer.name, group.mined.name, taken),
    description: cleanDescription(answer.description),
    body: cleanBody(answer.body),
    metadata: { 'skillsmith-engine': 'llm', 'skillsmith-model': ctx.client.id },
    evidence: draftEvidence(group.members, group.mined.evidence.sequence),
  };
  // a repair is about this group alone, so it carries only this group's evidence
  return finishDraft(ctx, { stage: 'propose', system: PROPOSE_SYSTEM, user: proposeUser([withRef(group, 'G1')]) }, draft, {
    // the project's mined commands were shown too, so a draft may name them (from the atoms that ran them)
    commands: evidenceCommands(group.project ? [...group.members, ...projectAtoms(group.project)] : group.members),
    files: evidenceFiles(group.members),
  });
}

/** The project's requests that ran one of its working or fix commands: where the mined lines came from. */
function projectAtoms(project: ProjectEvidence): Atom[] {
  const shown = new Set([...project.working, ...project.recoveries.flatMap((r) => [r.head])]);
  return project.atoms.filter((a) => a.steps.some((s) => s.signature.startsWith('run') && s.detail && shown.has(s.signature.slice(4))));
}

function withRef(g: Group, ref: string): string {
  return g.text.replace(/^G\?: /, `${ref}: `);
}

/** The model's name made valid and free; the miner's suggestion when nothing usable is left of it. */
function nameFor(proposed: string, suggested: string, taken: ReadonlySet<string>): string {
  const base = slug(proposed) || suggested;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
