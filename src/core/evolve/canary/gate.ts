import { probCandidateBetter, type ArmCounts } from './beta';
import { normalCdf } from './normal';

/**
 * The canary gate: a Beta-Binomial rule evaluated at a few planned looks.
 *
 * Why this rule and not an anytime-valid test: a live canary gets at most ~100 sessions per arm, and an
 * anytime-valid mixture SPRT pays for unlimited peeking with a boundary near z ≈ 3.2 at α = 1%, which
 * leaves under half the power for a +20-point candidate at 100 sessions per arm. Decisions only need to
 * happen when a review runs, so five planned looks cost little: each compares the exact posterior
 * P(candidate better) (uniform priors) with a threshold. The promotion threshold is very strict early and
 * relaxes towards the last look (O'Brien–Fleming shape), which keeps nearly the power of one fixed-size
 * test at α ≈ 1%. The false-promotion rate of the plan is measured, not assumed: A/A simulations over
 * baseline rates 0.2–0.8 (test/core/evolve/canary/gate.test.ts, `npm run bench -- canary`) put it near 1%.
 *
 * Promotion and rollback are not symmetric on purpose. Promoting a no-better version is the error to
 * bound tightly; rolling back an equal one only keeps the incumbent (the writer can propose again), while
 * keeping a worse one serves users a worse skill. So the harm threshold is constant across looks
 * (Pocock shape) and looser, and a clearly worse candidate is stopped at the first or second look.
 */

export interface GateLook {
  /** The look uses the first this-many sessions of each arm. */
  perArm: number;
  /** Promote when P(candidate better | data) is at least this. */
  promoteAt: number;
  /** Roll back when P(candidate worse | data) is at least this. */
  rollbackAt: number;
}

export interface GatePlan {
  /** In increasing `perArm`; the last one is the planned maximum. */
  looks: GateLook[];
}

export interface GateShape {
  /** Sessions per arm at the last look. */
  maxPerArm: number;
  /** How many equally spaced looks, the last at `maxPerArm`. */
  looks: number;
}

/** Promotion boundary in z at the last look; at information fraction t it is PROMOTE_Z / √t. */
export const PROMOTE_Z = 2.4;
/** Harm boundary in z, the same at every look. */
export const ROLLBACK_Z = 2.1;

export const DEFAULT_GATE_SHAPE: GateShape = { maxPerArm: 100, looks: 5 };

/** The looks for a shape: equally spaced, each threshold the normal probability of its z boundary. */
export function planGate(shape: GateShape = DEFAULT_GATE_SHAPE): GatePlan {
  checkShape(shape);
  const looks: GateLook[] = [];
  for (let k = 1; k <= shape.looks; k++) {
    const perArm = Math.round((shape.maxPerArm * k) / shape.looks);
    const t = perArm / shape.maxPerArm;
    looks.push({ perArm, promoteAt: normalCdf(PROMOTE_Z / Math.sqrt(t)), rollbackAt: normalCdf(ROLLBACK_Z) });
  }
  return { looks };
}

/** Fewer sessions per arm at the last look than this cannot plan a gate. */
export const MIN_MAX_PER_ARM = 4;

export function checkShape(shape: GateShape): void {
  if (!Number.isInteger(shape.maxPerArm) || shape.maxPerArm < MIN_MAX_PER_ARM) throw new RangeError(`maxPerArm must be an integer of at least ${MIN_MAX_PER_ARM}, got ${shape.maxPerArm}`);
  if (!Number.isInteger(shape.looks) || shape.looks < 1 || shape.looks > shape.maxPerArm) {
    throw new RangeError(`looks must be an integer from 1 to maxPerArm, got ${shape.looks}`);
  }
}

export type LookDecision = 'promote' | 'rollback' | 'continue' | 'inconclusive';

export interface LookResult {
  /** 0-based index into the plan's looks. */
  look: number;
  perArm: number;
  current: ArmCounts;
  candidate: ArmCounts;
  /** P(candidate's success rate > current's | the look's data). */
  pBetter: number;
  /** `inconclusive` only at the last look, when neither boundary was crossed. */
  decision: LookDecision;
}

/** Takes look `k` on the counts of the first `plan.looks[k].perArm` sessions of each arm. */
export function takeLook(plan: GatePlan, k: number, current: ArmCounts, candidate: ArmCounts): LookResult {
  const look = plan.looks[k];
  if (!look) throw new RangeError(`the plan has no look ${k}`);
  for (const [arm, c] of [['current', current], ['candidate', candidate]] as const) {
    if (c.successes + c.failures !== look.perArm) throw new RangeError(`look ${k} needs ${look.perArm} ${arm} sessions, got ${c.successes + c.failures}`);
  }
  const pBetter = probCandidateBetter(current, candidate);
  let decision: LookDecision = k === plan.looks.length - 1 ? 'inconclusive' : 'continue';
  if (pBetter >= look.promoteAt) decision = 'promote';
  else if (1 - pBetter >= look.rollbackAt) decision = 'rollback';
  return { look: k, perArm: look.perArm, current, candidate, pBetter, decision };
}

/** Successes and failures among the first `n` outcomes. */
export function countFirst(outcomes: readonly boolean[], n: number): ArmCounts {
  let successes = 0;
  for (let i = 0; i < n; i++) if (outcomes[i]) successes++;
  return { successes, failures: n - successes };
}

/**
 * Takes every look from `fromLook` on that the data reaches, in order, and stops at the first decision.
 * Outcomes are in the order they became known, so a look's data never changes once it was taken.
 */
export function runLooks(plan: GatePlan, current: readonly boolean[], candidate: readonly boolean[], fromLook = 0): LookResult[] {
  const results: LookResult[] = [];
  const available = Math.min(current.length, candidate.length);
  for (let k = fromLook; k < plan.looks.length && plan.looks[k].perArm <= available; k++) {
    const n = plan.looks[k].perArm;
    const r = takeLook(plan, k, countFirst(current, n), countFirst(candidate, n));
    results.push(r);
    if (r.decision !== 'continue') break;
  }
  return results;
}
