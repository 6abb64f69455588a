import MiniSearch from 'minisearch';
import { stem, terms } from '../text/terms';

/** What retrieval knows of a skill. */
export interface IndexedSkill {
  name: string;
  description: string;
  /** The body's `#` headings, which name a skill's phases better than its prose does. */
  headings: string[];
}

export interface SkillHit {
  name: string;
  /** 0..1: the BM25 score divided by the best score any document could get for this query. */
  score: number;
  /** The (stemmed) query words the skill matched. */
  terms: string[];
}

/** The library size below which coverage weighs words as if it were this large (see `SkillIndex.idf`). */
const COVERAGE_MIN_SKILLS = 50;

/** How much of a request one skill covers (see `SkillIndex.coverage`). */
export interface Coverage {
  /** 0..1, idf-weighted. */
  share: number;
  /** Distinct request words the skill has. */
  words: number;
}

/** Scores of every skill that shares a known word with a query, in parallel arrays, in no particular order. */
export interface ScoredSkills {
  names: string[];
  scores: Float64Array;
}

/**
 * BM25 retrieval over skills (name, description, headings), scored on a 0..1 scale: the BM25 score divided
 * by what an ideal skill for the query's known words would get, times the square root of the share of the
 * query's words that any skill knows. Words no skill uses cannot tell skills apart, so they lower the score
 * only through that share; one threshold then means about the same for a two-word query and a paragraph.
 *
 * minisearch scores each word; the per-word scores are kept until the index changes, and a query adds up
 * its words' scores times the number of its words a skill matched, which is minisearch's own OR ranking.
 * A word's first query costs one minisearch search; after that a query touches typed arrays only.
 */
export class SkillIndex {
  private readonly search: MiniSearch<IndexedSkill & { id: string; text: string }>;
  private readonly names = new Set<string>();
  /** Per word: the rows of the skills it scores for, and minisearch's score for each. Cleared on any change. */
  private readonly postings = new Map<string, { rows: Int32Array; scores: Float64Array }>();
  /** Row numbers for the postings; assigned when first needed after a change. */
  private rowList: string[] | undefined;
  private rowByName = new Map<string, number>();
  /** How many skills use each term, to tell known query words from unknown ones. */
  private readonly vocabulary = new Map<string, number>();
  private readonly termsOf = new Map<string, Set<string>>();

  constructor(skills: Iterable<IndexedSkill> = []) {
    this.search = new MiniSearch({
      fields: ['name', 'description', 'headings'],
      storeFields: [],
      tokenize: tokens,
      processTerm: (t) => t,
      extractField: (doc, field) => (field === 'headings' ? doc.headings.join(' ') : String((doc as unknown as Record<string, unknown>)[field] ?? '')),
      searchOptions: { boost: FIELD_BOOSTS, combineWith: 'OR', bm25: BM25 },
    });
    for (const s of skills) this.upsert(s);
  }

  get size(): number {
    return this.names.size;
  }

  upsert(skill: IndexedSkill): void {
    this.remove(skill.name);
    this.invalidate();
    this.search.add({ ...skill, id: skill.name, text: '' });
    this.names.add(skill.name);
    const words = new Set(tokens([skill.name, skill.description, ...skill.headings].join(' ')));
    this.termsOf.set(skill.name, words);
    for (const w of words) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
  }

  remove(name: string): void {
    if (!this.names.delete(name)) return;
    this.invalidate();
    this.search.discard(name);
    for (const w of this.termsOf.get(name) ?? []) {
      const n = (this.vocabulary.get(w) ?? 1) - 1;
      if (n > 0) this.vocabulary.set(w, n);
      else this.vocabulary.delete(w);
    }
    this.termsOf.delete(name);
  }

  /** At most `k` skills scoring at least `minScore`, best first (`k` = Infinity: every skill that shares a word). */
  query(text: string, k = 8, minScore = 0): SkillHit[] {
    return this.hits(text)
      .filter((h) => h.score >= minScore)
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, k);
  }

  /** Every skill that shares a known word with `text`, scored, in no particular order. */
  hits(text: string): SkillHit[] {
    const known = this.knownWords(text);
    const { names, scores } = this.scores(text);
    return names.map((name, i) => ({ name, score: scores[i], terms: known.filter((w) => this.termsOf.get(name)?.has(w)) }));
  }

  /** The query words (stemmed) that skill `name` shares with `text`. */
  matchedTerms(text: string, name: string): string[] {
    const mine = this.termsOf.get(name);
    return mine ? this.knownWords(text).filter((w) => mine.has(w)) : [];
  }

  /**
   * How alike two skills' words are: the cosine of their word sets weighted by inverse document frequency
   * (0..1; words every skill uses count for little). 0 when either is unknown.
   */
  similarity(a: string, b: string): number {
    const wa = this.termsOf.get(a);
    const wb = this.termsOf.get(b);
    if (!wa || !wb) return 0;
    const weight = (w: string) => this.idf(w) ** 2;
    let shared = 0;
    let na = 0;
    let nb = 0;
    for (const w of wa) {
      na += weight(w);
      if (wb.has(w)) shared += weight(w);
    }
    for (const w of wb) nb += weight(w);
    return na > 0 && nb > 0 ? shared / Math.sqrt(na * nb) : 0;
  }

  /**
   * How much of `text` skill `name` covers: `share` is the idf-weighted share of the query's words
   * (stemmed, stop words out) that the skill has, 0..1; `words` how many distinct query words it has. A
   * word no skill uses weighs as much as the rarest word, so a request that shares one rare word with a
   * skill and is otherwise about something else is covered little.
   */
  coverage(text: string, name: string): Coverage {
    const mine = this.termsOf.get(name);
    let total = 0;
    let covered = 0;
    let words = 0;
    for (const w of new Set(tokens(text))) {
      const weight = this.idf(w);
      total += weight;
      if (mine?.has(w)) {
        covered += weight;
        words++;
      }
    }
    return { share: total > 0 ? covered / total : 0, words };
  }

  /**
   * A word's weight in `coverage`. A small library says little about which words are rare: with one skill,
   * every word it uses is in "all" skills and would weigh a fifth of a word it lacks, so a plain request for
   * the only skill covered almost nothing. Weights are taken as if the library held at least
   * COVERAGE_MIN_SKILLS skills (about the size the fit threshold was chosen on), so the threshold means
   * the same for a new user's first skills as for a grown library.
   */
  private idf(word: string): number {
    const n = Math.max(this.names.size, COVERAGE_MIN_SKILLS);
    const df = this.vocabulary.get(word) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Like `hits`, without building an object per skill. */
  scores(text: string): ScoredSkills {
    const { rows, scores } = this.scoreRows(text);
    const names = this.rowNames();
    return { names: Array.from(rows, (row) => names[row]), scores };
  }

  /**
   * What the matcher ranks from: the row (see `rowNames`) and score of every skill that shares a known word
   * with `text`, in no particular order.
   */
  scoreRows(text: string): { rows: Int32Array; scores: Float64Array } {
    const words = [...new Set(tokens(text))];
    const known = words.filter((w) => this.vocabulary.has(w));
    if (known.length === 0) return { rows: new Int32Array(0), scores: new Float64Array(0) };
    const rowCount = this.rowNames().length;
    const sums = new Float64Array(rowCount);
    // a long text can match one skill with more than 255 words
    const matched = new Uint32Array(rowCount);
    const touched = new Int32Array(rowCount);
    let count = 0;
    for (const word of known) {
      const posting = this.posting(word);
      for (let i = 0; i < posting.rows.length; i++) {
        const row = posting.rows[i];
        if (matched[row]++ === 0) touched[count++] = row;
        sums[row] += posting.scores[i];
      }
    }
    const ceiling = this.ceiling(known);
    const coverage = Math.sqrt(known.length / words.length);
    const rows = touched.subarray(0, count);
    const scores = new Float64Array(count);
    for (let i = 0; i < count; i++) scores[i] = Math.min(1, (sums[rows[i]] * matched[rows[i]]) / ceiling) * coverage;
    return { rows, scores };
  }

  /** Every skill's name by row; the rows hold until the index changes. */
  rowNames(): readonly string[] {
    if (!this.rowList) {
      this.rowList = [...this.names];
      this.rowByName = new Map(this.rowList.map((n, i) => [n, i]));
    }
    return this.rowList;
  }

  private knownWords(text: string): string[] {
    return [...new Set(tokens(text))].filter((w) => this.vocabulary.has(w));
  }

  /** minisearch's score of one word for every skill that has it (a one-word query: no OR multiplier). */
  private posting(word: string): { rows: Int32Array; scores: Float64Array } {
    let posting = this.postings.get(word);
    if (!posting) {
      const results = this.search.search(word, { tokenize: (t) => [t] });
      posting = { rows: Int32Array.from(results, (r) => this.rowByName.get(String(r.id))!), scores: Float64Array.from(results, (r) => r.score) };
      this.postings.set(word, posting);
    }
    return posting;
  }

  private invalidate(): void {
    this.postings.clear();
    this.rowList = undefined;
  }

  /**
   * The score of an ideal skill for this query: every known word once in every field, each field of
   * average length. Worked out from BM25's formula as minisearch applies it (a sum over words and fields,
   * times the number of words matched), so no probe document ever touches the index.
   */
  private ceiling(known: string[]): number {
    const n = this.names.size;
    const perField = (term: string) => {
      const docs = this.vocabulary.get(term) ?? 1;
      return Math.log(1 + (n - docs + 0.5) / (docs + 0.5)) * (BM25.d + 1);
    };
    const boosts = FIELD_BOOSTS.name + FIELD_BOOSTS.description + FIELD_BOOSTS.headings;
    return known.reduce((sum, t) => sum + perField(t) * boosts, 0) * known.length;
  }
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FIELD_BOOSTS = { name: 2, description: 1, headings: 0.5 };

/** The `#` headings of a Markdown body, outside code fences. */
export function headingsOf(body: string): string[] {
  let fenced = false;
  const out: string[] = [];
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

function tokens(text: string): string[] {
  return terms(text.replace(/-/g, ' ')).map(stem);
}
