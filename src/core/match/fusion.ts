/**
 * One 0..1 scale for every score a threshold is compared with.
 *
 * BM25 already comes on it (skill-index.ts: the share of an ideal match). A cosine does not: each
 * embedding model has its own floor (unrelated texts at 0.1 for one model, 0.7 for another), so a raw
 * cosine cannot share a threshold with anything. It is rescaled against the query's own floor, the mean
 * cosine of the query with the skills other than its nearest (most skills are unrelated to any query):
 * `(cos − floor) / (1 − floor)`, clamped. 0 then means "no closer than the skills it has nothing to do
 * with", 1 an identical text. The fused score is a weighted mean of the two, so it always lies between
 * them: fusing can never push every skill under a threshold that either signal alone would pass, which is
 * how a rank-fusion constant once silenced every skill (zeph #3435).
 */

export interface FusionWeights {
  bm25: number;
  cosine: number;
}

export const DEFAULT_WEIGHTS: Readonly<FusionWeights> = Object.freeze({ bm25: 0.4, cosine: 0.6 });

/** The floor of a query's cosines: their mean without the largest. 0 with fewer than two skills. */
export function cosineFloor(values: ArrayLike<number>): number {
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (values[i] > max) max = values[i];
  }
  return floorOf(sum, max, values.length);
}

/** The same floor from the sum of all `n` cosines and the largest. */
export function floorOf(sum: number, max: number, n: number): number {
  if (n < 2) return 0;
  return Math.max(0, Math.min(0.99, (sum - max) / (n - 1)));
}

/** A cosine on the 0..1 scale, given the query's floor. */
export function rescaleCosine(cosine: number, floor: number): number {
  return clamp01((cosine - floor) / (1 - floor));
}

/** The weighted mean of the signals a skill has; a skill without a vector is scored by BM25 alone. */
export function fuse(bm25: number, cosine: number | undefined, weights: FusionWeights = DEFAULT_WEIGHTS): number {
  if (cosine === undefined) return clamp01(bm25);
  const total = weights.bm25 + weights.cosine;
  return clamp01((weights.bm25 * bm25 + weights.cosine * cosine) / total);
}

/** `fuse(bm25[i], rescaleCosine(cosines[i], floor))` for every row, into `out`. */
export function fuseRows(bm25: Float64Array, cosines: Float32Array, floor: number, weights: FusionWeights, out: Float64Array): Float64Array {
  for (let i = 0; i < cosines.length; i++) out[i] = fuse(bm25[i], rescaleCosine(cosines[i], floor), weights);
  return out;
}

export function checkWeights(weights: FusionWeights): void {
  if (!(weights.bm25 >= 0 && weights.cosine >= 0 && weights.bm25 + weights.cosine > 0)) {
    throw new RangeError(`fusion weights must be ≥ 0 and not both 0 (got bm25 ${weights.bm25}, cosine ${weights.cosine})`);
  }
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 0;
}
