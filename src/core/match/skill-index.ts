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
}

/**
 * BM25 retrieval over skills (name, description, headings), scored on a 0..1 scale: the BM25 score divided
 * by what an ideal skill for the query's known words would get, times the square root of the share of the
 * query's words that any skill knows. Words no skill uses cannot tell skills apart, so they lower the score
 * only through that share; one threshold then means about the same for a two-word query and a paragraph.
 */
export class SkillIndex {
  private readonly search: MiniSearch<IndexedSkill & { id: string; text: string }>;
  private readonly names = new Set<string>();
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
    this.search.add({ ...skill, id: skill.name, text: '' });
    this.names.add(skill.name);
    const words = new Set(tokens([skill.name, skill.description, ...skill.headings].join(' ')));
    this.termsOf.set(skill.name, words);
    for (const w of words) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
  }

  remove(name: string): void {
    if (!this.names.delete(name)) return;
    this.search.discard(name);
    for (const w of this.termsOf.get(name) ?? []) {
      const n = (this.vocabulary.get(w) ?? 1) - 1;
      if (n > 0) this.vocabulary.set(w, n);
      else this.vocabulary.delete(w);
    }
    this.termsOf.delete(name);
  }

  /** At most `k` skills scoring at least `minScore`, best first. */
  query(text: string, k = 8, minScore = 0): SkillHit[] {
    const words = [...new Set(tokens(text))];
    const known = words.filter((w) => this.vocabulary.has(w));
    if (known.length === 0) return [];
    const query = known.join(' ');
    const hits = this.search.search(query);
    const ceiling = this.ceiling(known);
    const coverage = Math.sqrt(known.length / words.length);
    return hits
      .map((h) => ({ name: String(h.id), score: Math.min(1, h.score / ceiling) * coverage }))
      .filter((h) => h.score >= minScore)
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, k);
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
