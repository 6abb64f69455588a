import type { AtomOutcome } from '../../distill/atoms/types';
import type { JudgeScore, OutcomeRule, ScoredSignals } from './types';

/** Judge scores at or above this are a success (the rubric's "done, with at most small detours"). */
export const JUDGE_SUCCESS_AT = 7;
/** Judge scores at or below this are a failure (the rubric's "partly done or worse"). */
export const JUDGE_FAILURE_AT = 4;

/**
 * The combination rule, in order; the first clause that applies decides:
 *  1. Hard evidence from the session is final: a revert, abandonment after a failure, a user correction, or
 *     a last command that failed make the atom a failure whatever the judge says. A judge can misread a
 *     transcript; the user undoing the work cannot.
 *  2. With a judge score: ≤ 4 is a failure, ≥ 7 a success (the judge sees wrong answers nobody complained about).
 *  3. Otherwise (offline, a failed judge call, or a middling 5–6) the signals decide: tool work that finished
 *     clean is a success; an atom with no tool work and no complaint is no evidence either way.
 * Recovered tool errors and retries do not decide alone: they are detours, which the judge's rubric weighs.
 */
export function combineOutcome(s: ScoredSignals, judge?: JudgeScore): { outcome: AtomOutcome; rule: OutcomeRule } {
  if (s.reverted) return { outcome: 'failure', rule: 'reverted' };
  if (s.abandoned) return { outcome: 'failure', rule: 'abandoned' };
  if (s.corrected) return { outcome: 'failure', rule: 'corrected' };
  if (s.endedInError) return { outcome: 'failure', rule: 'ended-in-error' };
  if (judge && judge.score <= JUDGE_FAILURE_AT) return { outcome: 'failure', rule: 'judge-low' };
  if (judge && judge.score >= JUDGE_SUCCESS_AT) return { outcome: 'success', rule: 'judge-high' };
  if (s.toolCalls > 0) return { outcome: 'success', rule: 'signals-clean' };
  return { outcome: 'unknown', rule: 'no-evidence' };
}
