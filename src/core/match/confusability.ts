import type { SkillMatcher } from './matcher';

/** Two skills a request for one could land on the other. */
export interface ConfusablePair {
  a: string;
  b: string;
  /** 0..1, the matcher's similarity of the two (see SkillMatcher.similarity). */
  score: number;
  lexical: number;
  cosine?: number;
}

export const DEFAULT_CONFUSABILITY_THRESHOLD = 0.6;

/**
 * Pairs of skills that matching could mistake for each other: every pair whose similarity (their words,
 * and their embeddings when there are any) reaches `threshold`, best first. Every pair is compared, so this
 * is a report to run now and then, not on every query (a thousand skills is half a million pairs).
 */
export function confusablePairs(matcher: SkillMatcher, names: readonly string[], threshold = DEFAULT_CONFUSABILITY_THRESHOLD): ConfusablePair[] {
  const sorted = [...names].sort();
  const pairs: ConfusablePair[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const s = matcher.similarity(sorted[i], sorted[j]);
      if (s.score >= threshold) pairs.push({ a: sorted[i], b: sorted[j], ...s });
    }
  }
  return pairs.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}
