import MiniSearch from 'minisearch';
import { stem, terms } from '../text/terms';
import type { EvalRequest } from './requests';
import type { Offer } from './score';

/**
 * Raw-trajectory reuse: what a user gets with no distillation at all, by looking up the k earlier
 * requests most like this one (BM25 over the request text) and reusing the commands they ran. Only
 * earlier requests that ran a command successfully are looked up (one that ran nothing has nothing to
 * reuse). They name their successful commands and warn about their failed ones.
 */
export class RawReuse {
  private readonly search: MiniSearch<{ id: string; text: string }>;
  private readonly byId = new Map<string, EvalRequest>();

  constructor(earlier: readonly EvalRequest[]) {
    this.search = new MiniSearch({
      fields: ['text'],
      storeFields: [],
      tokenize: (text) => terms(text).map(stem),
      processTerm: (t) => t,
      searchOptions: { combineWith: 'OR' },
    });
    const useful = earlier.filter((r) => r.succeeded.length > 0);
    for (const r of useful) this.byId.set(r.id, r);
    this.search.addAll(useful.map((r) => ({ id: r.id, text: r.text })));
  }

  /** The k most similar earlier requests, best first (ties by id, so the order is the same every run). */
  similar(text: string, k: number): EvalRequest[] {
    return this.search
      .search(text)
      .sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id)))
      .slice(0, k)
      .map((hit) => this.byId.get(String(hit.id))!);
  }

  offer(text: string, k: number): Offer & { reused: string[] } {
    const similar = this.similar(text, k);
    const named = new Set(similar.flatMap((r) => r.succeeded));
    const warned = new Set(similar.flatMap((r) => r.failed));
    return { offered: named.size > 0, named, warned, reused: similar.map((r) => r.id) };
  }
}

/**
 * The static playbook: the `budget` commands the earlier requests ran successfully most often (counted
 * once per request), and the `budget` they saw fail most often as its warnings. The same list for every
 * request: what a team would pin in a README.
 */
export function staticPlaybook(earlier: readonly EvalRequest[], budget: number): Offer & { commands: string[] } {
  const commands = mostFrequent(earlier.map((r) => r.succeeded), budget);
  const warnings = mostFrequent(earlier.map((r) => r.failed), budget);
  return { offered: commands.length > 0, named: new Set(commands), warned: new Set(warnings), commands };
}

function mostFrequent(lists: readonly string[][], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const head of new Set(list)) counts.set(head, (counts.get(head) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([head]) => head);
}

/**
 * The playbook's budget: as many commands as a skill names (the median over the skills that were
 * matched, or over every skill when none was) times k, at least k; k when there are no skills.
 */
export function playbookBudget(namedCounts: readonly number[], k: number): number {
  if (namedCounts.length === 0) return k;
  const sorted = [...namedCounts].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.max(k, Math.ceil(median * k));
}
