import type { AgentSource } from '../../transcripts/model';

/** One tool call reduced to what a workflow is made of: a kind of action and what it acted on. */
export interface Step {
  /** Stable signature used to find recurring sequences, e.g. `run:npm test`, `edit:.ts`, `search`. */
  signature: string;
  /** The concrete command or target as the agent ran it (redacted), for examples in a skill. */
  detail?: string;
  failed: boolean;
  /** The first error line of a failed step's output. */
  error?: string;
}

/** What the session itself says about how an atom went. */
export interface OutcomeSignals {
  toolCalls: number;
  toolErrors: number;
  /** The same step run again right after it failed. */
  retries: number;
  /** The next user turn reads as a correction or rejection of this atom's work. */
  corrected: boolean;
  /** The last step of the atom failed and nothing fixed it. */
  endedInError: boolean;
}

/** What the user told the agent right after it did something ("no, use X", "don't Y"). */
export interface Correction {
  /** The user's words (redacted, capped). */
  text: string;
  /** The agent's last action before them: the command it ran or the file it touched. */
  after?: string;
}

export type AtomOutcome = 'success' | 'failure' | 'unknown';

/** A single-intent slice of a session: where it is, what the user wanted, and what happened. */
export interface Atom {
  /** `<sessionKey>#<turnStart>`: stable across re-splits of a grown session. */
  id: string;
  /** `<source>:<sessionId>` of the trajectory it came from. */
  sessionKey: string;
  source: AgentSource;
  /** Half-open range of turn indexes in the trajectory. */
  turnStart: number;
  turnEnd: number;
  /** The user's request, short. */
  intent: string;
  /** The opening user turn in full (capped), for finding boilerplate shared by many sessions. */
  request: string;
  summary: string;
  tags: string[];
  steps: Step[];
  signals: OutcomeSignals;
  outcome: AtomOutcome;
  /** Skills the agent loaded or followed in this atom (name, and version when the transcript shows it). */
  usedSkills: { name: string; version?: string }[];
  workspace?: string;
  startedAt?: string;
  /** Corrections inside the atom, for rules; absent on atoms stored before they were recorded. */
  corrections?: Correction[];
}
