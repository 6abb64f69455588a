export { betaCdf, betaQuantile } from './beta';
export { CREDIBLE_MASS, PRIOR, posteriorOf, type TrustPosterior } from './posterior';
export { DEFAULT_TRUST_RULES, TRUST_LEVELS, TRUST_RANK, checkTrustRules, levelFromOutcomes, parseTrustLevel, type TrustLevel, type TrustRules } from './levels';
export { FAILURE_KINDS, parseFailureKind, type FailureKind } from './failure-kinds';
export {
  TrustStore,
  isQuarantined,
  recordOutcome,
  type Outcome,
  type OutcomeOptions,
  type OutcomeRecord,
  type QuarantineRecord,
  type SessionOutcome,
  type SkillRef,
  type TrustState,
} from './trust-store';
