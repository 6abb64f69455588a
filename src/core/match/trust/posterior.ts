import { betaQuantile } from './beta';

/** The prior on a skill version's success rate: Beta(1, 1), uniform, so a new version starts at 0.5. */
export const PRIOR = { alpha: 1, beta: 1 } as const;
/** The credible bounds are one-sided 95%: the rate is above `lower` (below `upper`) with 95% probability. */
export const CREDIBLE_MASS = 0.95;

/** What the outcomes say about a skill version's success rate. */
export interface TrustPosterior {
  successes: number;
  failures: number;
  uses: number;
  /** Posterior mean of the success rate. */
  mean: number;
  /** 5% quantile of the posterior: a proper lower credible bound, never the normal approximation. */
  lower: number;
  /** 95% quantile. */
  upper: number;
}

export function posteriorOf(successes: number, failures: number): TrustPosterior {
  if (!(Number.isInteger(successes) && Number.isInteger(failures) && successes >= 0 && failures >= 0)) {
    throw new RangeError(`outcome counts must be whole numbers ≥ 0 (got ${successes} successes, ${failures} failures)`);
  }
  const a = PRIOR.alpha + successes;
  const b = PRIOR.beta + failures;
  return {
    successes,
    failures,
    uses: successes + failures,
    mean: a / (a + b),
    lower: betaQuantile(1 - CREDIBLE_MASS, a, b),
    upper: betaQuantile(CREDIBLE_MASS, a, b),
  };
}
