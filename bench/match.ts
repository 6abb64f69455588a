/**
 * Matching benchmarks.
 * 1. Retrieval quality on two labeled sets of our own: test/fixtures/retrieval (where the fit threshold was
 *    chosen) and a held-out tool-selection set with other skills (test/fixtures/tool-selection). Top-1 and
 *    top-5 accuracy, BM25 alone and fused with embeddings, and the balanced accuracy of the "no skill
 *    fits" decision: the fit (src/core/match/fit.ts) at its default, against the fixed cutoff on the best
 *    score that decided before, in the same run. No embedding model is reachable here, so "fused" uses
 *    the scripted OpenAI-compatible server answering with a deterministic embedding of our own (hashed
 *    character n-grams, test/support/ngram-embedding.ts) through the real client: it knows spelling, not
 *    meaning, so it shows the plumbing and the scale, not what a real model would add.
 * 2. Match latency per query, one process, at 100, 1,000 and 10,000 skills, p50 and p95, as a ratio to a
 *    brute-force scan of the same skills (every skill scored for every query, no index). Fused latency
 *    excludes the query's embedding call (a network round trip) and includes the cosine of every skill's
 *    vector (exact, no shortlist). Vectors have 256 dimensions (the n-gram embedding's); at 10,000 skills
 *    fused matching is also timed at 1,536 (text-embedding-3-small's), against the plain-loop scan.
 *    Wall time and CPU time: on a shared machine wall time includes waiting for a core.
 * 3. Memory of the index at 10,000 skills: BM25 alone, and with vectors of 256 and 1,536 dimensions
 *    (JavaScript heap plus memory outside it, where the vectors are).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { DEFAULT_LIMITS } from '../src/core/llm/config';
import { GuardedLlmClient } from '../src/core/llm/guarded-client';
import { MemoryTokenLedger } from '../src/core/llm/ledger';
import { OpenAiChatTransport, OpenAiEmbeddingTransport } from '../src/core/llm/openai-transport';
import { systemClock } from '../src/core/llm/clock';
import { CachedEmbedder, llmEmbeddings, normalize } from '../src/core/match/embeddings/embedder';
import { DEFAULT_MATCHER_SETTINGS, FIXED_CUTOFF, SkillMatcher } from '../src/core/match/matcher';
import { embedText } from '../src/core/match/search';
import { stem, terms } from '../src/core/text/terms';
import { ngramVector, ngramEmbeddings } from '../test/support/ngram-embedding';
import { startOpenAiServer } from '../test/support/openai-server';
import { labeledQueries, retrievalSkills, toolQueries, toolSkills, type LabeledQuery, type RetrievalSkill } from '../test/support/retrieval-set';

export async function run(): Promise<void> {
  await retrievalQuality();
  latency();
  longVectors();
  memory();
}

async function retrievalQuality(): Promise<void> {
  const server = await startOpenAiServer({ handler: ngramEmbeddings });
  try {
    const client = new GuardedLlmClient(
      new OpenAiChatTransport({ baseUrl: server.baseUrl, model: 'unused' }, 10_000, systemClock),
      { limits: { ...DEFAULT_LIMITS, requestsPerMinute: 0, tokensPerMinute: 0 }, maxOutputTokens: 100, ledger: new MemoryTokenLedger() },
      new OpenAiEmbeddingTransport({ baseUrl: server.baseUrl, model: 'ngram-256' }, 10_000, systemClock),
    );
    const embedder = new CachedEmbedder(llmEmbeddings(client, 'ngram-256')!);
    console.log('fused = BM25 + cosine from the scripted server\'s deterministic n-gram embedding (no real embedding model is reachable here)');
    const sets = [
      { name: 'retrieval set (test/fixtures/retrieval; the fit threshold was chosen on it)', skills: retrievalSkills(), queries: labeledQueries() },
      { name: 'held-out tool-selection set (test/fixtures/tool-selection; other skills, short tool-style descriptions)', skills: toolSkills(), queries: toolQueries() },
    ];
    for (const set of sets) {
      const skillVectors = await embedder.embedAll(set.skills.map(embedText));
      const queryVectors = await embedder.embedAll(set.queries.map((q) => q.query));
      const fitting = set.queries.filter((q) => q.skill).length;
      const paraphrases = set.queries.filter((q) => q.skill && q.kind === 'paraphrase').length;
      console.log(`${set.name}: ${set.skills.length} skills, ${fitting} requests with a fitting skill (${paraphrases} of them paraphrased), ${set.queries.length - fitting} that no skill fits`);
      for (const fused of [false, true]) {
        const matcher = new SkillMatcher();
        set.skills.forEach((s, i) => matcher.upsert({ ...s, version: 'v1' }, fused ? skillVectors[i] : undefined));
        report(fused ? 'fused' : 'BM25 ', matcher, set.queries, fused ? queryVectors : undefined);
      }
    }
  } finally {
    await server.close();
  }
}

function report(label: string, matcher: SkillMatcher, queries: LabeledQuery[], vectors?: Float32Array[]): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const r = rankingQuality(matcher, queries, vectors);
  console.log(`  ${label}  top-1 ${pct(r.top1)}  top-5 ${pct(r.top5)} (paraphrased requests: top-5 ${pct(r.paraphraseTop5)})  flagged ambiguous ${pct(r.ambiguous)}`);
  const fixed = decisionQuality(matcher, queries, vectors, { minScore: FIXED_CUTOFF });
  const fit = decisionQuality(matcher, queries, vectors, {});
  const line = (d: DecisionQuality) =>
    `balanced accuracy ${d.balanced.toFixed(2)}: accepts ${pct(d.accepted)} of requests with a fitting skill (${pct(d.acceptedRight)} with it in the top 5), declines ${pct(d.declined)} of those with none`;
  console.log(`         no-fit decision, old (best score ≥ ${FIXED_CUTOFF}):  ${line(fixed)}`);
  console.log(`         no-fit decision, fit ≥ ${DEFAULT_MATCHER_SETTINGS.minFit} (default): ${line(fit)}`);
  const cells = FIT_THRESHOLDS.map((t) => `${t.toFixed(2)}${t === DEFAULT_MATCHER_SETTINGS.minFit ? '*' : ' '} ${decisionQuality(matcher, queries, vectors, { minFit: t }).balanced.toFixed(2)}`);
  console.log(`         balanced accuracy by min fit: ${cells.join('  ')}`);
}

const FIT_THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

/** Ranking alone: where the right skill is among every skill's score. */
function rankingQuality(matcher: SkillMatcher, queries: LabeledQuery[], vectors?: Float32Array[]) {
  let top1 = 0;
  let top5 = 0;
  let paraphrases = 0;
  let paraphraseTop5 = 0;
  let ambiguous = 0;
  queries.forEach((q, i) => {
    if (!q.skill) return;
    const ranked = [...matcher.scores(q.query, vectors?.[i])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const inTop5 = ranked.slice(0, 5).some(([name]) => name === q.skill);
    if (ranked[0]?.[0] === q.skill) top1++;
    if (inTop5) top5++;
    if (q.kind === 'paraphrase') {
      paraphrases++;
      if (inTop5) paraphraseTop5++;
    }
    if (matcher.match(q.query, { queryVector: vectors?.[i] }).ambiguous) ambiguous++;
  });
  const labeled = queries.filter((q) => q.skill).length;
  return { top1: top1 / labeled, top5: top5 / labeled, paraphraseTop5: paraphraseTop5 / Math.max(1, paraphrases), ambiguous: ambiguous / labeled };
}

interface DecisionQuality {
  /** The mean of `accepted` and `declined`: 0.5 is chance, whatever the mix of requests. */
  balanced: number;
  accepted: number;
  acceptedRight: number;
  declined: number;
}

/** The "no skill fits" decision as `matcher.match` makes it with these options. */
function decisionQuality(matcher: SkillMatcher, queries: LabeledQuery[], vectors: Float32Array[] | undefined, options: { minScore?: number; minFit?: number }): DecisionQuality {
  let fitting = 0;
  let accepted = 0;
  let acceptedRight = 0;
  let none = 0;
  let declined = 0;
  queries.forEach((q, i) => {
    const matches = matcher.match(q.query, { k: 5, queryVector: vectors?.[i], ...options }).matches;
    if (!q.skill) {
      none++;
      if (matches.length === 0) declined++;
      return;
    }
    fitting++;
    if (matches.length > 0) accepted++;
    if (matches.some((m) => m.skill === q.skill)) acceptedRight++;
  });
  return { balanced: (accepted / fitting + declined / none) / 2, accepted: accepted / fitting, acceptedRight: acceptedRight / fitting, declined: declined / none };
}

// ---- latency -------------------------------------------------------------------------------------------

/** `n` distinct skills made from the retrieval set: each mixes one skill's text with words of another. */
function syntheticSkills(n: number): RetrievalSkill[] {
  const base = retrievalSkills();
  const out: RetrievalSkill[] = [];
  for (let i = 0; i < n; i++) {
    const a = base[i % base.length];
    const b = base[(i * 7 + 3) % base.length];
    const extra = b.description.split(' ').slice(0, 6 + (i % 5)).join(' ');
    out.push({ name: `${a.name}-${i}`, description: `${a.description} ${extra}`, headings: [...a.headings, b.headings[i % b.headings.length]] });
  }
  return out;
}

const DIMS = 256;

function latency(): void {
  const queries = labeledQueries().map((q) => q.query);
  const queryVectors = queries.map((q) => normalize(ngramVector(q, DIMS)));
  console.log(`match latency per query at 100, 1,000 and 10,000 skills, ${DIMS}-dimension vectors, one process, ms (p50 / p95); ratio = brute-force scan time / index time.`);
  console.log(`"first" is the first pass over the ${queries.length} queries on a fresh index (a word's first query runs minisearch for it);`);
  console.log('"warm" is a second pass (per-word scores kept until the index changes); "cpu" is the warm pass in CPU time (no waiting for a shared core).');
  for (const n of [100, 1_000, 10_000]) {
    const skills = syntheticSkills(n);
    const vectors = skills.map((s) => normalize(ngramVector(embedText(s), DIMS)));
    const brute = new BruteForce(skills, vectors);
    const scanBm25 = timed(queries, (q) => brute.bm25(q)).warm;
    const scanFused = timed(queries, (q, i) => brute.fused(q, queryVectors[i])).warm;
    const bm25 = new SkillMatcher();
    const fused = new SkillMatcher();
    skills.forEach((s, i) => {
      bm25.upsert({ ...s, version: 'v' });
      fused.upsert({ ...s, version: 'v' }, vectors[i]);
    });
    const rows: [string, Timings, number[]][] = [
      ['BM25 ', timed(queries, (q) => bm25.match(q)), scanBm25],
      ['fused', timed(queries, (q, i) => fused.match(q, { queryVector: queryVectors[i] })), scanFused],
    ];
    for (const [label, index, scan] of rows) {
      const ratio = (t: number[]) => `${(percentile(scan, 0.5) / percentile(t, 0.5)).toFixed(0)}x / ${(percentile(scan, 0.95) / percentile(t, 0.95)).toFixed(0)}x`;
      console.log(
        `  ${String(n).padStart(6)} skills  ${label}  first ${cell(index.first)} (${ratio(index.first)})   warm ${cell(index.warm)} (${ratio(index.warm)})   cpu ${cell(index.cpu)}   brute force ${cell(scan)}`,
      );
    }
  }
}

/**
 * Real embedding models have long vectors: text-embedding-3-small's 1,536 dimensions. Fused latency at
 * 10,000 skills with those, against the same exact scan in a plain JavaScript loop, and how often the two
 * give the same five answers in the same order (the SIMD scan sums in float32).
 */
function longVectors(): void {
  const dims = 1536;
  const queries = labeledQueries().map((q) => q.query);
  const skills = syntheticSkills(10_000);
  const simd = new SkillMatcher();
  const plain = new SkillMatcher({}, { simd: false });
  skills.forEach((s) => {
    const v = normalize(ngramVector(embedText(s), dims));
    simd.upsert({ ...s, version: 'v' }, v);
    plain.upsert({ ...s, version: 'v' }, v);
  });
  const vectors = queries.map((q) => normalize(ngramVector(q, dims)));
  const fast = timed(queries, (q, i) => simd.match(q, { queryVector: vectors[i] }));
  for (const q of queries) plain.match(q); // the per-word BM25 scores, so its one pass is a warm one
  const slow = timed(queries, (q, i) => plain.match(q, { queryVector: vectors[i] }), 1);
  const top5 = (m: SkillMatcher, q: string, i: number) => m.match(q, { queryVector: vectors[i], minScore: 0 }).matches;
  let same = 0;
  let gap = 0;
  queries.forEach((q, i) => {
    const a = top5(simd, q, i);
    const b = top5(plain, q, i);
    if (a.map((m) => m.skill).join() === b.map((m) => m.skill).join()) same++;
    // where they differ, by how much the scores at each position do
    else a.forEach((m, k) => (gap = Math.max(gap, Math.abs(m.score - (b[k]?.score ?? 0)))));
  });
  const ratio = `${(percentile(slow.warm, 0.5) / percentile(fast.warm, 0.5)).toFixed(0)}x / ${(percentile(slow.warm, 0.95) / percentile(fast.warm, 0.95)).toFixed(0)}x`;
  const differ = same < queries.length ? ` (the rest swap near-equal skills: scores at most ${gap.toExponential(0)} apart)` : '';
  console.log(
    `  ${'10000'.padStart(6)} skills  fused, ${dims} dimensions: warm ${cell(fast.warm)} (${ratio})   cpu ${cell(fast.cpu)}   plain-loop scan ${cell(slow.warm)}, cpu ${cell(slow.cpu)}   same top 5 as the plain loop: ${((100 * same) / queries.length).toFixed(1)}%${differ}`,
  );
}

function cell(t: number[]): string {
  return `${percentile(t, 0.5).toFixed(2)} / ${percentile(t, 0.95).toFixed(2)}`;
}

interface Timings {
  first: number[];
  warm: number[];
  /** CPU time of the warm pass. */
  cpu: number[];
}

/** Per-query times in ms: a first pass and a second (warm) pass over the same queries (or only `passes` 1). */
function timed(queries: string[], fn: (q: string, i: number) => unknown, passes: 1 | 2 = 2): Timings {
  const cpu: number[] = [];
  const pass = () =>
    queries.map((q, i) => {
      const started = process.cpuUsage();
      const t = performance.now();
      fn(q, i);
      const wall = performance.now() - t;
      const used = process.cpuUsage(started);
      cpu.push((used.user + used.system) / 1000);
      return wall;
    });
  const first = pass();
  if (passes === 1) return { first, warm: first, cpu };
  cpu.length = 0;
  return { first, warm: pass(), cpu };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The baseline: every skill's BM25 (same fields, boosts and parameters) and cosine, computed per query. */
class BruteForce {
  private readonly docs: { name: string; fields: Map<string, number>[]; lengths: number[] }[];
  private readonly avg: number[];
  private readonly df = new Map<string, number>();
  private readonly words: (t: string) => string[];

  constructor(
    skills: RetrievalSkill[],
    private readonly vectors: Float32Array[],
  ) {
    const words = (t: string) => terms(t.replace(/-/g, ' ')).map(stem);
    this.docs = skills.map((s) => {
      const fields = [s.name, s.description, s.headings.join(' ')].map((t) => {
        const tf = new Map<string, number>();
        for (const w of words(t)) tf.set(w, (tf.get(w) ?? 0) + 1);
        return tf;
      });
      for (const w of new Set(fields.flatMap((f) => [...f.keys()]))) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      return { name: s.name, fields, lengths: fields.map((f) => [...f.values()].reduce((a, b) => a + b, 0)) };
    });
    this.avg = [0, 1, 2].map((i) => this.docs.reduce((sum, d) => sum + d.lengths[i], 0) / this.docs.length);
    this.words = words;
  }

  bm25(query: string): string[] {
    return this.top(this.docs.map((d) => this.scoreOf(d, this.words(query))));
  }

  fused(query: string, vector: Float32Array): string[] {
    const q = this.words(query);
    return this.top(this.docs.map((d, i) => 0.4 * this.scoreOf(d, q) + 0.6 * dot(this.vectors[i], vector)));
  }

  private scoreOf(d: BruteForce['docs'][number], query: string[]): number {
    const n = this.docs.length;
    let score = 0;
    for (const w of query) {
      const df = this.df.get(w);
      if (!df) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      d.fields.forEach((f, i) => {
        const tf = f.get(w) ?? 0;
        if (tf > 0) score += [2, 1, 0.5][i] * idf * ((tf * 2.2) / (tf + 1.2 * (0.3 + (0.7 * d.lengths[i]) / (this.avg[i] || 1))) + 0.5);
      });
    }
    return score;
  }

  private top(scores: number[]): string[] {
    return scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 5)
      .map(([, i]) => this.docs[i].name);
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

// ---- memory --------------------------------------------------------------------------------------------

function memory(): void {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const skills = syntheticSkills(10_000);
  const used = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const before = used();
  const bm25 = new SkillMatcher();
  for (const s of skills) bm25.upsert({ ...s, version: 'v' });
  const lexical = used() - before;
  const cells = [`BM25 index ${mb(lexical)}`];
  for (const dims of [DIMS, 1536]) {
    const vectors = skills.map((s) => normalize(ngramVector(embedText(s), dims)));
    const start = used();
    const fused = new SkillMatcher();
    skills.forEach((s, i) => fused.upsert({ ...s, version: 'v' }, vectors[i]));
    const total = used() - start;
    cells.push(`with ${dims}-dimension vectors ${mb(total)} (vectors ${mb(fused.vectorBytes)}, ${mb(skills.length * dims * 4)} of them the floats themselves)`);
  }
  console.log(`memory at 10,000 skills (JavaScript heap + memory outside it): ${cells.join('; ')}`);
  void bm25.size;
}
