import { LlmError } from '../../llm/errors';
import type { LlmClient } from '../../llm/types';
import { DEFAULT_OFFLINE_RULES, type OfflineRules } from '../offline/engine';

export interface LlmEngineOptions {
  /** Rendered session text per split call, in estimated tokens. */
  windowTokens: number;
  /** Evidence atoms shown when writing or revising one skill. */
  maxEvidenceAtoms: number;
  /** New skills written per call at most, and the evidence text those groups may fill (estimated tokens). */
  groupsPerCall: number;
  groupTokens: number;
  /** Which unclaimed atoms form a group worth asking the model about (the offline miner's rules). */
  groupRules: OfflineRules;
  /** Reply caps per stage (per skill for `write`): answers are small JSON, a skill body the largest. */
  maxOutputTokens: { split: number; route: number; write: number };
}

export const DEFAULT_LLM_ENGINE_OPTIONS: LlmEngineOptions = {
  windowTokens: 4000,
  maxEvidenceAtoms: 6,
  groupsPerCall: 3,
  groupTokens: 3000,
  groupRules: DEFAULT_OFFLINE_RULES,
  maxOutputTokens: { split: 1200, route: 800, write: 1800 },
};

/** What every stage gets: the client, the options, and where to report what it could not do. */
export interface StageContext {
  client: LlmClient;
  options: LlmEngineOptions;
  /** A problem the user should see (a refused draft, a fallback); the run goes on. */
  problem(line: string): void;
  /** Something worth telling but not wrong (the model declined a group). */
  notice(line: string): void;
  signal?: AbortSignal;
}

/**
 * A reply that failed the schema even after the client's repair attempt: the model cannot do this one
 * thing, so the stage falls back or skips it. Every other failure (rate limits, outages, a bad key) stops
 * the run instead: the pipeline saved what it finished and the next run resumes there, rather than
 * filling the state with second-best answers while the endpoint is down.
 */
export function isUnusableReply(e: unknown): e is LlmError {
  return e instanceof LlmError && e.kind === 'malformed-output';
}
