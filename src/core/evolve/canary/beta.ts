/*
 * The posterior probability that one Bernoulli arm beats another under independent Beta priors, computed
 * exactly (a finite sum over the integer posterior parameters), so the gate's numbers do not depend on a
 * sampler or an approximation.
 */

/** Successes and failures observed on one arm. */
export interface ArmCounts {
  successes: number;
  failures: number;
}

// ln((n)!) for n = 0..; grown on demand. Every Beta parameter here is an integer, so lgamma(n) = ln((n-1)!).
const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials.push(logFactorials[k - 1] + Math.log(k));
  return logFactorials[n];
}

function logGammaInt(n: number): number {
  return logFactorial(n - 1);
}

function logBeta(a: number, b: number): number {
  return logGammaInt(a) + logGammaInt(b) - logGammaInt(a + b);
}

/**
 * P(pB > pA) for pA ~ Beta(aA, bA) and pB ~ Beta(aB, bB), all parameters positive integers:
 * sum over i < aB of B(aA + i, bA + bB) / ((bB + i) B(1 + i, bB) B(aA, bA)).
 */
export function probGreater(aA: number, bA: number, aB: number, bB: number): number {
  for (const v of [aA, bA, aB, bB]) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`Beta parameters must be positive integers, got ${v}`);
  }
  const base = logBeta(aA, bA);
  let total = 0;
  for (let i = 0; i < aB; i++) {
    total += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - base);
  }
  return Math.min(1, Math.max(0, total));
}

/** P(candidate's success rate > current's) after the counts, from uniform Beta(1, 1) priors. */
export function probCandidateBetter(current: ArmCounts, candidate: ArmCounts): number {
  return probGreater(1 + current.successes, 1 + current.failures, 1 + candidate.successes, 1 + candidate.failures);
}
