/**
 * Whether a skill fits a request at all, as opposed to how it ranks against the other skills.
 *
 * A fixed cutoff on the ranking score cannot say it: that score is the share of an ideal match for the
 * request's *known* words, so a request that shares one rare word with a skill ("rotate this photo" and
 * a skill about rotating secrets) scores like a good match, while a plain request for a skill with a
 * short description scores low. On a held-out tool-selection set such a cutoff declined most requests
 * that had a fitting skill and let through most that had none (balanced accuracy about 0.5).
 *
 * The fit looks at the request instead: how much of it the skill covers (the idf-weighted share of its
 * words the skill has, a word no skill uses weighing as the rarest) and how many of its words agree.
 * `fit = share ^ (1 / words)`: one shared word must cover about half of the request to count; every
 * further word that agrees lowers the share needed (at the default 0.45: 45% for one word, 20% for two,
 * 9% for three), because several words agreeing by chance is rare while one is common. A long request
 * that happens to share two or three everyday words with a skill still covers too little of itself.
 *
 * The margin over the next skill is reported, not used: on our labelled sets a wide margin is what one
 * rare shared word produces (the only skill that has it stands alone), so it pointed the wrong way.
 *
 * With embeddings, the rescaled cosine (0..1, fusion.ts) can vouch for a request on its own: the fit is
 * the larger of the two, so, as with fused scores, adding a signal never turns away a match that either
 * signal alone would accept. Scores, fits and thresholds all lie on 0..1.
 */
import { clamp01 } from './fusion';
import type { Coverage } from './skill-index';

/** Chosen on the retrieval set (test/fixtures/retrieval); `npm run bench -- match` reports it on both sets. */
export const DEFAULT_MIN_FIT = 0.45;

/** 0..1: how well one skill covers a request (see the file comment). */
export function fitOf(coverage: Coverage, cosine?: number): number {
  const lexical = coverage.words > 0 && coverage.share > 0 ? coverage.share ** (1 / coverage.words) : 0;
  return clamp01(Math.max(lexical, cosine ?? 0));
}

/** What the "no skill fits" decision was made from, about the best-ranked skill. */
export interface FitDecision {
  fits: boolean;
  /** The best-ranked skill, when any skill shares something with the request. */
  skill?: string;
  /** Its fused score. */
  best: number;
  /** Its score minus the next skill's (its own score when it is the only one). */
  margin: number;
  /** The idf-weighted share of the request it covers, and in how many words. */
  coverage: number;
  words: number;
  fit: number;
  minFit: number;
}

/** One line: "no skill fits: best rotate-secrets 0.31, margin 0.02, covers 20% of the request in 1 word (fit 0.20 < 0.45)". */
export function describeFit(d: FitDecision): string {
  const verdict = d.fits ? 'fits' : 'no skill fits';
  if (!d.skill) return `${verdict}: nothing relates to the query`;
  const words = `${d.words} word${d.words === 1 ? '' : 's'}`;
  const compare = d.fits ? '≥' : '<';
  return `${verdict}: best ${d.skill} ${d.best.toFixed(2)}, margin ${d.margin.toFixed(2)}, covers ${Math.round(100 * d.coverage)}% of the request in ${words} (fit ${d.fit.toFixed(2)} ${compare} ${d.minFit})`;
}
