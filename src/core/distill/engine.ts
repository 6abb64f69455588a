import type { Trajectory } from '../transcripts/model';
import type { Atom } from './atoms/types';
import type { Decline, DeclinedGroup } from './declines';
import type { SkillDraft } from './offline/draft';

/** A skill retrieval put on an atom's short list. */
export interface CandidateSkill {
  name: string;
  description: string;
  /** Retrieval score, 0..1. */
  score: number;
  /** The tool workflow the skill was drafted from, when Skillsmith wrote it. */
  sequence?: string[];
  /** The project the skill is scoped to, and whether it is that project's own skill (see skills/scope.ts). */
  project?: string;
  always?: boolean;
}

export interface RouteRequest {
  atom: Atom;
  /** At most K skills from retrieval; never the whole catalog. */
  candidates: CandidateSkill[];
}

/** An atom's routing: evidence for one of its candidates with a weight (0..1), or no skill. */
export interface Routing {
  atomId: string;
  skill?: string;
  weight: number;
}

/** What a proposal works from besides the unclaimed atoms. */
export interface ProposeRequest {
  unclaimed: Atom[];
  /** Names in use (library and candidates); a new skill takes another. */
  takenNames: ReadonlySet<string>;
  /** Groups declined on earlier runs: not asked about again until a new session adds evidence. */
  declined: readonly DeclinedGroup[];
}

export interface Proposals {
  drafts: SkillDraft[];
  /** Groups judged not to be a skill on this run, for the pipeline to remember. */
  declined: Decline[];
  /** Groups left alone because an earlier decline still answers for them. */
  skippedAsDeclined: number;
  /**
   * Groups the engine could not answer for (no usable reply): nothing was decided about them, so their
   * sessions wait and the next run asks again. Absent means none.
   */
  unanswered?: { atoms: string[]; reason: string }[];
}

/** An engine's answer when it could not decide (no usable reply): nothing is settled, so the next run asks again. */
export interface Unanswered {
  unanswered: string;
}

export function isUnanswered(x: SkillDraft | Unanswered | undefined): x is Unanswered {
  return x !== undefined && 'unanswered' in x;
}

/** A skill as it stands, for a revision. */
export interface ExistingSkill {
  name: string;
  files: Record<string, string>;
}

/**
 * The three judgements of distillation. The pipeline owns order, state and storage; an engine only
 * decides. The offline engine decides from the transcripts alone; a model-backed one asks an LLM.
 */
export interface DistillEngine {
  readonly name: string;
  /** Atoms for the user turns at and after `fromTurn`, covering the rest of the session. */
  split(t: Trajectory, fromTurn: number, signal?: AbortSignal): Promise<Atom[]>;
  route(requests: RouteRequest[], signal?: AbortSignal): Promise<Routing[]>;
  /** New skills from atoms no skill claimed; each needs evidence from enough distinct sessions. */
  propose(request: ProposeRequest, signal?: AbortSignal): Promise<Proposals>;
  /** A new version of a skill from its evidence (old and new), undefined when nothing should change, or unanswered. */
  revise(skill: ExistingSkill, evidence: Atom[], signal?: AbortSignal): Promise<SkillDraft | Unanswered | undefined>;
}
