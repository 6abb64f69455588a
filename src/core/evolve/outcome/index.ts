// Outcome scoring: how each atom that used a skill went, from the session's own signals and, where a model
// is configured, an LLM judge with a written rubric.
export type { AtomScore, JudgeScore, OutcomeRule, ScoredSignals } from './types';
export { combineOutcome, JUDGE_FAILURE_AT, JUDGE_SUCCESS_AT } from './combine';
export { isRevertCommand, revertedByCommand, undoRequested } from './reverts';
export { abandoned, endedAfterFailure, topicOverlap } from './abandonment';
export { scoredSignals, sessionEnded, SESSION_QUIET_MS } from './signals';
export { judgeAtom, JUDGE_STAGE } from './judge';
export { JUDGE_SYSTEM } from './judge-prompt';
export { scoreAtom, type ScoreAtomInput, type ScoreOptions } from './score-atom';
export { scorePendingUses, type ScoringReport } from './score-pending';
export { OutcomeStore, type PendingUse } from './store';
