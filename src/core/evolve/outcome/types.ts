import type { AtomOutcome, OutcomeSignals } from '../../distill/atoms/types';

/** The atom's own signals plus what only the rest of the session shows. */
export interface ScoredSignals extends OutcomeSignals {
  /** The agent's changes were undone: a revert command after its edits, or the user asked to undo them. */
  reverted: boolean;
  /** The atom ended after a failure and the user left: the session ended, or the next request was about something else. */
  abandoned: boolean;
}

/** The LLM judge's rating of one atom against the written rubric. */
export interface JudgeScore {
  /** 1 (harmful) … 10 (done right at once). */
  score: number;
  reason: string;
  model: string;
}

/** Which clause of the combination rule (see combine.ts) settled an atom's outcome. */
export type OutcomeRule =
  | 'reverted'
  | 'abandoned'
  | 'corrected'
  | 'ended-in-error'
  | 'judge-low'
  | 'judge-high'
  | 'signals-clean'
  | 'no-evidence';

/** How an atom that used a skill went, for trust and for the canary. */
export interface AtomScore {
  atomId: string;
  sessionKey: string;
  skill: string;
  /** The skill version the atom loaded, when attribution knows it. */
  version?: string;
  signals: ScoredSignals;
  /** Absent offline, or when the judge call failed (then `judgeError` says why). */
  judge?: JudgeScore;
  judgeError?: string;
  outcome: AtomOutcome;
  rule: OutcomeRule;
}
