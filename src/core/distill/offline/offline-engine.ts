import { parseSkillMd } from '../../skills/skillmd/parse';
import type { Trajectory } from '../../transcripts/model';
import type { Atom } from '../atoms/types';
import { declineCovering } from '../declines';
import type { DistillEngine, ExistingSkill, Proposals, ProposeRequest, RouteRequest, Routing } from '../engine';
import { splitTrajectory } from '../split/heuristic';
import { findBoilerplate, withoutBoilerplate } from './boilerplate';
import { draftSkill, type SkillDraft } from './draft';
import { DEFAULT_OFFLINE_RULES, draftSkillsOffline, reviseProjectSkill, reviseWorkflowSkill, type OfflineRules } from './engine';
import { isProjectSkill, skillProject } from '../../skills/scope';
import { collapse, isSubsequence, mostSharedSequence } from './sequences';

/** Below this retrieval score an atom is not evidence for a skill, whatever its steps. */
const MIN_ROUTE_SCORE = 0.3;

/** The offline engine behind the pipeline's interface: deterministic, no model, no tokens. */
export class OfflineEngine implements DistillEngine {
  readonly name = 'offline';

  constructor(private readonly rules: OfflineRules = DEFAULT_OFFLINE_RULES) {}

  async split(t: Trajectory, fromTurn: number): Promise<Atom[]> {
    return splitTrajectory(t, fromTurn);
  }

  /**
   * Evidence needs both a close enough request and, for a skill drafted from a workflow, that workflow in
   * the atom's steps: words alone would credit a skill for every request that merely mentions its topic.
   */
  async route(requests: RouteRequest[]): Promise<Routing[]> {
    return requests.map(({ atom, candidates }) => {
      const steps = collapse(atom.steps.map((s) => s.signature));
      const fit = candidates.find(
        (c) => c.score >= MIN_ROUTE_SCORE && (c.sequence ? isSubsequence(c.sequence, steps) : atom.steps.length > 0),
      );
      return fit ? { atomId: atom.id, skill: fit.name, weight: fit.score } : { atomId: atom.id, weight: 0 };
    });
  }

  /** A group a model declined on an earlier run is not drafted here either: it was judged not to be a skill. */
  async propose({ unclaimed, takenNames, declined }: ProposeRequest): Promise<Proposals> {
    const byId = new Map(unclaimed.map((a) => [a.id, a]));
    const mined = draftSkillsOffline(unclaimed, takenNames, this.rules);
    const drafts = mined.filter((d) => !declineCovering(d.evidence.atoms.map((id) => byId.get(id)!), declined));
    return { drafts, declined: [], skippedAsDeclined: mined.length - drafts.length };
  }

  /** Only drafts this engine wrote are rewritten; a skill a person or a model wrote keeps its text. */
  async revise(skill: ExistingSkill, evidence: Atom[]): Promise<SkillDraft | undefined> {
    const current = skill.files['SKILL.md'];
    if (!current) return undefined;
    const parsed = parseSkillMd(current, `${skill.name}/SKILL.md`);
    const metadata = (parsed.data as { metadata?: Record<string, unknown> }).metadata;
    if (metadata?.['skillsmith-engine'] !== 'offline') return undefined;
    const atoms = [...evidence].sort((a, b) => a.id.localeCompare(b.id));
    const project = skillProject(metadata);
    if (project && isProjectSkill(metadata)) return reviseProjectSkill(skill.name, project, atoms, this.rules);
    if (project || metadata?.['skillsmith-workflow'] === undefined) return reviseWorkflowSkill(skill.name, project, atoms, this.rules);
    const best = mostSharedSequence(atoms.map((a) => collapse(a.steps.map((s) => s.signature))));
    if (!best) return undefined;
    const members = best.members.map((i) => atoms[i]);
    const boilerplate = findBoilerplate(atoms);
    const clean = new Map(atoms.map((a) => [a.id, withoutBoilerplate(a.request, boilerplate) || a.intent]));
    return draftSkill({
      members,
      sequence: best.signatures,
      cleanRequests: clean,
      allRequests: [...clean.values()],
      takenNames: new Set(),
      name: skill.name,
    });
  }
}
