import { checkWeights, cosineFloor, DEFAULT_WEIGHTS, floorOf, fuse, rescaleCosine, type FusionWeights } from './fusion';
import { SkillIndex, type IndexedSkill, type ScoredSkills } from './skill-index';
import { VectorIndex } from './vector-index';

/** What the matcher knows of a skill. */
export interface MatchableSkill extends IndexedSkill {
  version: string;
}

export interface MatcherSettings {
  /** Below this fused score the answer is "no skill fits". */
  minScore: number;
  /** When the best two are closer than this, the match is flagged ambiguous. */
  ambiguityMargin: number;
  weights: FusionWeights;
}

/**
 * Calibrated on the retrieval set in test/fixtures/retrieval (`npm run bench -- match` prints the trade-off
 * per threshold): at 0.15 most right first answers pass (about 4 in 5 with BM25 alone, more fused) and most
 * requests no skill fits are turned away (about 3 in 4), with BM25 alone and fused alike.
 */
export const DEFAULT_MATCHER_SETTINGS: Readonly<MatcherSettings> = Object.freeze({ minScore: 0.15, ambiguityMargin: 0.05, weights: DEFAULT_WEIGHTS });

export interface MatchedSkill {
  skill: string;
  version: string;
  /** 0..1, the fused score (BM25 alone when no vectors are loaded). */
  score: number;
  bm25: number;
  /** The rescaled cosine, when the skill has a vector. */
  cosine?: number;
  reasons: string[];
}

export interface MatchResult {
  matches: MatchedSkill[];
  /** The best two are too close to tell apart. */
  ambiguous: boolean;
  /** Why the list is empty, or why it is ambiguous. */
  reason?: string;
  mode: 'bm25' | 'fused';
}

export interface MatchOptions {
  k?: number;
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

  /** `exactScanLimit` is for tests and benchmarks of the shortlist (see vector-index.ts). */
  constructor(settings: Partial<MatcherSettings> = {}, options: { exactScanLimit?: number } = {}) {
    this.settings = { ...DEFAULT_MATCHER_SETTINGS, ...settings };
    this.vectors = new VectorIndex(options.exactScanLimit);
    checkWeights(this.settings.weights);
  }

  get size(): number {
    return this.index.size;
  }

  get vectorCount(): number {
    return this.vectors.size;
  }

  /** Adds or replaces one skill; its old vector is dropped unless a new one is given. */
  upsert(skill: MatchableSkill, vector?: Float32Array): void {
    this.index.upsert(skill);
    this.versions.set(skill.name, skill.version);
    if (vector) this.vectors.set(skill.name, vector);
    else this.vectors.delete(skill.name);
  }

  remove(name: string): void {
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
    const minScore = options.minScore ?? this.settings.minScore;
    const mode = options.queryVector !== undefined && this.vectors.size > 0 ? 'fused' : 'bm25';
    if (this.size === 0) return { matches: [], ambiguous: false, reason: 'no skills to match', mode };
    const ranked = this.rank(query, options.queryVector, k);
    const matches = ranked.filter((m) => m.score >= minScore).map((m) => this.describe(m, query));
    if (matches.length === 0) {
      const best = ranked[0];
      const reason = best ? `no skill fits: the best, ${best.name}, scores ${best.score.toFixed(2)}, under ${minScore}` : 'no skill fits: nothing relates to the query';
      return { matches: [], ambiguous: false, reason, mode };
    }
    const [first, second] = matches;
    const ambiguous = second !== undefined && first.score - second.score < this.settings.ambiguityMargin;
    const reason = ambiguous ? `too close to tell apart: ${first.skill} ${first.score.toFixed(2)} vs ${second.skill} ${second.score.toFixed(2)}` : undefined;
    return { matches, ambiguous, ...(reason ? { reason } : {}), mode };
  }

  /** Every skill's fused score above 0, by name (for reports that compare skills with each other). */
  scores(query: string, queryVector?: Float32Array): Map<string, number> {
    return new Map(this.rank(query, queryVector, Infinity).map((s) => [s.name, s.score]));
  }

  /**
   * The `limit` best scores above 0, best first, ties by name. Scores are numbers in a typed array until the
   * few that are returned: at 10,000 skills a query allocates next to nothing per skill.
   */
  private rank(query: string, queryVector: Float32Array | undefined, limit: number): Scored[] {
    const lexical = this.index.scores(query);
    const top = new TopK(limit);
    if (!queryVector || this.vectors.size === 0) {
      lexical.names.forEach((name, i) => {
        const score = lexical.scores[i];
        if (score > 0) top.offer(score, name, () => ({ name, score, bm25: score }));
      });
      return top.sorted();
    }
    if (this.vectors.sketched && limit !== Infinity) return this.rankShortlist(lexical, queryVector, top);
    const { names, values } = this.vectors.cosines(queryVector);
    const floor = cosineFloor(values);
    const bm25ByRow = new Float64Array(names.length);
    lexical.names.forEach((name, i) => {
      const row = this.vectors.rowOf(name);
      const score = lexical.scores[i];
      if (row !== undefined) bm25ByRow[row] = score;
      // a skill with no vector yet still counts, on BM25 alone
      else if (score > 0) top.offer(score, name, () => ({ name, score, bm25: score }));
    });
    for (let i = 0; i < names.length; i++) {
      const scaled = rescaleCosine(values[i], floor);
      const score = fuse(bm25ByRow[i], scaled, this.settings.weights);
      if (score > 0) top.offer(score, names[i], () => ({ name: names[i], score, bm25: bm25ByRow[i], cosine: { raw: values[i], scaled, floor } }));
    }
    return top.sorted();
  }

  /**
   * Fused ranking in a large catalog: exact cosines only for the skills whose vector sketches are nearest
   * and for the best BM25 hits; the floor from the exact mean over every skill. A skill outside both lists
   * is neither close in meaning nor in words, so it cannot be among the best few.
   */
  private rankShortlist(lexical: ScoredSkills, queryVector: Float32Array, top: TopK): Scored[] {
    const bm25 = new Map<string, number>();
    const lexicalTop = new TopK(SHORTLIST);
    lexical.names.forEach((name, i) => {
      const score = lexical.scores[i];
      if (score <= 0) return;
      bm25.set(name, score);
      if (this.vectors.has(name)) lexicalTop.offer(score, name, () => ({ name, score, bm25: score }));
      else top.offer(score, name, () => ({ name, score, bm25: score }));
    });
    const also = lexicalTop.sorted().map((s) => this.vectors.rowOf(s.name)!);
    const { rows, values } = this.vectors.shortlist(queryVector, Math.max(SHORTLIST, Math.ceil(this.vectors.size / 20)), also);
    let max = -Infinity;
    for (const v of values) if (v > max) max = v;
    const n = this.vectors.size;
    const floor = floorOf(this.vectors.meanCosine(queryVector) * n, max, n);
    rows.forEach((row, i) => {
      const name = this.vectors.nameAt(row);
      const b = bm25.get(name) ?? 0;
      const scaled = rescaleCosine(values[i], floor);
      const score = fuse(b, scaled, this.settings.weights);
      if (score > 0) top.offer(score, name, () => ({ name, score, bm25: b, cosine: { raw: values[i], scaled, floor } }));
    });
    return top.sorted();
  }

  private describe(s: Scored, query: string): MatchedSkill {
    const words = this.index.matchedTerms(query, s.name);
    const reasons = [s.bm25 > 0 ? `bm25 ${s.bm25.toFixed(2)}: ${words.join(', ')}` : 'bm25 0: no word in common'];
    if (s.cosine) reasons.push(`embedding ${s.cosine.scaled.toFixed(2)} (cosine ${s.cosine.raw.toFixed(2)} over a floor of ${s.cosine.floor.toFixed(2)})`);
    return {
      skill: s.name,
      version: this.versions.get(s.name) ?? '',
      score: s.score,
      bm25: s.bm25,
      ...(s.cosine ? { cosine: s.cosine.scaled } : {}),
      reasons,
    };
  }
}

interface Scored {
  name: string;
  score: number;
  bm25: number;
  cosine?: { raw: number; scaled: number; floor: number };
}

/** Skills scored exactly per query in a large catalog: at least this many nearest sketches (or 5%), and the best BM25 hits. */
const SHORTLIST = 200;

/** The best `k` of a stream of scores (all of them when `k` is Infinity); entries are built only when kept. */
class TopK {
  private readonly kept: Scored[] = [];

  constructor(private readonly k: number) {}

  offer(score: number, name: string, build: () => Scored): void {
    if (this.kept.length >= this.k) {
      const worst = this.kept[this.kept.length - 1];
      if (score < worst.score || (score === worst.score && name > worst.name)) return;
    }
    const entry = build();
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
