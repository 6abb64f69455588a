import type { GatePlan, LookDecision } from './gate';

export type Arm = 'current' | 'candidate';

/**
 * `running` until one of: `promoted` (the candidate became the current version), `rolled-back` (shown
 * worse), `inconclusive` (no win by the last look), `expired` (the time limit came first), `stopped` (by
 * the user) — all of which drop the candidate with the reason — or `cancelled` (the skill or its candidate
 * changed under the canary, e.g. a hand edit; the library is left as it is).
 */
export type CanaryState = 'running' | 'promoted' | 'rolled-back' | 'inconclusive' | 'expired' | 'stopped' | 'cancelled';

export interface Canary {
  id: number;
  skill: string;
  currentVersion: string;
  candidateVersion: string;
  /** The candidate's target share of sessions. */
  share: number;
  /** Fixed when the canary starts, so a settings change never moves a running canary's boundaries. */
  plan: GatePlan;
  startedAt: string;
  expiresAt: string;
  state: CanaryState;
  endedAt?: string;
  reason?: string;
  /** The library version the promotion created. */
  resultVersion?: string;
}

/** Which arm a session was in: chosen when Skillsmith served it, or read from the version marker it loaded. */
export interface Assignment {
  canaryId: number;
  sessionKey: string;
  arm: Arm;
  version: string;
  source: 'served' | 'observed';
  assignedAt: string;
  /** Set once, when the session's outcome is first known; `sampleSeq` orders the samples the looks use. */
  outcome?: 'success' | 'failure';
  sampleSeq?: number;
}

export interface RecordedLook {
  look: number;
  perArm: number;
  currentSuccesses: number;
  candidateSuccesses: number;
  pBetter: number;
  decision: LookDecision;
  takenAt: string;
}

export interface ArmTally {
  /** Sessions with a recorded arm. */
  sessions: number;
  /** Of those, sessions whose outcome is known (the gate's samples). */
  samples: number;
  successes: number;
}

export interface CanaryStatus {
  canary: Canary;
  current: ArmTally;
  candidate: ArmTally;
  looks: RecordedLook[];
  /** Sessions per arm the next look needs; absent once the canary ended. */
  nextLookAt?: number;
}
