import type { Atom } from '../../distill/atoms/types';
import { describeError } from '../../errors';
import type { LlmClient } from '../../llm/types';
import type { Trajectory } from '../../transcripts/model';
import { combineOutcome } from './combine';
import { judgeAtom } from './judge';
import { scoredSignals } from './signals';
import type { AtomScore, JudgeScore } from './types';

export interface ScoreAtomInput {
  trajectory: Trajectory;
  atom: Atom;
  /** The next atom of the same session, if any. */
  next?: Atom;
  skill: string;
  version?: string;
}

export interface ScoreOptions {
  /** Asked for a rubric score when it can chat; offline the signals alone decide. */
  llm?: LlmClient;
  now: number;
  signal?: AbortSignal;
}

/** Scores one atom that used `skill`: signals always, the judge when a model is configured, then the rule. */
export async function scoreAtom(input: ScoreAtomInput, opts: ScoreOptions): Promise<AtomScore> {
  const signals = scoredSignals({ trajectory: input.trajectory, atom: input.atom, next: input.next, now: opts.now });
  let judge: JudgeScore | undefined;
  let judgeError: string | undefined;
  if (opts.llm?.canChat) {
    try {
      judge = await judgeAtom(opts.llm, { skill: input.skill, version: input.version, atom: input.atom, signals, trajectory: input.trajectory, signal: opts.signal });
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      // an unreachable or confused model must not stop scoring: the signals still decide, and the row says why
      judgeError = describeError(e);
    }
  }
  const { outcome, rule } = combineOutcome(signals, judge);
  return {
    atomId: input.atom.id,
    sessionKey: input.atom.sessionKey,
    skill: input.skill,
    ...(input.version ? { version: input.version } : {}),
    signals,
    ...(judge ? { judge } : {}),
    ...(judgeError ? { judgeError } : {}),
    outcome,
    rule,
  };
}
