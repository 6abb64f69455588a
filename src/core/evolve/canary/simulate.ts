import { countFirst, takeLook, type GatePlan, type LookDecision } from './gate';
import { seededRandom, type Random } from './random';

export interface SimulationSpec {
  /** True success rates of the current version and the candidate. */
  currentRate: number;
  candidateRate: number;
  runs: number;
  /** Sessions each arm receives before the canary's time limit; a run undecided by then expires. */
  sessionsPerArm: number;
  seed: number;
  /** Candidate share of sessions; undefined sends sessions to the arms alternately. */
  share?: number;
}

export type RunEnd = 'promoted' | 'rolled-back' | 'inconclusive' | 'expired';

export interface SimulationResult {
  runs: number;
  promotionRate: number;
  /** Rolled back because the candidate was shown worse (the harm boundary), not for want of a win. */
  rollbackRate: number;
  /** Reached the last look with neither boundary crossed: the candidate is dropped, the current version stays. */
  inconclusiveRate: number;
  /** The time limit came before the last look. */
  expiredRate: number;
  /** Sessions of both arms seen when a promote or rollback decision was taken (median over those runs); null when none was. */
  medianSessionsToDecision: number | null;
  /** The same, counted per arm (the look's size). */
  medianSessionsPerArmToDecision: number | null;
}

/** Runs the gate `runs` times on Bernoulli outcomes; the same spec and seed give the same figures. */
export function simulateGate(plan: GatePlan, spec: SimulationSpec): SimulationResult {
  checkSpec(spec);
  const random = seededRandom(spec.seed);
  const ends: Record<RunEnd, number> = { promoted: 0, 'rolled-back': 0, inconclusive: 0, expired: 0 };
  const sessions: number[] = [];
  const perArm: number[] = [];
  for (let r = 0; r < spec.runs; r++) {
    const run = simulateRun(plan, spec, random);
    ends[run.end]++;
    if (run.end === 'promoted' || run.end === 'rolled-back') {
      sessions.push(run.sessions);
      perArm.push(run.perArm);
    }
  }
  return {
    runs: spec.runs,
    promotionRate: ends.promoted / spec.runs,
    rollbackRate: ends['rolled-back'] / spec.runs,
    inconclusiveRate: ends.inconclusive / spec.runs,
    expiredRate: ends.expired / spec.runs,
    medianSessionsToDecision: median(sessions),
    medianSessionsPerArmToDecision: median(perArm),
  };
}

const END_OF: Record<Exclude<LookDecision, 'continue'>, RunEnd> = { promote: 'promoted', rollback: 'rolled-back', inconclusive: 'inconclusive' };

/** One canary: sessions arrive one by one, each look is taken as soon as both arms reach its size. */
function simulateRun(plan: GatePlan, spec: SimulationSpec, random: Random): { end: RunEnd; sessions: number; perArm: number } {
  const arms: [boolean[], boolean[]] = [[], []]; // [current, candidate]
  const rates = [spec.currentRate, spec.candidateRate];
  let next = 0;
  let sessions = 0;
  while (Math.min(arms[0].length, arms[1].length) < spec.sessionsPerArm) {
    const arm = spec.share === undefined ? sessions % 2 : random() < spec.share ? 1 : 0;
    arms[arm].push(random() < rates[arm]);
    sessions++;
    const look = plan.looks[next];
    if (look.perArm > Math.min(arms[0].length, arms[1].length)) continue;
    const result = takeLook(plan, next, countFirst(arms[0], look.perArm), countFirst(arms[1], look.perArm));
    if (result.decision !== 'continue') return { end: END_OF[result.decision], sessions, perArm: look.perArm };
    next++;
  }
  return { end: 'expired', sessions, perArm: Math.min(arms[0].length, arms[1].length) };
}

function checkSpec(s: SimulationSpec): void {
  for (const [name, rate] of [['current rate', s.currentRate], ['candidate rate', s.candidateRate]] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${rate}`);
  }
  if (!Number.isInteger(s.runs) || s.runs < 1) throw new RangeError(`runs must be a positive integer, got ${s.runs}`);
  if (!Number.isInteger(s.sessionsPerArm) || s.sessionsPerArm < 1) throw new RangeError(`sessions per arm must be a positive integer, got ${s.sessionsPerArm}`);
  if (!Number.isInteger(s.seed)) throw new RangeError(`seed must be an integer, got ${s.seed}`);
  if (s.share !== undefined && !(s.share > 0 && s.share < 1)) throw new RangeError(`share must be between 0 and 1 (exclusive), got ${s.share}`);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
