import { DEFAULT_MIN_FIT, describeFit, fitOf, type FitDecision } from './fit';
import { checkWeights, cosineFloor, DEFAULT_WEIGHTS, fuse, fuseRows, rescaleCosine, type FusionWeights } from './fusion';
import { SkillIndex, type Coverage, type IndexedSkill } from './skill-index';
import { VectorIndex } from './vector-index';

/** What the matcher knows of a skill. */
export interface MatchableSkill extends IndexedSkill {
  version: string;
}

export interface MatcherSettings {
  /** A skill whose fit (fit.ts: how much of the request it covers) is under this does not fit; 0..1. */
  minFit: number;
  /**
   * A skill scoring under this is not listed even when it fits (0..1; 0 by default: the fit decides).
   * Given per call (`MatchOptions.minScore`) it is the older fixed cutoff instead, without the fit.
   */
  minScore: number;
  /** When the best two are closer than this, the match is flagged ambiguous. */
  ambiguityMargin: number;
  weights: FusionWeights;
}

/** The fit threshold was chosen on the retrieval set; `npm run bench -- match` reports it on a held-out set too. */
export const DEFAULT_MATCHER_SETTINGS: Readonly<MatcherSettings> = Object.freeze({ minFit: DEFAULT_MIN_FIT, minScore: 0, ambiguityMargin: 0.05, weights: DEFAULT_WEIGHTS });

/** The fixed cutoff on the best score that decided "no skill fits" before the fit did (kept for comparison). */
export const FIXED_CUTOFF = 0.15;

export interface MatchedSkill {
  skill: string;
  version: string;
  /** 0..1, the fused score (BM25 alone when no vectors are loaded). */
  score: number;
  bm25: number;
  /** The rescaled cosine, when the skill has a vector. */
  cosine?: number;
  /** 0..1, how well the skill covers the request (fit.ts); absent under a fixed `minScore` cutoff. */
  fit?: number;
  /** The idf-weighted share of the request's words the skill has. */
  coverage?: number;
  reasons: string[];
}

export interface MatchResult {
  matches: MatchedSkill[];
  /** The best two are too close to tell apart. */
  ambiguous: boolean;
  /** Why the list is empty, or why it is ambiguous. */
  reason?: string;
  mode: 'bm25' | 'fused';
  /** What "no skill fits" was decided from; absent under a fixed `minScore` cutoff. */
  decision?: FitDecision;
}

export interface MatchOptions {
  k?: number;
  /** Overrides the settings' `minFit`. */
  minFit?: number;
  /** A fixed cutoff on the score instead of the fit decision (how matching decided before the fit). */
  minScore?: number;
  /** The query's unit vector; without it (or without skill vectors) matching is BM25 alone. */
  queryVector?: Float32Array;
}

/** BM25 over name, description and headings, fused with embedding cosines when both sides have vectors. */
export class SkillMatcher {
  readonly settings: MatcherSettings;
  private readonly index = new SkillIndex();
  private readonly vectors: VectorIndex;
  private readonly versions = new Map<string, string>();
  /** Per BM25 row, the skill's vector row (-1: none); rebuilt after any change. */
  private vectorRowByLexicalRow: Int32Array | undefined;

  /** `simd: false` forces the plain-loop vector scan (for tests that compare the two). */
  constructor(settings: Partial<MatcherSettings> = {}, options: { simd?: boolean } = {}) {
    this.settings = { ...DEFAULT_MATCHER_SETTINGS, ...settings };
    this.vectors = new VectorIndex(options);
    checkWeights(this.settings.weights);
  }

  get size(): number {
    return this.index.size;
  }

  get vectorCount(): number {
    return this.vectors.size;
  }

  /** Bytes the skill vectors take (outside the JavaScript heap). */
  get vectorBytes(): number {
    return this.vectors.bytes;
  }

  /** Adds or replaces one skill; its old vector is dropped unless a new one is given. */
  upsert(skill: MatchableSkill, vector?: Float32Array): void {
    this.index.upsert(skill);
    this.versions.set(skill.name, skill.version);
    this.vectorRowByLexicalRow = undefined;
    if (vector) this.vectors.set(skill.name, vector);
    else this.vectors.delete(skill.name);
  }

  remove(name: string): void {
    this.vectorRowByLexicalRow = undefined;
    this.index.remove(name);
    this.vectors.delete(name);
    this.versions.delete(name);
  }

  has(name: string): boolean {
    return this.versions.has(name);
  }

  vectorOf(name: string): Float32Array | undefined {
    return this.vectors.vectorOf(name);
  }

  /**
   * How alike two skills are, on the matching scale: the idf-weighted overlap of their words, fused with
   * the cosine of their vectors rescaled against the catalog's mean pairwise cosine (the floor of "two
   * unrelated skills").
   */
  similarity(a: string, b: string): { score: number; lexical: number; cosine?: number } {
    const lexical = this.index.similarity(a, b);
    const raw = this.vectors.cosineBetween(a, b);
    if (raw === undefined) return { score: lexical, lexical };
    const cosine = rescaleCosine(raw, Math.max(0, Math.min(0.99, this.vectors.meanPairwiseCosine())));
    return { score: fuse(lexical, cosine, this.settings.weights), lexical, cosine };
  }

  match(query: string, options: MatchOptions = {}): MatchResult {
    const k = options.k ?? 5;
    const mode = options.queryVector !== undefined && this.vectors.size > 0 ? 'fused' : 'bm25';
    if (this.size === 0) return { matches: [], ambiguous: false, reason: 'no skills to match', mode };
    if (options.minScore !== undefined) return this.matchAbove(query, options.minScore, k, options.queryVector, mode);
    // a few more than asked: a skill ranked under one that does not fit may still fit
    const ranked = this.rank(query, options.queryVector, k + 5);
    const minFit = options.minFit ?? this.settings.minFit;
    const judged = ranked.map((s) => ({ s, ...this.fitFor(query, s) }));
    const fitting = judged.filter((j) => j.fit >= minFit && j.s.score >= this.settings.minScore).slice(0, k);
    const decision = decide(judged, fitting, minFit);
    if (fitting.length === 0) return { matches: [], ambiguous: false, reason: describeFit(decision), mode, decision };
    const matches = fitting.map((j) => this.describe(j.s, query, j));
    return { ...this.flagAmbiguous(matches), mode, decision };
  }

  /** The older decision: every skill scoring at least `minScore`, no fit asked. */
  private matchAbove(query: string, minScore: number, k: number, queryVector: Float32Array | undefined, mode: MatchResult['mode']): MatchResult {
    const ranked = this.rank(query, queryVector, k);
    const matches = ranked.filter((m) => m.score >= minScore).map((m) => this.describe(m, query));
    if (matches.length === 0) {
      const best = ranked[0];
      const reason = best ? `no skill fits: the best, ${best.name}, scores ${best.score.toFixed(2)}, under ${minScore}` : 'no skill fits: nothing relates to the query';
      return { matches: [], ambiguous: false, reason, mode };
    }
    return { ...this.flagAmbiguous(matches), mode };
  }

  private flagAmbiguous(matches: MatchedSkill[]): Pick<MatchResult, 'matches' | 'ambiguous' | 'reason'> {
    const [first, second] = matches;
    const ambiguous = second !== undefined && first.score - second.score < this.settings.ambiguityMargin;
    const reason = ambiguous ? `too close to tell apart: ${first.skill} ${first.score.toFixed(2)} vs ${second.skill} ${second.score.toFixed(2)}` : undefined;
    return { matches, ambiguous, ...(reason ? { reason } : {}) };
  }

  private fitFor(query: string, s: Scored): Omit<Judged, 's'> {
    const coverage = this.index.coverage(query, s.name);
    return { fit: fitOf(coverage, s.cosine?.scaled), coverage };
  }

  /** Every skill's fused score above 0, by name (for reports that compare skills with each other). */
  scores(query: string, queryVector?: Float32Array): Map<string, number> {
    return new Map(this.rank(query, queryVector, Infinity).map((s) => [s.name, s.score]));
  }

  /**
   * The `limit` best scores above 0, best first, ties by name. One pass over typed arrays: every cosine in
   * one SIMD scan, BM25 placed by row, and an entry built only for a score that makes the top `limit`.
   */
  private rank(query: string, queryVector: Float32Array | undefined, limit: number): Scored[] {
    const lexical = this.index.scoreRows(query);
    const lexicalNames = this.index.rowNames();
    const top = new TopK(limit);
    if (!queryVector || this.vectors.size === 0) {
      for (let i = 0; i < lexical.rows.length; i++) {
        const score = lexical.scores[i];
        const name = lexicalNames[lexical.rows[i]];
        if (score > 0 && top.admits(score, name)) top.add({ name, score, bm25: score });
      }
      return top.sorted();
    }
    const { names, values } = this.vectors.cosines(queryVector);
    const floor = cosineFloor(values);
    const vectorRows = this.vectorRows();
    const bm25ByRow = new Float64Array(names.length);
    for (let i = 0; i < lexical.rows.length; i++) {
      const row = vectorRows[lexical.rows[i]];
      const score = lexical.scores[i];
      if (row >= 0) bm25ByRow[row] = score;
      // a skill with no vector yet still counts, on BM25 alone
      else if (score > 0) {
        const name = lexicalNames[lexical.rows[i]];
        if (top.admits(score, name)) top.add({ name, score, bm25: score });
      }
    }
    const fused = fuseRows(bm25ByRow, values, floor, this.settings.weights, new Float64Array(names.length));
    for (let i = 0; i < names.length; i++) {
      const score = fused[i];
      if (score <= 0 || !top.admits(score, names[i])) continue;
      const cosine = { raw: values[i], scaled: rescaleCosine(values[i], floor), floor };
      top.add({ name: names[i], score, bm25: bm25ByRow[i], cosine });
    }
    return top.sorted();
  }

  private vectorRows(): Int32Array {
    if (!this.vectorRowByLexicalRow) {
      const names = this.index.rowNames();
      this.vectorRowByLexicalRow = Int32Array.from(names, (name) => this.vectors.rowOf(name) ?? -1);
    }
    return this.vectorRowByLexicalRow;
  }

  private describe(s: Scored, query: string, judged?: Omit<Judged, 's'>): MatchedSkill {
    const words = this.index.matchedTerms(query, s.name);
    const reasons = [s.bm25 > 0 ? `bm25 ${s.bm25.toFixed(2)}: ${words.join(', ')}` : 'bm25 0: no word in common'];
    if (s.cosine) reasons.push(`embedding ${s.cosine.scaled.toFixed(2)} (cosine ${s.cosine.raw.toFixed(2)} over a floor of ${s.cosine.floor.toFixed(2)})`);
    if (judged) reasons.push(`fit ${judged.fit.toFixed(2)}: covers ${Math.round(100 * judged.coverage.share)}% of the request in ${judged.coverage.words} word${judged.coverage.words === 1 ? '' : 's'}`);
    return {
      skill: s.name,
      version: this.versions.get(s.name) ?? '',
      score: s.score,
      bm25: s.bm25,
      ...(s.cosine ? { cosine: s.cosine.scaled } : {}),
      ...(judged ? { fit: judged.fit, coverage: judged.coverage.share } : {}),
      reasons,
    };
  }
}

interface Judged {
  s: Scored;
  fit: number;
  coverage: Coverage;
}

/** The decision rests on the first skill that fits, or else on the best-ranked one. */
function decide(judged: Judged[], fitting: Judged[], minFit: number): FitDecision {
  const basis = fitting[0] ?? judged[0];
  if (!basis) return { fits: false, best: 0, margin: 0, coverage: 0, words: 0, fit: 0, minFit };
  const next = judged.find((j) => j !== basis);
  const { share: coverage, words } = basis.coverage;
  return { fits: fitting.length > 0, skill: basis.s.name, best: basis.s.score, margin: basis.s.score - (next?.s.score ?? 0), coverage, words, fit: basis.fit, minFit };
}

interface Scored {
  name: string;
  score: number;
  bm25: number;
  cosine?: { raw: number; scaled: number; floor: number };
}

/** The best `k` of a stream of scores (all of them when `k` is Infinity), best first. */
class TopK {
  private readonly kept: Scored[] = [];

  constructor(private readonly k: number) {}

  /** Whether an entry with this score and name would be kept: ask before building it. */
  admits(score: number, name: string): boolean {
    if (this.kept.length < this.k) return true;
    const worst = this.kept[this.kept.length - 1];
    return score > worst.score || (score === worst.score && name < worst.name);
  }

  add(entry: Scored): void {
    if (this.k === Infinity) {
      this.kept.push(entry);
      return;
    }
    let i = this.kept.length;
    while (i > 0 && before(entry, this.kept[i - 1])) i--;
    this.kept.splice(i, 0, entry);
    if (this.kept.length > this.k) this.kept.pop();
  }

  sorted(): Scored[] {
    return this.k === Infinity ? this.kept.sort((a, b) => (before(a, b) ? -1 : 1)) : this.kept;
  }
}

function before(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.name < b.name);
}
