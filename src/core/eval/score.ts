import type { EvalRequest } from './requests';

/** What one method (the skills, or a baseline) offered one request. */
export interface Offer {
  /** The method offered something: a skill matched, or a baseline had commands to give. */
  offered: boolean;
  /** Heads it names. */
  named: ReadonlySet<string>;
  /** Heads it warns about. */
  warned: ReadonlySet<string>;
}

/** One request's scores; a metric that is not defined for the request is undefined. */
export interface RequestScore {
  recall?: number;
  precision?: number;
  f1?: number;
  foresight?: number;
  covered: boolean;
}

export interface MetricMean {
  /** The mean over the requests the metric is defined for; 0 when it is defined for none. */
  mean: number;
  /** How many requests it is defined for. */
  n: number;
}

export interface MethodScores {
  recall: MetricMean;
  precision: MetricMean;
  f1: MetricMean;
  foresight: MetricMean;
  coverage: MetricMean;
}

/**
 * Scores one request. With S the heads it ran successfully, R every head it ran, F the heads it saw
 * fail, N the heads the offer names and W those it warns about:
 * - recall    = |N ∩ S| / |S|, defined when S is not empty: a request with commands that nothing was
 *               offered for scores 0;
 * - precision = |N ∩ R| / |N|, defined when N is not empty (nothing named is neither right nor wrong);
 *               a named command counts as right when the request ran it, successfully or not;
 * - F1        = 2·P·R / (P + R), defined when S is not empty; 0 when N is empty or shares nothing with S;
 * - foresight = |W ∩ F| / |F|, defined when F is not empty;
 * - covered   = the method offered anything for the request (coverage's mean is over every request).
 */
export function scoreRequest(request: EvalRequest, offer: Offer): RequestScore {
  const ran = new Set([...request.succeeded, ...request.failed]);
  const named = offer.offered ? offer.named : new Set<string>();
  const hits = (set: Iterable<string>, of: ReadonlySet<string>) => [...set].filter((h) => of.has(h)).length;
  const score: RequestScore = { covered: offer.offered };
  if (request.succeeded.length > 0) score.recall = hits(request.succeeded, named) / request.succeeded.length;
  if (named.size > 0) score.precision = hits(named, ran) / named.size;
  if (score.recall !== undefined) {
    const p = score.precision ?? 0;
    score.f1 = p + score.recall === 0 ? 0 : (2 * p * score.recall) / (p + score.recall);
  }
  if (request.failed.length > 0) score.foresight = hits(request.failed, offer.offered ? offer.warned : new Set()) / request.failed.length;
  return score;
}

/** Each metric's mean over the requests it is defined for (see `scoreRequest`). */
export function meanScores(scores: readonly RequestScore[]): MethodScores {
  const mean = (values: (number | undefined)[]): MetricMean => {
    const defined = values.filter((v): v is number => v !== undefined);
    return { mean: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : 0, n: defined.length };
  };
  return {
    recall: mean(scores.map((s) => s.recall)),
    precision: mean(scores.map((s) => s.precision)),
    f1: mean(scores.map((s) => s.f1)),
    foresight: mean(scores.map((s) => s.foresight)),
    coverage: mean(scores.map((s) => (s.covered ? 1 : 0))),
  };
}
